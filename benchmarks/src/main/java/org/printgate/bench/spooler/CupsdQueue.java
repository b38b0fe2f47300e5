package org.printgate.bench.spooler;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.printgate.testing.Await;
import org.printgate.testing.peers.FreePort;
import org.printgate.testing.peers.PrivateCupsd;

/**
 * The anchor of the accept figure: a CUPS scheduler of the bench's own, the interop tests'
 * {@link PrivateCupsd} (never the system's: its own configuration, spool and logs in a private
 * folder, loopback only), with one raw queue that is stopped ({@code cupsdisable}), so that,
 * like the spooler's paused queue, it only accepts and spools. Its device is a socket:// port
 * nothing listens on; it is never used. CUPS's defaults are kept for what decides the figure
 * (SyncOnClose No, the job files written when cupsd gets round to it), except {@code MaxJobs 0}:
 * the run queues more than the default 500 jobs; and it logs warnings only, as a production
 * scheduler would, not the tests' debug log. INTEROP-NOTES.md "A private cupsd" has the recipe.
 */
final class CupsdQueue implements AutoCloseable {
    static final String QUEUE = "bench";

    private final PrivateCupsd cups;

    private CupsdQueue(PrivateCupsd cups) {
        this.cups = cups;
    }

    /** Starts cupsd in {@code root} and sets up the stopped queue; fails when CUPS is not installed. */
    static CupsdQueue start(Path root) {
        PrivateCupsd cups = PrivateCupsd.create().under(root).directives("LogLevel warn", "MaxJobs 0").start();
        try {
            cups.lpadmin("-p", QUEUE, "-E", "-v", "socket://127.0.0.1:" + FreePort.tcp(), "-m", "raw");
            cups.client("cupsdisable", QUEUE).requireSuccess();
            Await.until(Duration.ofSeconds(30), () -> cups.client("lpstat", "-p", QUEUE).stdout().contains("disabled"),
                    "cupsd's queue " + QUEUE + " to be stopped");
            return new CupsdQueue(cups);
        } catch (RuntimeException | AssertionError e) {
            cups.close();
            throw e;
        }
    }

    URI queueUri() {
        return cups.queueUri(QUEUE);
    }

    long pid() {
        return cups.pid();
    }

    @Override
    public void close() {
        cups.close();
    }
}
