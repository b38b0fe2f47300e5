package org.printgate.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.probe.WatchState;
import org.printgate.sim.profile.FaultSpec;
import org.printgate.sim.profile.FaultType;
import org.printgate.testing.Await;

/**
 * The printers by last verdict that the watch keeps as verdicts change (read by /metrics and the
 * console's dashboard instead of a walk of 200,000 printers) equal a walk of the watched printers
 * through faults, clears, a queue watched again with another configuration, unwatch and close;
 * against the real printer simulator.
 */
class PrinterWatchCountsTest {
    private static final WatchTimers ON_REQUEST = new WatchTimers(Duration.ofHours(1), Duration.ofHours(1),
            Duration.ofSeconds(3));

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private SimulatedPrinters printers;
    private PrinterWatch watch;

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.close();
        }
        scheduler.shutdownNow();
        if (printers != null) {
            printers.close();
        }
    }

    @Test
    void keptCountsEqualAWalkAsVerdictsChange() throws IOException {
        printers = SimulatedPrinters.start(SimulatedPrinters.entry("front-desk"), SimulatedPrinters.entry("toner-nearly-out", 3));
        watch = new PrinterWatch(Clock.systemUTC(), scheduler, ON_REQUEST, new RecordingListener());
        watch.watch(printers.bySnmpAndIpp("desk", "front-desk"));
        watch.watch(printers.bySnmp("low", "toner-nearly-out"));
        // A raw device without SNMP: watched, never checked, no verdict.
        watch.watch(new QueueConfig("raw", URI.create("socket://127.0.0.1:9"), null, 1, 0, null, null));
        awaitCounts(Map.of("UP", 1L, "DEGRADED", 1L, "none", 1L));
        assertThat(watch.degradedQueues()).containsExactly("low");

        printers.hardware("front-desk").apply(FaultSpec.of(FaultType.JAM));
        watch.checkNow("desk");
        awaitCounts(Map.of("DOWN", 1L, "DEGRADED", 1L, "none", 1L));

        printers.hardware("front-desk").clear(FaultType.JAM);
        watch.checkNow("desk");
        awaitCounts(Map.of("UP", 1L, "DEGRADED", 1L, "none", 1L));

        // Watched again with another configuration: its verdict is forgotten, then found again.
        watch.watch(printers.bySnmpAndIpp("low", "toner-nearly-out"));
        awaitCounts(Map.of("UP", 1L, "DEGRADED", 1L, "none", 1L));
        assertThat(watch.degradedQueues()).containsExactly("low");

        assertThat(watch.unwatch("low")).isTrue();
        assertCountsMatchAWalk(Map.of("UP", 1L, "none", 1L));
        assertThat(watch.degradedQueues()).isEmpty();

        watch.close();
        assertCountsMatchAWalk(Map.of());
        assertThat(watch.printersIn(WatchState.UP)).isZero();
        assertThat(watch.printersWithoutVerdict()).as("closed: nothing is watched any more").isZero();
    }

    /** Waits for the walk to show {@code expected}, then the kept counts must say the same. */
    private void awaitCounts(Map<String, Long> expected) {
        Await.until(Await.DEFAULT_TIMEOUT, () -> watch.countByVerdictByWalking().equals(new TreeMap<>(expected))
                && kept().equals(new TreeMap<>(expected)), () -> "printers by verdict " + expected + "; walked "
                + watch.countByVerdictByWalking() + ", kept " + kept());
        assertCountsMatchAWalk(expected);
    }

    private void assertCountsMatchAWalk(Map<String, Long> expected) {
        assertThat(kept()).isEqualTo(watch.countByVerdictByWalking()).isEqualTo(new TreeMap<>(expected));
    }

    /** The kept counts in the walk's form: only verdicts some printer has. */
    private Map<String, Long> kept() {
        Map<String, Long> kept = new TreeMap<>();
        for (WatchState state : WatchState.values()) {
            if (watch.printersIn(state) != 0) {
                kept.put(state.name(), watch.printersIn(state));
            }
        }
        if (watch.printersWithoutVerdict() != 0) {
            kept.put("none", watch.printersWithoutVerdict());
        }
        return kept;
    }
}
