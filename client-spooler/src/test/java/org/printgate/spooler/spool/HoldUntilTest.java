package org.printgate.spooler.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The hours of job-hold-until's time-of-day keywords, as CUPS keeps them. */
class HoldUntilTest {
    // A Wednesday.
    private static final ZonedDateTime MORNING = ZonedDateTime.parse("2026-12-09T08:30:00+01:00[Europe/Paris]");
    private static final ZonedDateTime LATE = ZonedDateTime.parse("2026-12-09T23:10:00+01:00[Europe/Paris]");

    @Test
    void aJobHeldForAWindowWaitsForItsNextStartAndGoesAtOnceInsideIt() {
        assertThat(HoldUntil.releaseAt("evening", MORNING)).hasValue(ZonedDateTime.parse("2026-12-09T18:00:00+01:00[Europe/Paris]"));
        assertThat(HoldUntil.releaseAt("night", LATE)).hasValue(LATE);
        assertThat(HoldUntil.releaseAt("day-time", MORNING)).hasValue(MORNING);
        assertThat(HoldUntil.releaseAt("day-time", LATE)).hasValue(ZonedDateTime.parse("2026-12-10T06:00:00+01:00[Europe/Paris]"));
        assertThat(HoldUntil.releaseAt("second-shift", MORNING)).hasValue(ZonedDateTime.parse("2026-12-09T16:00:00+01:00[Europe/Paris]"));
        assertThat(HoldUntil.releaseAt("third-shift", LATE)).hasValue(ZonedDateTime.parse("2026-12-10T00:00:00+01:00[Europe/Paris]"));
        assertThat(HoldUntil.releaseAt("third-shift", MORNING)).hasValue(ZonedDateTime.parse("2026-12-10T00:00:00+01:00[Europe/Paris]"));
        assertThat(HoldUntil.releaseAt("weekend", MORNING)).hasValue(ZonedDateTime.parse("2026-12-12T00:00:00+01:00[Europe/Paris]"));
        assertThat(HoldUntil.releaseAt("weekend", MORNING.plusDays(4))).hasValue(MORNING.plusDays(4));
    }

    @Test
    void indefiniteWaitsForARelease() {
        assertThat(HoldUntil.releaseAt("indefinite", MORNING)).isEmpty();
        assertThat(HoldUntil.describe("indefinite")).isEqualTo("held until you release it");
        assertThat(HoldUntil.describe("second-shift")).isEqualTo("held until second shift");
    }
}
