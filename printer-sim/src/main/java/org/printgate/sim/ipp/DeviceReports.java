package org.printgate.sim.ipp;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.IppAuthenticationException;
import org.printgate.ipp.IppClient;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.PrinterSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Managed simulated printers report themselves to their engine (docs/firmware.md §2 step 600,
 * §3.1): Update-Output-Device-Attributes with their firmware, model and state, sent with the
 * printer's device token, as {@code output-device-uuid} its own {@code printer-uuid}. A report goes
 * at start and after each change of the printer's state; changes made while one is under way
 * are sent after it, once. A report that does not reach the engine (away, busy, or not knowing the
 * token yet) is sent again after 1 s, doubling to 30 s, on this class's own threads: a printer
 * starts and prints whether its engine is there or not. One the engine refuses as wrong (another
 * client error) is logged and not repeated until the next change.
 */
public final class DeviceReports implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeviceReports.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    /**
     * How reporting goes for one printer, for tests and logs.
     *
     * @param attempts reports sent, answered or not
     * @param accepted reports the engine took
     * @param lastProblem why the last report that failed did, or empty
     */
    public record Progress(int attempts, int accepted, String lastProblem) {}

    private final ScheduledExecutorService threads;
    /** Made for the first managed printer: a simulator without one starts no HTTP client. */
    private IppClient client;
    private final Map<String, Reporter> reporters = new ConcurrentHashMap<>();
    private final AtomicInteger requestIds = new AtomicInteger();

    public DeviceReports() {
        AtomicInteger count = new AtomicInteger();
        // Two threads for all the printers: a report is one short exchange, and an engine that
        // does not answer holds one of them for 30 s at most. None is started before a report.
        this.threads = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "sim-device-reports-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reports {@code printer} now and after each change of its state; it must be managed (engine-uri in its profile). */
    public void start(SimPrinter printer) {
        PrinterSpec spec = printer.spec();
        if (!spec.managed()) {
            throw new IllegalArgumentException(printer.name() + " names no engine-uri");
        }
        Reporter reporter = new Reporter(printer, client().withAuthorization("Bearer " + spec.deviceToken()));
        if (reporters.putIfAbsent(printer.name(), reporter) != null) {
            throw new IllegalStateException(printer.name() + " reports already");
        }
        printer.onStateChange(reporter::reportSoon);
        printer.hardware().onChange(reporter::reportSoon);
        reporter.reportSoon();
    }

    private synchronized IppClient client() {
        if (client == null) {
            client = new IppClient(Duration.ofSeconds(5), Duration.ofSeconds(30));
        }
        return client;
    }

    /** How reporting goes for the printer named {@code name}, if it is managed. */
    public Optional<Progress> progress(String name) {
        return Optional.ofNullable(reporters.get(name)).map(Reporter::progress);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** One printer's reports: at most one under way or waiting to be retried. */
    private final class Reporter {
        private final SimPrinter printer;
        private final IppClient engine;
        private final URI uuid;
        private boolean underWay;
        private boolean changedMeanwhile;
        private Duration nextRetry = FIRST_RETRY;
        private int attempts;
        private int accepted;
        private String lastProblem = "";
        /** The state the engine last took, so that a change back and forth between reports sends nothing. */
        private PrinterStateNow lastAccepted;

        Reporter(SimPrinter printer, IppClient engine) {
            this.printer = printer;
            this.engine = engine;
            this.uuid = URI.create("urn:uuid:" + printer.uuid());
        }

        synchronized Progress progress() {
            return new Progress(attempts, accepted, lastProblem);
        }

        synchronized void reportSoon() {
            if (underWay) {
                changedMeanwhile = true;
                return;
            }
            underWay = true;
            run(0);
        }

        private void run(long delayMillis) {
            try {
                threads.schedule(this::send, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Closed: the simulator is going away.
            }
        }

        private void send() {
            PrinterStateNow state = PrinterStateNow.of(printer);
            synchronized (this) {
                changedMeanwhile = false;
                // A job ended and the printer is idle again, as the engine knows it: nothing to say.
                if (state.equals(lastAccepted)) {
                    finish();
                    return;
                }
                attempts++;
            }
            String problem;
            boolean retry;
            try {
                IppPacket response = engine.send(printer.spec().engineUri(), request(state));
                Status status = response.getStatus();
                if (status.getCode() < 0x0400) {
                    done(state);
                    return;
                }
                problem = status + ": " + Objects.toString(response.getString(Tag.operationAttributes, Types.statusMessage), "");
                // The engine busy or failing may take it later; a client error will not change by itself.
                retry = status.getCode() >= 0x0500;
            } catch (IppAuthenticationException e) {
                // The engine may not know the token yet (its operator adds it): as if it were away.
                problem = e.getMessage();
                retry = true;
            } catch (IOException | RuntimeException e) {
                problem = e.toString();
                retry = true;
            }
            failed(problem, retry);
        }

        private synchronized void done(PrinterStateNow state) {
            accepted++;
            lastAccepted = state;
            lastProblem = "";
            nextRetry = FIRST_RETRY;
            log.info("{}: reported firmware {} {} and state {} {} to {}", printer.name(), printer.spec().printerFirmwareName(),
                    printer.spec().printerFirmwareStringVersion(), state.state().getName(), state.reasons(),
                    printer.spec().engineUri());
            finish();
        }

        /** One report is over: the next goes now if the printer changed meanwhile. */
        private synchronized void finish() {
            if (changedMeanwhile) {
                run(0);
            } else {
                underWay = false;
            }
        }

        private synchronized void failed(String problem, boolean retry) {
            lastProblem = problem;
            if (!retry) {
                log.error("{}: the engine at {} refused its report: {}; not sent again until its state changes",
                        printer.name(), printer.spec().engineUri(), problem);
                nextRetry = FIRST_RETRY;
                underWay = false;
                return;
            }
            log.warn("{}: report to {} failed ({}); again in {} s", printer.name(), printer.spec().engineUri(), problem,
                    nextRetry.toSeconds());
            run(nextRetry.toMillis());
            nextRetry = nextRetry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : nextRetry.multipliedBy(2);
        }

        /** The report of the printer's firmware and {@code state} (docs/firmware.md §3.1). */
        private IppPacket request(PrinterStateNow state) {
            PrinterSpec spec = printer.spec();
            String version = spec.printerFirmwareStringVersion() == null ? "" : spec.printerFirmwareStringVersion();
            AttributeGroup operation = AttributeGroup.groupOf(Tag.operationAttributes,
                    Types.attributesCharset.of(ExtraTypes.charsetUtf8), Types.attributesNaturalLanguage.of("en"),
                    Types.printerUri.of(spec.engineUri()), Types.outputDeviceUuid.of(uuid));
            AttributeGroup attributes = AttributeGroup.groupOf(Tag.printerAttributes,
                    Types.printerFirmwareName.of(spec.printerFirmwareName() == null ? "" : spec.printerFirmwareName()),
                    Types.printerFirmwareStringVersion.of(version),
                    Types.printerFirmwareVersion.of(FirmwareOctets.of(version)),
                    Types.printerFirmwarePatches.of(""),
                    Types.printerMakeAndModel.of(spec.printerMakeAndModel() == null ? "" : spec.printerMakeAndModel()),
                    Types.printerState.of(state.state()),
                    Types.printerStateReasons.of(state.reasons()),
                    Types.printerStateMessage.of(state.message()));
            return new IppPacket(0x0200, Operation.updateOutputDeviceAttributes.getCode(), requestIds.incrementAndGet(),
                    operation, attributes);
        }
    }
}
