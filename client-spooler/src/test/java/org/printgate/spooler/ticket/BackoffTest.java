package org.printgate.spooler.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration CEILING = Duration.ofSeconds(30);

    @Test
    void eachWaitLiesBetweenTheFirstAndThreeTimesTheLastAndNeverPassesTheCeiling() {
        for (long seed = 0; seed < 50; seed++) {
            Backoff backoff = new Backoff(FIRST, CEILING, new Random(seed));
            Duration last = FIRST;
            for (int failure = 0; failure < 40; failure++) {
                Duration wait = backoff.next();
                assertThat(wait).as("seed %d, failure %d", seed, failure)
                        .isBetween(FIRST, min(CEILING, last.multipliedBy(3)));
                last = wait;
            }
        }
    }

    @Test
    void theWaitsGrowWhileTheEngineStaysAwayUpToTheCeiling() {
        // Averaged over many spoolers: a wait is drawn at random, its range grows with each failure.
        double[] mean = new double[12];
        for (long seed = 0; seed < 200; seed++) {
            List<Duration> waits = waits(new Backoff(FIRST, CEILING, new Random(seed)), mean.length);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += waits.get(i).toMillis() / 200.0;
            }
        }
        assertThat(mean[0]).as("the first wait, on average").isBetween(1500.0, 2500.0);
        assertThat(mean[3]).as("the fourth").isGreaterThan(2 * mean[0]);
        assertThat(mean[11]).as("the twelfth").isGreaterThan(CEILING.toMillis() / 3.0);

        List<Duration> longRun = waits(new Backoff(FIRST, CEILING, new Random(7)), 40);
        assertThat(java.util.Collections.max(longRun)).as("the longest of 40 waits")
                .isGreaterThan(CEILING.multipliedBy(8).dividedBy(10)).isLessThanOrEqualTo(CEILING);
    }

    @Test
    void jobsThatFailTogetherDoNotWaitAlike() {
        // Spoolers (or seeds) that lost the engine at the same moment spread their next tries.
        List<Duration> fifth = new ArrayList<>();
        for (long seed = 0; seed < 20; seed++) {
            fifth.add(waits(new Backoff(FIRST, CEILING, new Random(seed)), 5).get(4));
        }
        assertThat(fifth.stream().distinct().count()).isGreaterThan(15);
    }

    @Test
    void aSuccessStartsTheWaitsAgainFromTheFirst() {
        Backoff backoff = new Backoff(FIRST, CEILING, new Random(3));
        waits(backoff, 20);
        backoff.reset();
        assertThat(backoff.next()).isBetween(FIRST, FIRST.multipliedBy(3));
    }

    @Test
    void theSameSeedGivesTheSameWaits() {
        assertThat(waits(new Backoff(FIRST, CEILING, new Random(11)), 10))
                .isEqualTo(waits(new Backoff(FIRST, CEILING, new Random(11)), 10));
    }

    private static List<Duration> waits(Backoff backoff, int failures) {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < failures; i++) {
            waits.add(backoff.next());
        }
        return waits;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
