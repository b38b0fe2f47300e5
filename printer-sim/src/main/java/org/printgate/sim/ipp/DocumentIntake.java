package org.printgate.sim.ipp;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.printgate.ipp.IppRequest;
import org.printgate.sim.hardware.Hardware;
import org.printgate.sim.job.DocumentPipe;
import org.printgate.sim.job.Job;

/**
 * Moves a request's document into the job's pipe, applying the intake faults: slow intake
 * (bytes per second) and a connection reset after N bytes.
 */
final class DocumentIntake {
    private static final int BUFFER = 32 * 1024;

    private DocumentIntake() {}

    /** What became of the document. */
    enum Outcome { RECEIVED, JOB_ENDED, RESET }

    static Outcome receive(IppRequest request, Hardware hardware, Job job, DocumentPipe pipe) throws IOException {
        InputStream in = request.document();
        long resetAt = hardware.takeResetAtByte();
        byte[] buffer = new byte[BUFFER];
        long started = System.nanoTime();
        long total = 0;
        try {
            while (true) {
                int rate = hardware.intakeBytesPerSecond();
                int want = rate > 0 ? Math.max(1, Math.min(BUFFER, rate / 10)) : BUFFER;
                if (resetAt >= 0) {
                    want = (int) Math.min(want, Math.max(1, resetAt - total));
                }
                int n = in.read(buffer, 0, want);
                if (n < 0) {
                    return Outcome.RECEIVED;
                }
                if (resetAt >= 0 && total + n > resetAt) {
                    n = (int) (resetAt - total);
                }
                if (n > 0 && !pipe.write(buffer, 0, n)) {
                    return Outcome.JOB_ENDED;
                }
                total += n;
                job.addOctets(n);
                if (resetAt >= 0 && total >= resetAt) {
                    return Outcome.RESET;
                }
                if (rate > 0) {
                    // Paced intake: wait until this many bytes are due at the configured rate.
                    long due = started + TimeUnit.SECONDS.toNanos(1) * total / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.JOB_ENDED;
        }
    }
}
