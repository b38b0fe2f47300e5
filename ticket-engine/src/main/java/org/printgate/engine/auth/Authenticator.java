package org.printgate.engine.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.printgate.engine.config.EngineConfig;
import org.printgate.ipp.Unauthenticated;

/**
 * Checks HTTP credentials (docs/ticket-protocol.md §2.3): Bearer tokens for spoolers and Basic
 * passwords for people and tools. Only SHA-256 digests of secrets are configured and kept; the
 * comparison is constant-time.
 */
public final class Authenticator {
    static final String CHALLENGE = "Bearer realm=\"printgate\", Basic realm=\"printgate\"";

    private final Map<String, Credential> byTokenDigest = new HashMap<>();
    private final Map<String, Entry> byUser = new HashMap<>();

    private record Entry(byte[] passwordDigest, Credential credential) {}

    public Authenticator(Iterable<EngineConfig.CredentialConfig> credentials) {
        for (EngineConfig.CredentialConfig c : credentials) {
            Credential credential = new Credential(c.name(), c.role(), c.identities(),
                    c.maxLiveJobs() == null ? Credential.DEFAULT_MAX_LIVE_JOBS : c.maxLiveJobs());
            if (c.tokenSha256() != null) {
                byTokenDigest.put(c.tokenSha256().toLowerCase(), credential);
            }
            if (c.passwordSha256() != null) {
                byUser.put(c.name(), new Entry(HexFormat.of().parseHex(c.passwordSha256()), credential));
            }
        }
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
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Unauthenticated(CHALLENGE, "malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            Entry entry = colon < 0 ? null : byUser.get(decoded.substring(0, colon));
            if (entry != null && MessageDigest.isEqual(entry.passwordDigest(), sha256(decoded.substring(colon + 1)))) {
                return entry.credential();
            }
        }
        throw new Unauthenticated(CHALLENGE, "credentials refused");
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
