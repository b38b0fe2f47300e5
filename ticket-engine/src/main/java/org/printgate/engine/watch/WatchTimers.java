package org.printgate.engine.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * The watch's timers (docs/ticket-protocol.md §5 and §10).
 *
 * @param upInterval time between checks of a printer that is up or degraded (30 s)
 * @param downInterval time between checks of a printer that is down or did not answer its last check (10 s)
 * @param checkTimeout how long one check waits for an answer before it counts as none (3 s)
 */
public record WatchTimers(Duration upInterval, Duration downInterval, Duration checkTimeout) {
    public static final WatchTimers DEFAULTS = new WatchTimers(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofSeconds(3));

    public WatchTimers {
        for (Duration duration : new Duration[] {upInterval, downInterval, checkTimeout}) {
            Objects.requireNonNull(duration, "timer");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("watch timers must be positive: " + duration);
            }
        }
    }
}
