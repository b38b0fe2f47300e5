package org.printgate.sim.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.printgate.sim.job.Job;
import org.printgate.sim.printer.SimPrinter;

/** The job description and status attributes of a simulated job (RFC 8011 §5.3). */
final class JobAttributes {
    private JobAttributes() {}

    static URI jobUri(URI printerUri, Job job) {
        return URI.create(printerUri + "/" + job.id());
    }

    /** The four attributes every job-creating response carries (RFC 8011 §4.2.1.2). */
    static List<Attribute<?>> summary(Job job, URI printerUri, SimPrinter printer) {
        return List.of(Types.jobId.of(job.id()), Types.jobUri.of(jobUri(printerUri, job)),
                Types.jobState.of(job.state()), Types.jobStateReasons.of(reasons(job, printer)));
    }

    static List<Attribute<?>> of(Job job, URI printerUri, SimPrinter printer) {
        List<Attribute<?>> a = new ArrayList<>(summary(job, printerUri, printer));
        a.add(Types.jobPrinterUri.of(printerUri));
        a.add(Types.jobName.of(job.name()));
        a.add(Types.jobOriginatingUserName.of(job.user()));
        a.add(Types.jobStateMessage.of(job.message()));
        a.add(Types.jobImpressionsCompleted.of(job.impressionsCompleted()));
        a.add(Types.jobMediaSheetsCompleted.of(job.sheetsCompleted()));
        a.add(Types.jobKOctets.of((int) Math.min(Integer.MAX_VALUE, (job.octets() + 1023) / 1024)));
        a.add(Types.jobKOctetsProcessed.of((int) Math.min(Integer.MAX_VALUE, (job.octets() + 1023) / 1024)));
        a.add(Types.jobPrinterUpTime.of((int) printer.upTimeSeconds()));
        a.add(Types.timeAtCreation.of((int) job.createdAtSeconds()));
        a.add(job.processingAtSeconds() > 0 ? Types.timeAtProcessing.of((int) job.processingAtSeconds())
                : Types.timeAtProcessing.noValue());
        a.add(job.completedAtSeconds() > 0 ? Types.timeAtCompleted.of((int) job.completedAtSeconds())
                : Types.timeAtCompleted.noValue());
        a.add(Types.dateTimeAtCreation.of(Calendar.getInstance(TimeZone.getTimeZone("UTC"))));
        a.add(Types.numberOfDocuments.of(job.pipe() == null ? 0 : 1));
        a.add(Types.copies.of(job.copies()));
        a.add(Types.sides.of(job.sides()));
        a.add(Types.jobPriority.of(50));
        a.add(Types.jobHoldUntil.of(new com.hp.jipp.encoding.KeywordOrName(
                job.state().equals(JobState.pendingHeld) ? JobTemplate.INDEFINITE : "no-hold")));
        a.add(Types.jobSheets.of(new com.hp.jipp.encoding.KeywordOrName("none")));
        return a;
    }

    /** A processing job on a stopped printer, or a pending one on a paused printer, says so (RFC 8011 §5.3.8: printer-stopped). */
    private static List<String> reasons(Job job, SimPrinter printer) {
        if (job.state().equals(JobState.processing) && printer.hardware().printerState() == 5
                || job.state().equals(JobState.pending) && printer.paused()) {
            List<String> reasons = new ArrayList<>(job.reasons());
            reasons.remove("none");
            reasons.add("printer-stopped");
            return reasons;
        }
        return job.reasons();
    }
}
