package org.printgate.spooler.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.printgate.spooler.Scheduler;
import org.printgate.testing.ManualScheduler;
import org.printgate.testing.MutableClock;

class RepeatingTest {
    private final MutableClock clock = new MutableClock();
    private final ManualScheduler manual = new ManualScheduler(clock);
    private final Scheduler scheduler = manual::schedule;
    private final List<java.time.Instant> runs = new ArrayList<>();

    @Test
    void runsEveryPeriodOfTheSchedulersTimeAndNotBefore() {
        java.time.Instant start = clock.instant();
        Repeating.start(scheduler, Runnable::run, () -> runs.add(clock.instant()), Duration.ofSeconds(5));

        manual.advance(Duration.ofMillis(4999));
        assertThat(runs).isEmpty();
        manual.advance(Duration.ofSeconds(16));
        assertThat(runs).containsExactly(start.plusSeconds(5), start.plusSeconds(10), start.plusSeconds(15), start.plusSeconds(20));
    }

    @Test
    void noRunAfterCancel() {
        Repeating repeating = Repeating.start(scheduler, Runnable::run, () -> runs.add(clock.instant()), Duration.ofSeconds(1));
        manual.advance(Duration.ofSeconds(2));
        repeating.cancel();
        manual.advance(Duration.ofSeconds(10));

        assertThat(runs).hasSize(2);
        assertThat(manual.waiting()).isZero();
    }

    @Test
    void aRunThatThrowsStillComesAgain() {
        Repeating.start(scheduler, task -> {
            try {
                task.run();
            } catch (IllegalStateException expected) {
                // As a thread pool would: the failure is the task's, the repetition goes on.
            }
        }, () -> {
            runs.add(clock.instant());
            throw new IllegalStateException("engine away");
        }, Duration.ofSeconds(1));
        manual.advance(Duration.ofSeconds(3));

        assertThat(runs).hasSize(3);
    }
}
