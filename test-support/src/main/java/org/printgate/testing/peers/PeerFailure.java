package org.printgate.testing.peers;

import org.opentest4j.TestAbortedException;

/**
 * Puts a peer's log into a test's failure message, so the report shows what the peer saw
 * (cupsd's error_log, ippeveprinter's request log) next to what the test expected.
 */
final class PeerFailure {

    private PeerFailure() {
    }

    /**
     * {@code failure} with {@code log} appended to its message; the original stays as the cause.
     * A failure whose message carries the log already (the peer's own) is left as it is.
     */
    static Throwable withLog(Throwable failure, String log) {
        if (failure instanceof TestAbortedException || log == null || log.isBlank()
                || failure.getMessage() != null && failure.getMessage().contains(log.lines().findFirst().orElseThrow())) {
            return failure;
        }
        AssertionError withLog = new AssertionError(failure.getMessage() + "\n\n" + log, failure);
        withLog.setStackTrace(failure.getStackTrace());
        return withLog;
    }
}
