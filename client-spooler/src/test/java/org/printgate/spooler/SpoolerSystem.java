package org.printgate.spooler;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Types;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;
import org.printgate.ipp.IppClient;
import org.printgate.sim.Simulator;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.Profile;
import org.printgate.testing.Await;
import org.printgate.testing.ManualScheduler;
import org.printgate.testing.MutableClock;

/**
 * The whole system on loopback for a test: printer-sim's demo printers (ten times faster), a
 * ticket engine that knows them, and a spooler in front of it — each on free ports, each real.
 * Queues: office-color (IPP), laser-ps (raw socket + SNMP), slow-small (IPP). The spooler runs on
 * wall time, or, made by {@link #onManualTime}, on a clock the test advances ({@link #advance}):
 * its retries, heartbeats and refreshes then wait for the test, not for the wall clock. The
 * engine and the printers stay on wall time.
 */
final class SpoolerSystem implements AutoCloseable {
    static final String TOKEN = "spooler-test-token";
    static final String OPERATOR_PASSWORD = "operator-test-password";

    final Simulator simulator;
    final Path directory;
    Engine engine;
    Spooler spooler;
    /** The spooler's time when the test moves it; null when it runs on wall time. */
    final ManualScheduler time;
    final IppClient ipp = new IppClient(Duration.ofSeconds(5), Duration.ofSeconds(60));
    private final AtomicInteger requestIds = new AtomicInteger(1);
    private final SpoolerConfig spoolerConfig;
    private final String engineYaml;
    private Process child;
    private int childPort;
    /** How many queues the engine's deployment policy shows the spooler: all three unless the test's configuration says otherwise. */
    private final int shown;

    SpoolerSystem(Path directory) throws IOException {
        this(directory, 3, 1);
    }

    SpoolerSystem(Path directory, int maxAttempts, int retryWaitSeconds) throws IOException {
        this(directory, maxAttempts, retryWaitSeconds, "");
    }

    /** @param engineYaml more of the engine's configuration (e.g. a client-policy block) */
    SpoolerSystem(Path directory, int maxAttempts, int retryWaitSeconds, String engineYaml) throws IOException {
        this(directory, maxAttempts, retryWaitSeconds, engineYaml, profile -> profile);
    }

    /** @param printers changes to the demo printers (e.g. one that takes only Print-Job) */
    SpoolerSystem(Path directory, int maxAttempts, int retryWaitSeconds, String engineYaml,
                  java.util.function.UnaryOperator<Profile> printers) throws IOException {
        this(directory, maxAttempts, retryWaitSeconds, engineYaml, printers, null, 3);
    }

    /** The demo system, its spooler on a clock the test advances; 3 attempts a second apart. */
    static SpoolerSystem onManualTime(Path directory) throws IOException {
        return new SpoolerSystem(directory, 3, 1, "", profile -> profile, new ManualScheduler(new MutableClock()), 3);
    }

    /**
     * The demo system with more of the engine's configuration ({@code engineYaml}: a deployment
     * policy), whose spooler shows {@code shown} of the three queues; on manual time or not.
     */
    static SpoolerSystem showing(Path directory, String engineYaml, int shown, boolean manualTime) throws IOException {
        return new SpoolerSystem(directory, 3, 1, engineYaml, profile -> profile,
                manualTime ? new ManualScheduler(new MutableClock()) : null, shown);
    }

    private SpoolerSystem(Path directory, int maxAttempts, int retryWaitSeconds, String engineYaml,
                          java.util.function.UnaryOperator<Profile> printers, ManualScheduler time, int shown) throws IOException {
        this.directory = directory;
        this.shown = shown;
        this.engineYaml = engineYaml;
        this.time = time;
        this.simulator = Simulator.start(printers.apply(Profile.demo().onFreePorts().faster(10)), null);
        startEngine();
        this.spoolerConfig = new SpoolerConfig(engine.systemUri(), TOKEN, "test", "127.0.0.1", -1,
                directory.resolve("spool"), maxAttempts, retryWaitSeconds, 2, 200, 1, null);
        this.spooler = startSpooler(spoolerConfig);
        Await.until(Duration.ofSeconds(20), () -> spooler.printers().all().size() == this.shown, "the spooler to learn the queues it shows");
    }

    void startEngine() throws IOException {
        SimPrinter office = simulator.printer("office-color").orElseThrow();
        SimPrinter laser = simulator.printer("laser-ps").orElseThrow();
        SimPrinter slow = simulator.printer("slow-small").orElseThrow();
        String yaml = ("""
                host: 127.0.0.1
                port: %d
                printers:
                  - {name: office-color, device-uri: "%s", snmp-uri: "snmp://public@127.0.0.1:%d", max-jobs: 2}
                  - name: laser-ps
                    device-uri: socket://127.0.0.1:%d
                    snmp-uri: snmp://public@127.0.0.1:%d
                    max-jobs: 1
                    capabilities:
                      document-format-supported: [application/postscript, application/pdf, application/vnd.hp-pcl, text/plain]
                  - {name: slow-small, device-uri: "%s", snmp-uri: "snmp://public@127.0.0.1:%d", max-jobs: 1}
                credentials:
                  - {name: workstation, role: spooler, token-sha256: %s, identities: ["*@test"]}
                  - {name: operator, role: operator, password-sha256: %s, identities: ["*"]}
                watch: {up-interval: 1, down-interval: 1, check-timeout: 1}
                timeouts: {confirm: 10, stall: 10, fail: 20, poll-hold: 20}
                """ + engineYaml).formatted(engine == null ? 0 : engine.port(), simulator.ippUri(office), simulator.snmpPort(office),
                simulator.rawPort(laser), simulator.snmpPort(laser), simulator.ippUri(slow), simulator.snmpPort(slow),
                Authenticator.sha256Hex(TOKEN), Authenticator.sha256Hex(OPERATOR_PASSWORD));
        engine = Engine.start(EngineConfig.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))),
                Clock.systemUTC(), directory.resolve("engine"));
    }

    URI printerUri(String queue) {
        return URI.create("ipp://localhost:" + (spooler != null ? spooler.port() : childPort) + "/printers/" + queue);
    }

    /** From now on the spooler runs in a child JVM on the same spool, so that it can be killed with kill -9. */
    void moveSpoolerToChildProcess() throws IOException {
        spooler.close();
        childPort = spooler.port();
        spooler = null;
        startChildSpooler();
    }

    void startChildSpooler() throws IOException {
        // Kept under target/ (not in the test's temporary directory) so that a failure can be read afterwards.
        Path logs = Path.of("target", "spooler-logs");
        java.nio.file.Files.createDirectories(logs);
        Path log = logs.resolve("spooler-" + System.currentTimeMillis() + ".log");
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SpoolerMain.class.getName(), "--engine", engine.systemUri().toString(), "--port", String.valueOf(childPort),
                "--spool", spoolerConfig.spool().toString(), "--config", childConfig().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Await.until(Duration.ofSeconds(30), () -> {
            try {
                return ask(Operation.getPrinterAttributes, "office-color", "ann", null).getStatus()
                        .equals(com.hp.jipp.model.Status.successfulOk);
            } catch (IOException e) {
                return false;
            }
        }, () -> "the child spooler to answer; its log: " + tail(log));
    }

    /** kill -9: the spooler gets no chance to tidy up. */
    void killSpooler() throws InterruptedException {
        child.destroyForcibly();
        child.waitFor();
    }

    private Path childConfig() throws IOException {
        Path file = directory.resolve("spooler.yaml");
        java.nio.file.Files.writeString(file, """
                token: %s
                domain: test
                max-attempts: %d
                retry-wait-seconds: %d
                progress-poll-millis: 200
                heartbeat-seconds: 1
                """.formatted(TOKEN, spoolerConfig.maxAttempts(), spoolerConfig.retryWaitSeconds()));
        return file;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Print-Job of {@code document} to the spooler's queue as {@code user}; returns the local job id. */
    int print(String queue, String user, Path document, String format, Attribute<?>... template) throws IOException {
        List<AttributeGroup> groups = new ArrayList<>(List.of(AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                Types.printerUri.of(printerUri(queue)), Types.requestingUserName.of(user),
                Types.jobName.of(document.getFileName().toString()), Types.documentFormat.of(format))));
        if (template.length > 0) {
            groups.add(AttributeGroup.groupOf(Tag.jobAttributes, template));
        }
        IppPacket answer = ipp.send(printerUri(queue), new IppPacket(0x0200, Operation.printJob.getCode(),
                requestIds.getAndIncrement(), groups), document);
        if (!answer.getStatus().equals(com.hp.jipp.model.Status.successfulOk)) {
            throw new AssertionError("Print-Job answered " + answer.getStatus() + ": "
                    + answer.getString(Tag.operationAttributes, Types.statusMessage));
        }
        return answer.getValue(Tag.jobAttributes, Types.jobId);
    }

    /** Send-Document of the last (only) document of a job made with Create-Job. */
    void sendDocument(String queue, String user, int jobId, Path document, String format) throws IOException {
        IppPacket answer = ipp.send(printerUri(queue), new IppPacket(0x0200, Operation.sendDocument.getCode(),
                requestIds.getAndIncrement(), List.of(AttributeGroup.groupOf(Tag.operationAttributes,
                        Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                        Types.printerUri.of(printerUri(queue)), Types.jobId.of(jobId), Types.requestingUserName.of(user),
                        Types.documentFormat.of(format), Types.lastDocument.of(true)))), document);
        if (!answer.getStatus().equals(com.hp.jipp.model.Status.successfulOk)) {
            throw new AssertionError("Send-Document answered " + answer.getStatus() + ": "
                    + answer.getString(Tag.operationAttributes, Types.statusMessage));
        }
    }

    /** Any IPP request to the spooler on a queue or a job. */
    IppPacket ask(Operation operation, String queue, String user, Integer jobId, AttributeGroup... more) throws IOException {
        List<Attribute<?>> operationAttributes = new ArrayList<>(List.of(Types.attributesCharset.of("utf-8"),
                Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(printerUri(queue))));
        if (jobId != null) {
            operationAttributes.add(Types.jobId.of(jobId));
        }
        operationAttributes.add(Types.requestingUserName.of(user));
        List<AttributeGroup> groups = new ArrayList<>(List.of(AttributeGroup.groupOf(Tag.operationAttributes, operationAttributes)));
        groups.addAll(List.of(more));
        return ipp.send(printerUri(queue), new IppPacket(0x0200, operation.getCode(), requestIds.getAndIncrement(), groups));
    }

    AttributeGroup job(String queue, String user, int jobId) throws IOException {
        return ask(Operation.getJobAttributes, queue, user, jobId).get(Tag.jobAttributes);
    }

    JobState stateOf(String queue, int jobId) {
        try {
            AttributeGroup job = job(queue, "ann", jobId);
            return job == null ? null : job.getValue(Types.jobState);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Ann's 30-page job on slow-small (one job at a time), once it prints: the printer stays busy
     * for a while, so jobs sent after it wait in line. Returns its local job id.
     */
    int keepSlowSmallBusy(Path directory) throws IOException {
        int busy = print("slow-small", "ann", Documents.pdf(directory, "long-run", 30), "application/pdf");
        awaitState("slow-small", busy, JobState.processing, Duration.ofSeconds(60));
        return busy;
    }

    void awaitState(String queue, int jobId, JobState state, Duration within) {
        Await.until(within, () -> state.equals(stateOf(queue, jobId)), () -> "job " + jobId + " to be " + state.getName()
                + "; it is " + describe(queue, jobId));
    }

    String describe(String queue, int jobId) {
        try {
            AttributeGroup job = job(queue, "ann", jobId);
            return job == null ? "gone" : job.getValue(Types.jobState) + " — " + job.getValue(Types.jobStateMessage);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * What the spooler's engine-call threads are doing (the jobs' lanes, the HTTP/2 client's I/O
     * thread, the timers): for a test's failure message when a job stops moving, so that a hang
     * seen once in a loaded CI run says where it was.
     */
    static String engineCallThreads() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            String name = thread.getName();
            if (name.startsWith("ticket-lane") || name.startsWith("requester") || name.contains("engine")) {
                dump.append("\n\"").append(name).append("\" ").append(thread.getState());
                for (int i = 0; i < Math.min(stack.length, 25); i++) {
                    dump.append("\n    at ").append(stack[i]);
                }
            }
        });
        return dump.toString();
    }

    /** The pages a printer put out, in order, of every job. */
    List<Integer> pagesPrintedBy(String printer) {
        return simulator.ledger().entries(e -> e.printer().equals(printer)).stream().map(LedgerEntry::page).toList();
    }

    List<LedgerEntry> ledgerOf(String printer) {
        return simulator.ledger().entries(e -> e.printer().equals(printer));
    }

    /** Stops the in-process spooler and starts it again on the same spool (a spooler restart). */
    void restartSpooler() throws IOException {
        restartSpoolerTalkingTo(engine.systemUri());
    }

    /** Restarts the in-process spooler on the same spool, talking to the engine at {@code engineUri} (e.g. through a proxy). */
    void restartSpoolerTalkingTo(URI engineUri) throws IOException {
        spooler.close();
        spooler = startSpooler(new SpoolerConfig(engineUri, TOKEN, "test", "127.0.0.1", -1, spoolerConfig.spool(),
                spoolerConfig.maxAttempts(), spoolerConfig.retryWaitSeconds(), 2, 200, 1, null));
        Await.until(Duration.ofSeconds(20), () -> spooler.printers().all().size() == this.shown, "the spooler to learn the queues it shows");
    }

    private Spooler startSpooler(SpoolerConfig config) throws IOException {
        return time == null ? Spooler.start(config) : Spooler.start(config, time.clock(), time::schedule);
    }

    /** Moves the spooler's clock forward, running the timers that come due (a spooler on manual time only). */
    void advance(Duration step) {
        if (time == null) {
            throw new IllegalStateException("the spooler runs on wall time: make the system with onManualTime");
        }
        time.advance(step);
    }

    /**
     * Waits for {@code condition} while the spooler's time runs: one second of it every tenth of a
     * second of the test's, so that heartbeats keep the engine (on wall time) hearing of a
     * printing job, and waits of the spooler's pass at ten times their speed.
     */
    void awaitWhileTimeRuns(Duration within, java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> what) {
        Await.until(within, Duration.ofMillis(100), () -> {
            advance(Duration.ofSeconds(1));
            return condition.getAsBoolean();
        }, what);
    }

    /** {@link #awaitState} for a spooler on manual time: its time runs meanwhile ({@link #awaitWhileTimeRuns}). */
    void awaitStateWhileTimeRuns(String queue, int jobId, JobState state, Duration within) {
        awaitWhileTimeRuns(within, () -> state.equals(stateOf(queue, jobId)), () -> "job " + jobId + " to be "
                + state.getName() + "; it is " + describe(queue, jobId));
    }

    /** Stops the engine and starts it again on the same port and data. */
    void restartEngine() throws IOException {
        engine.close();
        startEngine();
    }

    /** The SHA-256 of each page as printer-sim's splitter (and so its ledger) sees it. */
    static List<String> pageHashes(Path document, String format) throws IOException {
        List<String> hashes = new ArrayList<>();
        try (var in = java.nio.file.Files.newInputStream(document)) {
            org.printgate.formats.PageSplitters.forFormat(format).split(in, page -> hashes.add(page.sha256()));
        }
        return hashes;
    }

    /** The SHA-256 of every page every printer put out. */
    List<String> printedHashes() {
        return simulator.ledger().entries().stream().map(LedgerEntry::sha256).toList();
    }

    @Override
    public void close() {
        if (spooler != null) {
            spooler.close();
        }
        if (child != null) {
            child.destroyForcibly();
        }
        if (engine != null) {
            engine.close();
        }
        simulator.close();
    }
}
