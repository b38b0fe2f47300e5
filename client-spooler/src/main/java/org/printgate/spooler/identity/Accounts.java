package org.printgate.spooler.identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local account database as the system's name service sees it ({@code getent}, {@code id}):
 * so accounts from LDAP or a domain (terminal servers, labs) count as much as those in
 * {@code /etc/passwd}. Answers are kept for a minute: a request asks for them every time, and an
 * account or group change reaches the spooler within that minute.
 */
final class Accounts {
    private static final Logger log = LoggerFactory.getLogger(Accounts.class);
    private static final long KEEP_NANOS = Duration.ofMinutes(1).toNanos();
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(5);

    private record Kept<T>(T value, long until) {}

    private final Map<Integer, Kept<Optional<String>>> names = new ConcurrentHashMap<>();
    private final Map<String, Kept<List<String>>> groups = new ConcurrentHashMap<>();

    /** The login name of {@code uid}, or empty for a uid no account has. */
    Optional<String> nameOf(int uid) {
        return kept(names, uid, u -> run("getent", "passwd", Integer.toString(u))
                .map(line -> line.substring(0, Math.max(0, line.indexOf(':')))).filter(name -> !name.isEmpty()));
    }

    /** Is {@code user} a member of {@code group}, as primary or supplementary group? */
    boolean inGroup(String user, String group) {
        return kept(groups, user, u -> run("id", "-Gn", "--", u).map(line -> List.of(line.trim().split("\\s+"))).orElse(List.of()))
                .contains(group);
    }

    private static <K, V> V kept(Map<K, Kept<V>> cache, K key, Function<K, V> lookup) {
        long now = System.nanoTime();
        Kept<V> kept = cache.get(key);
        if (kept == null || now - kept.until() > 0) {
            kept = new Kept<>(lookup.apply(key), now + KEEP_NANOS);
            cache.put(key, kept);
        }
        return kept.value();
    }

    /** The first line a command prints, or empty when it fails (no such account). */
    private static Optional<String> run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            String out;
            try (InputStream stdout = process.getInputStream()) {
                out = new String(stdout.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(COMMAND_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                log.warn("{} did not answer within {}", String.join(" ", command), COMMAND_LIMIT);
                return Optional.empty();
            }
            if (process.exitValue() != 0 || out.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(out.lines().findFirst().orElse(""));
        } catch (IOException e) {
            log.warn("cannot run {}: {}", command[0], e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
