package org.printgate.spooler.local;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.KeywordOrName;
import com.hp.jipp.model.JobHoldUntil;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.JobStateReason;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;

/**
 * The job description and status attributes of a spooled job (RFC 8011 §5.3): what the user's
 * print queue shows. Another user sees only the job's existence and state, not its name or message.
 */
final class LocalJobAttributes {
    private LocalJobAttributes() {}

    static URI jobUri(String authority, SpoolJob job) {
        return URI.create("ipp://" + authority + "/jobs/" + job.id());
    }

    static URI printerUri(String authority, String queue) {
        return URI.create("ipp://" + authority + LocalPrinter.PATH_PREFIX + queue);
    }

    /** The four attributes every job-creating response carries (RFC 8011 §4.2.1.2). */
    static List<Attribute<?>> summary(SpoolJob job, String authority, LocalPrinters printers) {
        return List.of(Types.jobId.of((int) job.id()), Types.jobUri.of(jobUri(authority, job)),
                Types.jobState.of(job.phase().jobState()), Types.jobStateReasons.of(reasons(job, printers)));
    }

    static List<Attribute<?>> of(SpoolJob job, String authority, LocalPrinters printers, boolean owner) {
        List<Attribute<?>> a = new ArrayList<>(summary(job, authority, printers));
        a.add(Types.jobPrinterUri.of(printerUri(authority, job.queue())));
        a.add(Types.timeAtCreation.of(seconds(job.createdMillis())));
        a.add(job.endedMillis() > 0 ? Types.timeAtCompleted.of(seconds(job.endedMillis())) : Types.timeAtCompleted.noValue());
        a.add(Types.timeAtProcessing.noValue());
        a.add(Types.jobPrinterUpTime.of(seconds(System.currentTimeMillis())));
        if (!owner) {
            return a;
        }
        a.add(Types.jobName.of(job.name()));
        a.add(Types.jobOriginatingUserName.of(job.user()));
        a.add(Types.jobStateMessage.of(job.message()));
        a.add(Types.jobImpressionsCompleted.of(job.pagesDone()));
        a.add(Types.jobMediaSheetsCompleted.of(job.pagesDone()));
        if (job.pages() >= 0) {
            a.add(Types.jobImpressions.of(job.impressions()));
        }
        long kOctets = job.bytes() < 0 ? 0 : (job.bytes() + 1023) / 1024;
        a.add(Types.jobKOctets.of((int) Math.min(Integer.MAX_VALUE, kOctets)));
        a.add(Types.jobKOctetsProcessed.of(job.phase() == Phase.COMPLETED ? (int) Math.min(Integer.MAX_VALUE, kOctets) : 0));
        a.add(Types.dateTimeAtCreation.of(calendar(job.createdMillis())));
        a.add(job.endedMillis() > 0 ? Types.dateTimeAtCompleted.of(calendar(job.endedMillis())) : Types.dateTimeAtCompleted.noValue());
        a.add(Types.numberOfDocuments.of(job.bytes() >= 0 ? 1 : 0));
        a.add(Types.documentFormat.of(job.format()));
        a.add(Types.jobPriority.of(job.priority()));
        a.add(Types.jobHoldUntil.of(new KeywordOrName(job.held() ? job.holdUntil() : JobHoldUntil.noHold)));
        a.add(Types.jobSheets.of(new KeywordOrName("none")));
        a.add(Types.copies.of(job.copies()));
        return a;
    }

    /** job-state-reasons from the phase, and printer-stopped while the job's printer is down. */
    static List<String> reasons(SpoolJob job, LocalPrinters printers) {
        List<String> reasons = new ArrayList<>();
        switch (job.phase()) {
            case RECEIVING -> reasons.add(JobStateReason.jobIncoming);
            case HELD -> reasons.add(JobStateReason.jobHoldUntilSpecified);
            case SPOOLED, WAITING -> reasons.add(JobStateReason.jobQueued);
            case PRINTING -> reasons.add(JobStateReason.jobPrinting);
            case COMPLETED -> reasons.add(JobStateReason.jobCompletedSuccessfully);
            case CANCELED -> reasons.add(JobStateReason.jobCanceledByUser);
            case ABORTED -> reasons.add(JobStateReason.abortedBySystem);
        }
        // Why it ended, as the printer or the engine said (document-format-error, ...): the user's dialog shows it.
        job.reasons().stream().filter(reason -> !reasons.contains(reason)).forEach(reasons::add);
        boolean printerDown = printers.get(job.queue()).map(p -> !p.up()).orElse(false);
        if (printerDown && !job.phase().isFinal()) {
            reasons.add(JobStateReason.printerStopped);
        }
        return reasons;
    }

    static boolean isState(SpoolJob job, JobState state) {
        return job.phase().jobState().equals(state);
    }

    private static int seconds(long millis) {
        // As CUPS does: up-time and time-at-* are all Unix seconds, so they agree across restarts.
        return (int) (millis / 1000);
    }

    private static Calendar calendar(long millis) {
        Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(millis);
        return calendar;
    }
}
