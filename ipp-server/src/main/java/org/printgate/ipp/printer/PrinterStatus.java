package org.printgate.ipp.printer;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Types;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

/**
 * The printer status attributes (RFC 8011 §5.4.11-§5.4.13, §5.4.23-§5.4.24 and §5.4.29-§5.4.30;
 * printer-state-change-time and printer-config-change-time of PWG 5100.13 §6.5): what a printer
 * says of its state at the moment of a request. The times are in the printer's up-time clock.
 *
 * @param state printer-state
 * @param reasons printer-state-reasons ("none" when there are none)
 * @param message printer-state-message
 * @param acceptingJobs printer-is-accepting-jobs
 * @param queuedJobCount queued-job-count
 * @param upTime printer-up-time, in seconds
 * @param stateChangeTime printer-state-change-time, in the up-time clock
 * @param configChangeTime printer-config-change-time, in the up-time clock
 */
public record PrinterStatus(PrinterState state, List<String> reasons, String message, boolean acceptingJobs,
                            int queuedJobCount, int upTime, int stateChangeTime, int configChangeTime) {

    public List<Attribute<?>> attributes() {
        Calendar now = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        return List.of(Types.printerState.of(state), Types.printerStateReasons.of(reasons),
                Types.printerStateMessage.of(message), Types.printerIsAcceptingJobs.of(acceptingJobs),
                Types.queuedJobCount.of(queuedJobCount), Types.printerUpTime.of(upTime),
                Types.printerCurrentTime.of(now), Types.printerStateChangeTime.of(stateChangeTime),
                Types.printerStateChangeDateTime.of(now), Types.printerConfigChangeTime.of(configChangeTime),
                Types.printerConfigChangeDateTime.of(now));
    }
}
