package org.printgate.sim.printer;

import java.io.IOException;

/** Thrown through the page splitter to stop a job that was canceled. */
final class JobCanceledException extends IOException {
    JobCanceledException() {
        super("job canceled");
    }
}
