package org.printgate.sim.ipp;

import com.hp.jipp.model.JobState;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.printgate.ipp.IppRequest;
import org.printgate.sim.hardware.Hardware;
import org.printgate.sim.hardware.IntakeMeter;
import org.printgate.sim.job.DocumentPipe;
import org.printgate.sim.job.Job;
import org.printgate.sim.printer.SimPrinter;

/**
 * Moves a request's document into the job's pipe, applying the intake faults: slow intake
 * (bytes per second) and a connection reset after N bytes.
 */
final class DocumentIntake {
    private static final int BUFFER = 32 * 1024;

    private DocumentIntake() {}

    /** What became of the document. */
    private enum Outcome { RECEIVED, JOB_ENDED, RESET }

    /**
     * Takes in the document; false when the intake faults reset the connection, which aborts
     * the job and drops the connection unanswered.
     */
    static boolean receiveOrAbort(IppRequest request, SimPrinter printer, Job job, DocumentPipe pipe) throws IOException {
        if (receive(request, printer.hardware(), job, pipe) != Outcome.RESET) {
            return true;
        }
        // Aborted first: cancel() alone would end a still pending job as canceled, and so would the engine.
        job.transitionTo(JobState.aborted, List.of("aborted-by-system"), "connection reset by printer");
        printer.cancel(job, "aborted-by-system");
        request.abortConnection();
        return false;
    }

    private static Outcome receive(IppRequest request, Hardware hardware, Job job, DocumentPipe pipe) throws IOException {
        InputStream in = request.document();
        IntakeMeter meter = new IntakeMeter(hardware);
        byte[] buffer = new byte[BUFFER];
        try {
            while (true) {
                int read = in.read(buffer, 0, meter.nextRead(BUFFER));
                if (read < 0) {
                    return Outcome.RECEIVED;
                }
                int n = meter.count(read);
                if (n > 0 && !pipe.write(buffer, 0, n)) {
                    return Outcome.JOB_ENDED;
                }
                job.addOctets(n);
                if (meter.resetDue()) {
                    return Outcome.RESET;
                }
                meter.pace();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.JOB_ENDED;
        }
    }
}
