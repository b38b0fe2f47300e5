package org.printgate.engine.clients;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients the engine has heard from (3-2): per credential, the software and operating
 * system its client-info last named, and when. What the console's clients page shows, so the
 * client version gate has a face. One entry per credential, and credentials are configured, so
 * this stays as small as the configuration; it is not stored (a restart starts it empty).
 */
public final class ClientsSeen {
    /**
     * A client as last seen.
     *
     * @param software the application's name and version (the spooler's), or empty
     * @param system the operating system's name and version, or empty
     * @param refused why its last request was refused for its software, or empty
     */
    public record Seen(String credential, String software, String system, Instant lastSeen, String refused) {}

    private final Clock clock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    public ClientsSeen(Clock clock) {
        this.clock = clock;
    }

    /** A request from {@code credential} described itself so (or as before, when it said nothing new). */
    public void heardFrom(String credential, String software, String system, String refused) {
        seen.put(credential, new Seen(credential, software, system, clock.instant(), refused));
    }

    /** Every client, the most recently seen first. */
    public List<Seen> all() {
        return seen.values().stream().sorted(Comparator.comparing(Seen::lastSeen).reversed()).toList();
    }
}
