package org.printgate.engine.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.printgate.engine.auth.Credential;

/**
 * The console's signed-in people, in memory: a session is a random 256-bit id (the cookie) with
 * its credential and its CSRF token. A session unused for {@link #IDLE_TIMEOUT} is gone; a
 * restart of the engine signs everyone out, which is acceptable for an operator's page.
 */
final class ConsoleSessions {
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    /** More live sessions than this are refused rather than kept: memory stays bounded. */
    static final int MAX_SESSIONS = 10_000;

    /** A signed-in person. {@code lastUsedMillis} is advanced by every request that finds it. */
    static final class Session {
        final String id;
        final Credential credential;
        final String csrfToken;
        volatile long lastUsedMillis;
        /** The result of the last action, shown once on the page it redirects to (post/redirect/get). */
        volatile String notice = "";

        Session(String id, Credential credential, String csrfToken, long now) {
            this.id = id;
            this.credential = credential;
            this.csrfToken = csrfToken;
            this.lastUsedMillis = now;
        }

        /** Is {@code token} this session's CSRF token? Compared in constant time. */
        boolean hasCsrfToken(String token) {
            return token != null && MessageDigest.isEqual(csrfToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        boolean mayAct() {
            return credential.isOperator();
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    ConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session for {@code credential}, or empty when too many are live. */
    Optional<Session> open(Credential credential) {
        long now = clock.millis();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> expired(s, now));
            if (sessions.size() >= MAX_SESSIONS) {
                return Optional.empty();
            }
        }
        Session session = new Session(randomId(), credential, randomId(), now);
        sessions.put(session.id, session);
        return Optional.of(session);
    }

    /** The live session with this id, its idle time restarted; an expired one is dropped. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        if (expired(session, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.lastUsedMillis = now;
        return Optional.of(session);
    }

    void close(String id) {
        sessions.remove(id);
    }

    private static boolean expired(Session session, long now) {
        return now - session.lastUsedMillis > IDLE_TIMEOUT.toMillis();
    }

    /** 256 random bits, URL-safe Base64: unguessable, and harmless in a cookie or a form field. */
    private String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
