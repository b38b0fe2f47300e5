package org.printgate.engine.console;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing at the console's login. Each failed login doubles the wait before the
 * next attempt for that account and for that address (1 s, 2 s, 4 s ... up to {@link #MAX_DELAY});
 * an attempt inside the wait is refused with 429 without checking the password, so no thread
 * sleeps and a guesser learns nothing. A success clears the account's count, not the address's
 * (one right password must not reset a spray over many accounts).
 */
final class LoginThrottle {
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(5);
    /** Keys tracked at most; past it the oldest quiet ones are forgotten. */
    private static final int MAX_KEYS = 100_000;

    private record Failures(int count, long notBeforeMillis) {}

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must still wait before trying {@code user} from {@code address}; zero if not. */
    Duration wait(String user, String address) {
        long now = clock.millis();
        long until = Math.max(notBefore("user:" + user), notBefore("address:" + address));
        return until > now ? Duration.ofMillis(until - now) : Duration.ZERO;
    }

    /** Records a failed login; returns the wait it imposes. */
    Duration failed(String user, String address) {
        Duration delay = count("user:" + user);
        Duration byAddress = count("address:" + address);
        return delay.compareTo(byAddress) >= 0 ? delay : byAddress;
    }

    void succeeded(String user) {
        failures.remove("user:" + user);
    }

    private long notBefore(String key) {
        Failures f = failures.get(key);
        return f == null ? 0 : f.notBeforeMillis();
    }

    private Duration count(String key) {
        long now = clock.millis();
        if (failures.size() >= MAX_KEYS) {
            failures.values().removeIf(f -> f.notBeforeMillis() + MAX_DELAY.toMillis() < now);
        }
        Failures updated = failures.merge(key, new Failures(1, now + FIRST_DELAY.toMillis()), (old, one) -> {
            int count = old.count() + 1;
            long delay = Math.min(MAX_DELAY.toMillis(), FIRST_DELAY.toMillis() << Math.min(count - 1, 20));
            return new Failures(count, now + delay);
        });
        return Duration.ofMillis(updated.notBeforeMillis() - now);
    }
}
