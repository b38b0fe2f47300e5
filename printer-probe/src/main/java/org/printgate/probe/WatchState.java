package org.printgate.probe;

import com.hp.jipp.model.PrinterStateReason;
import java.util.Collection;

/**
 * What the watch makes of a printer's {@code printer-state-reasons} (docs/ticket-protocol.md §5.2):
 * whether the queue may get grants, and whether operators should look.
 */
public enum WatchState {
    /** No {@code -error} and no {@code -warning} reason: grants go ahead. */
    UP,
    /** Some {@code -warning}, no {@code -error}: grants go ahead, operators are told. */
    DEGRADED,
    /** Any {@code -error} reason, or {@code paused}, or {@code printgate-firmware-updating}: no grants. */
    DOWN;

    /** §5.2's rule, the one place it is written. Reasons carry their severity suffix. */
    public static WatchState of(Collection<String> reasons) {
        boolean warning = false;
        for (String reason : reasons) {
            if (reason.endsWith(PrinterStateReasons.ERROR) || reason.equals(PrinterStateReason.paused)
                    || reason.equals(PrinterStateReasons.FIRMWARE_UPDATING)) {
                return DOWN;
            }
            warning |= reason.endsWith(PrinterStateReasons.WARNING);
        }
        return warning ? DEGRADED : UP;
    }

    /** May the scheduler grant tickets on a queue in this state? */
    public boolean allowsGrants() {
        return this != DOWN;
    }
}
