package org.printgate.engine.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.printgate.engine.config.EngineConfig;
import org.printgate.ipp.Unauthenticated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks HTTP credentials (docs/ticket-protocol.md §2.3): Bearer tokens for spoolers and Basic
 * passwords for people and tools. Only digests of secrets are configured and kept: SHA-256 for
 * tokens (128 random bits need no slow hash), PBKDF2-HMAC-SHA256 for passwords (people choose
 * guessable ones; a leaked configuration must not give them away cheaply). SHA-256 password
 * digests are still accepted, with a warning at start. Comparisons are constant-time.
 * <p>
 * A slow hash on every request would cost each request the KDF, so a successful Basic
 * verification is remembered, keyed by the SHA-256 of the whole header value, in a bounded
 * cache: the same header is then as cheap as a token.
 */
public final class Authenticator {
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
    static final String CHALLENGE = "Bearer realm=\"printgate\", Basic realm=\"printgate\"";
    /** The prefix of a {@code password-pbkdf2} value: {@code pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64}. */
    public static final String PBKDF2_SCHEME = "pbkdf2-sha256";
    /** What {@link #hashPassword} uses by default: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Below this a PBKDF2 hash is logged as weak. */
    static final int WEAK_ITERATIONS = 100_000;
    /** Remembered verified Basic headers; least recently used ones go first. */
    static final int CACHE_SIZE = 1024;

    private final Map<String, Credential> byTokenDigest = new HashMap<>();
    private final Map<String, Entry> byUser = new HashMap<>();
    private final Map<String, Credential> byName = new HashMap<>();
    /** Device credentials by the queue they are bound to: those queues are managed (docs/firmware.md §1). */
    private final Map<String, Credential> devicesByQueue = new HashMap<>();
    private final Map<String, Credential> verified = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Credential> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private final AtomicLong derivations = new AtomicLong();
    /**
     * Derived for unknown users as for known ones, so the answer's timing does not tell which
     * users exist: as costly as the costliest configured hash (null when none is PBKDF2).
     */
    private final Pbkdf2 decoy;

    /** A password configured as SHA-256 (weak) or PBKDF2 digest. */
    private record Entry(byte[] sha256, Pbkdf2 pbkdf2, Credential credential) {}

    /** A parsed {@code pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64}. */
    private record Pbkdf2(int iterations, byte[] salt, byte[] hash) {
        static Pbkdf2 parse(String value) {
            String[] parts = value.split("\\$");
            if (parts.length != 4 || !parts[0].equals(PBKDF2_SCHEME)) {
                throw new IllegalArgumentException("password-pbkdf2 must be " + PBKDF2_SCHEME + "$ITERATIONS$SALT_B64$HASH_B64");
            }
            try {
                Pbkdf2 parsed = new Pbkdf2(Integer.parseInt(parts[1]), Base64.getDecoder().decode(parts[2]),
                        Base64.getDecoder().decode(parts[3]));
                if (parsed.iterations < 1 || parsed.salt.length == 0 || parsed.hash.length < 16) {
                    throw new IllegalArgumentException("password-pbkdf2: iterations, salt or hash out of range");
                }
                return parsed;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("password-pbkdf2: " + e.getMessage(), e);
            }
        }
    }

    public Authenticator(Iterable<EngineConfig.CredentialConfig> credentials) {
        for (EngineConfig.CredentialConfig c : credentials) {
            Credential credential = new Credential(c.name(), c.role(), c.identities(),
                    c.maxLiveJobs() == null ? Credential.DEFAULT_MAX_LIVE_JOBS : c.maxLiveJobs(), deviceBinding(c));
            byName.put(c.name(), credential);
            if (credential.isDevice() && devicesByQueue.putIfAbsent(credential.device().queue(), credential) != null) {
                throw new IllegalArgumentException(c.name() + ": queue " + credential.device().queue()
                        + " already has a device credential (one per printer, docs/firmware.md §1)");
            }
            if (c.tokenSha256() != null) {
                byTokenDigest.put(c.tokenSha256().toLowerCase(), credential);
            }
            if (c.passwordSha256() != null && c.passwordPbkdf2() != null) {
                throw new IllegalArgumentException(c.name() + ": give password-pbkdf2 or password-sha256, not both");
            }
            if (c.passwordPbkdf2() != null) {
                Pbkdf2 pbkdf2 = Pbkdf2.parse(c.passwordPbkdf2());
                if (pbkdf2.iterations() < WEAK_ITERATIONS) {
                    log.warn("credential {}: password-pbkdf2 with only {} iterations is weak; use at least {}",
                            c.name(), pbkdf2.iterations(), WEAK_ITERATIONS);
                }
                byUser.put(c.name(), new Entry(null, pbkdf2, credential));
            } else if (c.passwordSha256() != null) {
                log.warn("credential {}: password-sha256 is a fast hash, cheap to guess from a leaked configuration;"
                        + " use password-pbkdf2 (printgate engine --hash-password)", c.name());
                byUser.put(c.name(), new Entry(HexFormat.of().parseHex(c.passwordSha256()), null, credential));
            }
        }
        this.decoy = byUser.values().stream().map(Entry::pbkdf2).filter(java.util.Objects::nonNull)
                .max(java.util.Comparator.comparingInt(Pbkdf2::iterations))
                .map(p -> new Pbkdf2(p.iterations(), new byte[p.salt().length], new byte[p.hash().length]))
                .orElse(null);
    }

    /**
     * The binding of a device credential, checked: a device has a token (a printer has no one to
     * type a password), a queue and a {@code urn:uuid:}; no other role has a queue or a uuid.
     */
    private static DeviceBinding deviceBinding(EngineConfig.CredentialConfig c) {
        if (c.role() != Role.DEVICE) {
            if (c.queue() != null || c.outputDeviceUuid() != null) {
                throw new IllegalArgumentException(c.name() + ": queue and output-device-uuid are for role device only");
            }
            return null;
        }
        if (c.queue() == null || c.queue().isBlank() || c.outputDeviceUuid() == null) {
            throw new IllegalArgumentException(c.name() + ": a device credential needs queue and output-device-uuid");
        }
        if (c.tokenSha256() == null || c.passwordSha256() != null || c.passwordPbkdf2() != null) {
            throw new IllegalArgumentException(c.name() + ": a device credential has a token-sha256 and no password");
        }
        try {
            return new DeviceBinding(c.queue().strip(), DeviceBinding.parseUuid(c.outputDeviceUuid()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.name() + ": " + e.getMessage(), e);
        }
    }

    /** The device credential bound to {@code queue}: present when the queue is managed (docs/firmware.md §1). */
    public java.util.Optional<Credential> deviceOf(String queue) {
        return java.util.Optional.ofNullable(devicesByQueue.get(queue));
    }

    /** The credential named {@code name} (a holder of tickets and subscriptions), if configured. */
    public java.util.Optional<Credential> named(String name) {
        return java.util.Optional.ofNullable(byName.get(name));
    }

    /** The credential behind an Authorization header value, or {@link Unauthenticated}. */
    public Credential authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new Unauthenticated(CHALLENGE, "no credentials");
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String value = space < 0 ? "" : authorization.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            Credential credential = byTokenDigest.get(sha256Hex(value));
            if (credential != null) {
                return credential;
            }
        } else if (scheme.equalsIgnoreCase("Basic")) {
            String key = sha256Hex(authorization);
            synchronized (verified) {
                Credential known = verified.get(key);
                if (known != null) {
                    return known;
                }
            }
            Credential credential = verifyBasic(value);
            if (credential != null) {
                synchronized (verified) {
                    verified.put(key, credential);
                }
                return credential;
            }
        }
        throw new Unauthenticated(CHALLENGE, "credentials refused");
    }

    private Credential verifyBasic(String value) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Unauthenticated(CHALLENGE, "malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        Entry entry = colon < 0 ? null : byUser.get(decoded.substring(0, colon));
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        if (entry == null) {
            if (decoy != null) {
                derive(password, decoy);
            }
            return null;
        }
        boolean matches = entry.pbkdf2() != null
                ? MessageDigest.isEqual(entry.pbkdf2().hash(), derive(password, entry.pbkdf2()))
                : MessageDigest.isEqual(entry.sha256(), sha256(password));
        return matches ? entry.credential() : null;
    }

    /** How many PBKDF2 derivations this authenticator has run (the cache keeps this low). */
    public long derivations() {
        return derivations.get();
    }

    private byte[] derive(String password, Pbkdf2 parameters) {
        derivations.incrementAndGet();
        return pbkdf2(password.toCharArray(), parameters.salt(), parameters.iterations(), parameters.hash().length);
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * A {@code password-pbkdf2} configuration value for {@code password}: a random 16-byte salt
     * and a 32-byte PBKDF2-HMAC-SHA256 hash, {@code pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64}.
     */
    public static String hashPassword(char[] password, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1");
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, iterations, 32);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PBKDF2_SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    public static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
