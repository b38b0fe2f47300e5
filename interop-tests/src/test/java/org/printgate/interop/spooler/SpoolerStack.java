package org.printgate.interop.spooler;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;
import org.printgate.testing.peers.WorkDirectory;
import org.printgate.ipp.IppClient;
import org.printgate.sim.Simulator;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.Profile;
import org.printgate.spooler.Spooler;
import org.printgate.spooler.SpoolerConfig;
import org.printgate.spooler.local.LocalPrinter;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.testing.Await;

/**
 * The Printgate side of a spooler interop test, in this JVM on free ports, for a test class:
 * printer-sim's demo printers, a ticket engine with a queue for each of them (and for any other
 * IPP printer a test adds, such as an ippeveprinter), and a client spooler in front of the engine.
 * Register as a static {@code @RegisterExtension} field; third-party peers (cupsd, ipptool, lp)
 * then talk to {@link #queueUri(String)}.
 * <p>
 * Users: the spooler's domain is {@code interop} and its token may print for {@code *@interop},
 * so whichever OS user CUPS or ipptool names in {@code requesting-user-name} may print.
 */
final class SpoolerStack implements BeforeAllCallback, AfterAllCallback {
    private static final String TOKEN = "interop-spooler-token";
    private static final String DOMAIN = "interop";
    private static final Duration QUEUES_KNOWN = Duration.ofSeconds(30);

    private final int speedUp;
    private final Map<String, Supplier<URI>> otherPrinters = new LinkedHashMap<>();
    private Path directory;
    private Simulator simulator;
    private Engine engine;
    private Spooler spooler;
    private final IppClient ipp = new IppClient(Duration.ofSeconds(5), Duration.ofSeconds(60));
    private final AtomicInteger requestIds = new AtomicInteger(1);

    private SpoolerStack(int speedUp) {
        this.speedUp = speedUp;
    }

    /** The demo printers with every pages-per-minute multiplied by {@code speedUp}. */
    static SpoolerStack demoPrintersAtSpeed(int speedUp) {
        return new SpoolerStack(speedUp);
    }

    /**
     * One more engine queue, {@code name}, for an IPP printer whose URI is known only once it has
     * started: {@code device} is called when the stack starts (it may start the printer itself).
     */
    SpoolerStack withIppPrinter(String name, Supplier<URI> device) {
        otherPrinters.put(name, device);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            start();
        } catch (IOException e) {
            afterAll(context);
            throw new UncheckedIOException("the spooler stack did not start", e);
        } catch (RuntimeException | Error e) {
            afterAll(context);
            throw e;
        }
    }

    private void start() throws IOException {
        directory = WorkDirectory.create("spooler-stack");
        simulator = Simulator.start(Profile.demo().onFreePorts().faster(speedUp), null);
        engine = Engine.start(EngineConfig.read(new ByteArrayInputStream(engineYaml().getBytes(StandardCharsets.UTF_8))),
                Clock.systemUTC(), directory.resolve("engine"));
        spooler = Spooler.start(new SpoolerConfig(engine.systemUri(), TOKEN, DOMAIN, "127.0.0.1", -1,
                directory.resolve("spool"), 3, 1, 30, 200, 1, null));
        // A local printer is only worth a peer's look once it carries its real printer's capabilities.
        List<String> queues = queueNames();
        Await.until(QUEUES_KNOWN, () -> queues.stream().allMatch(this::knowsCapabilitiesOf),
                () -> "the spooler to know the queues " + queues + " with their capabilities; it has "
                        + spooler.printers().all().stream().map(LocalPrinter::name).toList());
    }

    private String engineYaml() {
        StringBuilder printers = new StringBuilder();
        for (SimPrinter printer : simulator.printers()) {
            printers.append("  - {name: %s, device-uri: \"%s\", snmp-uri: \"snmp://public@127.0.0.1:%d\", max-jobs: 2}\n"
                    .formatted(printer.name(), simulator.ippUri(printer), simulator.snmpPort(printer)));
        }
        otherPrinters.forEach((name, device) ->
                printers.append("  - {name: %s, device-uri: \"%s\", max-jobs: 2}\n".formatted(name, device.get())));
        return """
                host: 127.0.0.1
                port: 0
                printers:
                %scredentials:
                  - {name: workstation, role: spooler, token-sha256: %s, identities: ["*@%s"]}
                watch: {up-interval: 2, down-interval: 1, check-timeout: 2}
                timeouts: {confirm: 10, stall: 30, fail: 60, poll-hold: 20}
                """.formatted(printers, Authenticator.sha256Hex(TOKEN), DOMAIN);
    }

    private List<String> queueNames() {
        List<String> names = new java.util.ArrayList<>(simulator.printers().stream().map(SimPrinter::name).toList());
        names.addAll(otherPrinters.keySet());
        return names;
    }

    private boolean knowsCapabilitiesOf(String queue) {
        return spooler.printers().get(queue).map(p -> p.capability("document-format-supported"))
                .map(Attribute::isEmpty).map(empty -> !empty).orElse(false);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (spooler != null) {
            spooler.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        WorkDirectory.delete(directory);
    }

    Simulator simulator() {
        return simulator;
    }

    Spooler spooler() {
        return spooler;
    }

    /** The engine, for tests that add or remove queues as an operator would (Create-Printer, Delete-Printer). */
    Engine engine() {
        return engine;
    }

    /** The spooler's local printer for engine queue {@code queue}: {@code ipp://localhost:PORT/printers/QUEUE}. */
    URI queueUri(String queue) {
        return URI.create("ipp://localhost:" + spooler.port() + LocalPrinter.PATH_PREFIX + queue);
    }

    SimPrinter printer(String name) {
        return simulator.printer(name).orElseThrow(() -> new AssertionError("no demo printer " + name));
    }

    /** Print-Job of {@code document} to the spooler's local printer {@code queue} as {@code user}; returns the job id. */
    long print(String queue, String user, Path document, String format) throws IOException {
        URI printer = queueUri(queue);
        IppPacket answer = ipp.send(printer, new IppPacket(0x0200, Operation.printJob.getCode(), requestIds.getAndIncrement(),
                List.of(AttributeGroup.groupOf(Tag.operationAttributes, Types.attributesCharset.of("utf-8"),
                        Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(printer),
                        Types.requestingUserName.of(user), Types.jobName.of(document.getFileName().toString()),
                        Types.documentFormat.of(format)))), document);
        if (!Status.successfulOk.equals(answer.getStatus())) {
            throw new AssertionError("Print-Job to " + printer + " answered " + answer.getStatus() + ": "
                    + answer.getString(Tag.operationAttributes, Types.statusMessage));
        }
        return answer.getValue(Tag.jobAttributes, Types.jobId);
    }

    /** Waits until the spooler's job {@code id} has ended (completed, canceled or aborted); returns it. */
    SpoolJob awaitEnded(long id, Duration timeout) {
        Await.until(timeout, () -> spooler.jobs().get(id).map(j -> j.phase().isFinal()).orElse(false),
                () -> "spooler job " + id + " to end; it is " + spooler.jobs().get(id).map(Object::toString).orElse("gone"));
        return spooler.jobs().get(id).orElseThrow();
    }

    /** Every page {@code printer} put out, in order. */
    List<LedgerEntry> pagesOf(String printer) {
        return simulator.ledger().entries(e -> e.printer().equals(printer));
    }
}
