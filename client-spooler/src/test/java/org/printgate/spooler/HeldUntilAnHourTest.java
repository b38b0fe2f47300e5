package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.KeywordOrName;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Types;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.printgate.spooler.spool.HoldUntil;

/** A job held until "evening" leaves when the spooler's clock reaches the evening, not before. */
class HeldUntilAnHourTest extends SpoolerSystemTest {

    @Override
    SpoolerSystem startSystem(Path directory) throws Exception {
        return SpoolerSystem.onManualTime(directory);
    }

    @Test
    void aJobHeldUntilEveningPrintsWhenTheEveningComes() throws Exception {
        ZonedDateTime now = system.time.clock().instant().atZone(ZoneId.systemDefault());
        Duration untilEvening = Duration.between(now, HoldUntil.releaseAt("evening", now).orElseThrow());
        String keyword = untilEvening.isZero() ? "day-time" : "evening";
        Duration wait = untilEvening.isZero() ? Duration.between(now, HoldUntil.releaseAt("day-time", now).orElseThrow()) : untilEvening;
        assertThat(wait).as("the clock starts outside the window").isPositive();

        int job = system.print("office-color", "ann", Documents.pdf(directory, "tonight", 2), "application/pdf",
                Types.jobHoldUntil.of(new KeywordOrName(keyword)));
        assertThat(system.stateOf("office-color", job)).isEqualTo(JobState.pendingHeld);
        assertThat(system.describe("office-color", job)).contains("held until " + keyword);

        system.advance(wait.minusMinutes(1));
        assertThat(system.stateOf("office-color", job)).isEqualTo(JobState.pendingHeld);
        system.advance(Duration.ofMinutes(1));
        system.awaitStateWhileTimeRuns("office-color", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.pagesPrintedBy("office-color")).containsExactly(1, 2);
    }
}
