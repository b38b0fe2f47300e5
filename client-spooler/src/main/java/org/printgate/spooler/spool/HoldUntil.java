package org.printgate.spooler.spool;

import com.hp.jipp.model.JobHoldUntil;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The job-hold-until keywords a local printer takes (RFC 8011 §5.2.2), with the hours CUPS gives
 * the time-of-day ones, so that a job held for "night" leaves at the same hour through either:
 * day-time 06:00-18:00, evening and night 18:00-06:00, second-shift 16:00-24:00, third-shift
 * 00:00-08:00, weekend Saturday and Sunday; indefinite until a Release-Job.
 */
public final class HoldUntil {
    public static final List<String> SUPPORTED = List.of(JobHoldUntil.noHold, JobHoldUntil.indefinite,
            JobHoldUntil.dayTime, JobHoldUntil.evening, JobHoldUntil.night, JobHoldUntil.secondShift,
            JobHoldUntil.thirdShift, JobHoldUntil.weekend);

    private HoldUntil() {}

    /**
     * When a job held until {@code keyword} at {@code now} may go: {@code now} itself inside the
     * window, the window's next start outside it, empty for {@code indefinite} (only a
     * Release-Job frees it).
     */
    public static Optional<ZonedDateTime> releaseAt(String keyword, ZonedDateTime now) {
        return switch (keyword) {
            case JobHoldUntil.indefinite -> Optional.empty();
            case JobHoldUntil.dayTime -> Optional.of(daily(now, 6, 18));
            case JobHoldUntil.evening, JobHoldUntil.night -> Optional.of(daily(now, 18, 6));
            case JobHoldUntil.secondShift -> Optional.of(daily(now, 16, 24));
            case JobHoldUntil.thirdShift -> Optional.of(daily(now, 0, 8));
            case JobHoldUntil.weekend -> Optional.of(weekend(now));
            default -> Optional.of(now);
        };
    }

    /** "held until evening" and kin: what the user reads in their queue. */
    public static String describe(String keyword) {
        return keyword.equals(JobHoldUntil.indefinite) ? "held until you release it" : "held until " + keyword.replace('-', ' ');
    }

    /** The window from hour {@code from} to hour {@code to} each day (it may run past midnight). */
    private static ZonedDateTime daily(ZonedDateTime now, int from, int to) {
        int hour = now.getHour();
        boolean inside = from < to ? hour >= from && hour < to : hour >= from || hour < to;
        if (inside) {
            return now;
        }
        ZonedDateTime start = now.with(LocalTime.of(from, 0));
        return start.isAfter(now) ? start : start.plusDays(1);
    }

    private static ZonedDateTime weekend(ZonedDateTime now) {
        DayOfWeek day = now.getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            return now;
        }
        return now.with(LocalTime.MIDNIGHT).plusDays(DayOfWeek.SATURDAY.getValue() - day.getValue());
    }
}
