package org.printgate.testing.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.printgate.testing.Await;

/**
 * What every third-party daemon the tests run as a peer has in common (cupsd, ippeveprinter,
 * snmpd): a private work folder ({@link WorkDirectory}), a loopback port picked free
 * ({@link FreePort}), a start that waits until the daemon answers and tries again on a new port
 * when another process took the port meanwhile, and a stop that deletes the folder unless
 * something failed (then it is kept to look at).
 * <p>
 * Use a peer as an extension ({@code @RegisterExtension static final PrivateCupsd cups =
 * PrivateCupsd.create();}): it starts before the class's tests and stops after them, and a
 * failing test gets the daemon's log tail in its message. Or directly:
 * {@code try (var cups = PrivateCupsd.create().start()) { … }}.
 *
 * @param <P> the peer itself, so that {@link #start()} returns it
 */
public abstract class PeerDaemon<P extends PeerDaemon<P>>
        implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler, AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;

    private final String description;
    private Path workDir;
    private DaemonProcess process;
    private int port;
    private boolean failed;

    /** @param description how messages name the daemon, e.g. {@code "ippeveprinter eve"} */
    protected PeerDaemon(String description) {
        this.description = description;
    }

    /** The programs the daemon needs, checked (and installed once if missing) before it starts. */
    protected abstract String[] tools();

    /** Makes the work folder {@code start} runs in; by default a fresh one under {@code java.io.tmpdir}. */
    protected Path createWorkDirectory() {
        return WorkDirectory.create(description.replace(' ', '-'));
    }

    /** The private folder the daemon runs in; {@code null} until {@link #start()} made it. */
    protected Path workDir() {
        return workDir;
    }

    /** Fills the fresh work folder before the first attempt; nothing by default. */
    protected void prepare(Path workDir) {
    }

    /** A port free right now: TCP unless the daemon says otherwise. */
    protected int freePort() {
        return FreePort.tcp();
    }

    /** The port it listens on; 0 before the start. */
    protected int port() {
        return port;
    }

    /** Starts the daemon on {@code port} (writing whatever configuration names the port first). */
    protected abstract DaemonProcess launch(Path workDir, int port);

    /** Whether the daemon answers a request as its clients will send it. */
    protected abstract boolean answers();

    /** Whether the daemon's log says it could not bind the port: then it is started again on another. */
    protected boolean cannotListen() {
        return false;
    }

    /** The running process, or {@code null}. */
    protected DaemonProcess process() {
        return process;
    }

    /** What a failure message shows of the daemon's log. */
    protected String logTail() {
        return process == null ? "" : "--- " + description + " log (last 40 lines, " + process.log() + ") ---\n"
                + process.logTail(40);
    }

    /** Where it answers, for messages. */
    protected abstract String address();

    @SuppressWarnings("unchecked")
    private P self() {
        return (P) this;
    }

    /** Starts the daemon and waits until it answers; does nothing when it runs already. */
    public synchronized P start() {
        if (process != null) {
            return self();
        }
        PeerTools.requireAll(tools());
        workDir = createWorkDirectory();
        failed = true;  // until it answers: a daemon that never started leaves its folder to look at
        prepare(workDir);
        // The port was free a moment ago; if another process took it meanwhile, try another.
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            process = launch(workDir, port);
            AtomicBoolean answered = new AtomicBoolean();
            try {
                Await.until(STARTUP, () -> !process.isAlive() || answered(answered) || cannotListen(),
                        () -> description + " to answer on " + address() + "\n" + logTail());
            } catch (AssertionError e) {
                close();
                throw e;
            }
            if (process.isAlive() && answered.get()) {
                failed = false;
                return self();
            }
            String log = logTail();
            process.close();
            process = null;
            if (attempt == START_ATTEMPTS) {
                throw new AssertionError(description + " did not start " + START_ATTEMPTS + " times; last log:\n" + log);
            }
        }
    }

    private boolean answered(AtomicBoolean answered) {
        answered.set(answers());
        return answered.get();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The daemon's process id, e.g. to measure the CPU it uses. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException(description + " not started");
        }
        return process.pid();
    }

    /** Marks the daemon failed, so that {@link #close()} keeps its folder to look at. */
    protected void markFailed() {
        failed = true;
    }

    /** Stops the daemon and its children; deletes its folder unless something failed. */
    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
            process = null;
        }
        if (!failed) {
            WorkDirectory.delete(workDir);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        markFailed();
        throw PeerFailure.withLog(throwable, logTail());
    }

    @Override
    public String toString() {
        return description + (process == null ? " (stopped)" : " at " + address());
    }
}
