package org.printgate.bench.engine;

import static org.printgate.bench.BenchOutput.round;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.printgate.bench.BenchOutput;
import org.printgate.bench.BenchRun;
import org.printgate.engine.Engine;
import org.printgate.protocol.client.EngineTransport;
import org.printgate.protocol.client.TicketClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code printgate bench engine}: a load generator on loopback for the ticket engine (issue 3,
 * "Benchmark"), with the engine in this JVM. Progress goes to stderr; the one line on stdout is
 * the figures, {@code key=value}, all measured:
 * <ul>
 * <li>{@code lifecycles_per_s}: whole job lives per second — Create-Job with the size, the
 * go-ahead on the long-poll, the confirm, one heartbeat, the completion — with every change
 * durable before it is answered, {@code --clients} spoolers at once, each with its own
 * credential and subscription and its long-poll always open; counted over a window after a
 * warm-up ({@link LifecycleRun}).</li>
 * <li>{@code p99_go_ahead_ms}: with queues of one job each shared by
 * {@code --waiters-per-queue} spoolers, so that every go-ahead after the first comes from a
 * completion: from the moment the completion is sent to the moment the next ticket's go-ahead
 * is in its spooler's hands ({@link SimulatedSpooler.Lifecycle#goAheadAfterFreeNanos()}). Jobs
 * print for {@code --print-ms} there: the queues stay full, but the engine is not run past its
 * capacity, where the figure would measure queueing (a thousand spoolers without a pause wait
 * seconds by Little's law) instead of how fast the engine reacts.</li>
 * <li>{@code control_bytes_per_job}: bytes on the wire, HTTP included, both ways, for one job of
 * one spooler, counted by a forwarder between it and the engine ({@link WireCost}).</li>
 * <li>{@code queues}, {@code queued_jobs}, {@code heap_mb}, {@code restart_s}: full queues and
 * their waiting tickets stored through the engine, heap after GC, and a timed restart
 * ({@link CapacityRun}).</li>
 * </ul>
 * Besides these, the line says where the CPU went in the throughput window ({@link CpuAccount}):
 * engine and spoolers share the cores here, so the engine's own share is what it would need.
 */
@Command(name = "bench engine", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Loads a ticket engine in this JVM over loopback and prints one line of figures.",
        footer = "--quick: 1/20 of the clients, queues and tickets, 2 s warm-up, 5 s windows.")
public final class EngineBench implements Callable<Integer> {

    enum Phase { LIFECYCLE, LATENCY, WIRE, CAPACITY }

    @Option(names = "--clients", description = "Spoolers at once, each with its credential, subscription and open long-poll (default ${DEFAULT-VALUE}).")
    int clients = 1000;

    @Option(names = "--queues", description = "Queues for the throughput phase (default ${DEFAULT-VALUE}).")
    int queues = 100;

    @Option(names = "--max-jobs", description = "Capacity of each throughput queue, concurrent jobs (default ${DEFAULT-VALUE}).")
    int maxJobs = 20;

    @Option(names = "--waiters-per-queue", description = "Spoolers per one-job queue in the go-ahead latency phase (default ${DEFAULT-VALUE}).")
    int waitersPerQueue = 4;

    @Option(names = "--print-ms", description = "In the latency phase, how long each job prints between its heartbeat "
            + "and its completion, so the engine is not overloaded while the queues stay full (default ${DEFAULT-VALUE}).")
    int printMillis = 1000;

    @Option(names = "--confirm", description = "How go-aheads are confirmed: POLL (the re-poll, §6.6) or ACK (Acknowledge-Job) (default ${DEFAULT-VALUE}).")
    SimulatedSpooler.Confirm confirm = SimulatedSpooler.Confirm.POLL;

    /**
     * Each real spooler has its own connection; 1,000 JDK clients would cost 1,000 selector
     * threads here, so the spoolers share a few. One for all made its single HTTP/2 connection
     * the bottleneck (p99 go-ahead 194 ms instead of 25).
     */
    @Option(names = "--http-clients", description = "HTTP clients (so HTTP/2 connections) the spoolers are spread over (default ${DEFAULT-VALUE}).")
    int httpClients = 32;

    @Option(names = "--wire-jobs", description = "Jobs counted through the byte-counting forwarder (default ${DEFAULT-VALUE}).")
    int wireJobs = 200;

    @Option(names = "--wire-dump", paramLabel = "FILE", description = "Write one counted job's traffic there, readable.")
    Path wireDump;

    @Option(names = "--capacity-queues", description = "Queues to hold (default ${DEFAULT-VALUE}).")
    int capacityQueues = 200_000;

    @Option(names = "--capacity-tickets", description = "Waiting tickets to hold (default ${DEFAULT-VALUE}).")
    int capacityTickets = 1_000_000;

    @Option(names = "--accounting-rows", description = "Accounting rows (30 days) stored into the capacity engine before its console is timed; 0: no console phase (default ${DEFAULT-VALUE}).")
    long accountingRows = 5_000_000;

    @Option(names = "--console-samples", description = "Requests timed per console page (default ${DEFAULT-VALUE}).")
    int consoleSamples = 40;

    @Option(names = "--store-threads", description = "Threads storing the capacity phase's changes, sharing group commits (default ${DEFAULT-VALUE}).")
    int storeThreads = 256;

    @Option(names = "--phases", split = ",", description = "Phases to run: ${COMPLETION-CANDIDATES} (default: all).")
    EnumSet<Phase> phases = EnumSet.allOf(Phase.class);

    /** A 30 s warm-up: with 10, the JIT was still compiling in the window and the rate was a third lower. */
    @Mixin
    final BenchRun run = new BenchRun(30, 20);

    @Override
    public Integer call() throws Exception {
        applyQuick();
        return run.measure("printgate-bench-", (root, out) -> {
            describe(root);
            if (phases.contains(Phase.LIFECYCLE) || phases.contains(Phase.LATENCY) || phases.contains(Phase.WIRE)) {
                runLoad(emptyDirectory(root.resolve("load")), out);
            }
            if (phases.contains(Phase.CAPACITY)) {
                runCapacity(emptyDirectory(root.resolve("capacity")), out);
            }
        });
    }

    /** The throughput, latency and byte phases, on one engine with every spooler connected. */
    private void runLoad(Path directory, Map<String, Object> out) throws Exception {
        int saturatedQueues = (clients + waitersPerQueue - 1) / waitersPerQueue;
        Engine engine = Engine.start(BenchConfigurations.load(clients, queues, maxJobs, saturatedQueues),
                Clock.systemUTC(), directory);
        AtomicLong errors = new AtomicLong();
        List<SimulatedSpooler> spoolers = new ArrayList<>();
        ConfirmWatcher confirms = new ConfirmWatcher(engine.book());
        // The spoolers' waits (a job printing, a pause after an error), on one thread for all.
        java.util.concurrent.ScheduledExecutorService timers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                runnable -> {
                    Thread thread = new Thread(runnable, "spooler-timers");
                    thread.setDaemon(true);
                    return thread;
                });
        List<EngineTransport> transports = new ArrayList<>();
        try {
            for (int i = 0; i < httpClients; i++) {
                transports.add(EngineTransport.create());
            }
            long connectStart = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                TicketClient client = TicketClient.using(transports.get(c % httpClients), engine.systemUri(),
                        "Bearer " + BenchConfigurations.token(c));
                SimulatedSpooler spooler = new SimulatedSpooler(client, BenchConfigurations.user(c), engine.book(), confirms,
                        timers, errors);
                spooler.start();
                spoolers.add(spooler);
            }
            System.err.printf("bench: %d spoolers subscribed, long-polls open (%.1f s)%n", clients,
                    (System.nanoTime() - connectStart) / 1e9);
            Duration warmup = run.warmup();
            Duration window = run.window();
            if (phases.contains(Phase.LIFECYCLE)) {
                // Spooler c prints on queue c mod queues: clients/queues per queue, all within its capacity.
                AtomicLongArray freed = new AtomicLongArray(queues);
                LifecycleRun.Result run;
                // ... while an operator watches the console's dashboard.
                try (DashboardWatcher watcher = new DashboardWatcher(engine, Duration.ofSeconds(2))) {
                    run = LifecycleRun.run("lifecycles", spoolers, c -> new SimulatedSpooler.Assignment(
                            BenchConfigurations.lifecycleQueue(c % queues), c % queues, freed, 0), confirm, warmup, window, errors);
                    out.put("dashboard_views", watcher.answered());
                    out.put("dashboard_under_load_p95_ms", round(watcher.p95Millis(), 1));
                    if (watcher.failures() > 0) {
                        errors.addAndGet(watcher.failures());
                    }
                }
                out.put("lifecycles_per_s", round(run.perSecond(), 0));
                out.put("p99_lifecycle_ms", round(LifecycleRun.percentileMillis(run.lifecycleNanos(), 0.99), 1));
                // Where the cores went in the window, per lifecycle: engine threads, spooler and
                // HTTP-client threads, and the rest of the JVM (GC, JIT).
                out.put("cpu_cores_busy", round(run.cpu().processNanos() / 1e9 / run.seconds(), 2));
                out.put("engine_cpu_ms_per_job", round(run.cpuMillisPerLifecycle(run.cpu().engineNanos()), 2));
                out.put("store_cpu_ms_per_job", round(run.cpuMillisPerLifecycle(run.cpu().storeNanos()), 2));
                out.put("client_cpu_ms_per_job", round(run.cpuMillisPerLifecycle(run.cpu().clientNanos()), 2));
                out.put("other_cpu_ms_per_job", round(run.cpuMillisPerLifecycle(run.cpu().otherNanos()), 2));
            }
            if (phases.contains(Phase.LATENCY)) {
                // Spooler c waits on one-job queue c mod n: each queue is full and has others waiting;
                // jobs print for --print-ms, so the engine has headroom and the figure is its reaction.
                AtomicLongArray freed = new AtomicLongArray(saturatedQueues);
                LifecycleRun.Result run = LifecycleRun.run("go-ahead latency", spoolers, c -> new SimulatedSpooler.Assignment(
                        BenchConfigurations.saturatedQueue(c % saturatedQueues), c % saturatedQueues, freed, printMillis),
                        confirm, warmup, window, errors);
                out.put("p99_go_ahead_ms", round(LifecycleRun.percentileMillis(run.goAheadAfterFreeNanos(), 0.99), 1));
                out.put("p50_go_ahead_ms", round(LifecycleRun.percentileMillis(run.goAheadAfterFreeNanos(), 0.50), 1));
                out.put("p90_go_ahead_ms", round(LifecycleRun.percentileMillis(run.goAheadAfterFreeNanos(), 0.90), 1));
                out.put("go_ahead_samples", run.goAheadAfterFreeNanos().length);
                out.put("saturated_lifecycles_per_s", round(run.perSecond(), 0));
                out.put("print_ms", printMillis);
            }
            if (phases.contains(Phase.WIRE)) {
                WireCost.Result wire = WireCost.measure(engine, confirms, timers, wireJobs, confirm, wireDump, errors);
                System.err.printf("bench: wire: %.0f bytes per job (%.0f up, %.0f down), %d connections%n",
                        wire.bytesPerJob(), wire.requestBytesPerJob(), wire.responseBytesPerJob(), wire.connections());
                out.put("control_bytes_per_job", round(wire.bytesPerJob(), 0));
                // HTTP/2 carries the parked long-poll and the requests on one connection (§2.1).
                out.put("control_connections", wire.connections());
            }
            out.put("clients", clients);
            out.put("errors", errors.get());
        } finally {
            spoolers.forEach(SimulatedSpooler::stop);
            transports.forEach(EngineTransport::close);
            timers.shutdownNow();
            confirms.close();
            engine.close();
        }
    }

    private void runCapacity(Path directory, Map<String, Object> out) throws Exception {
        CapacityRun.Result result = CapacityRun.run(directory, capacityQueues, capacityTickets, storeThreads,
                accountingRows, consoleSamples);
        System.err.printf("bench: capacity: stored in %.1f s; heap %.0f MiB (bench alone %.0f, before restart %.0f); "
                        + "store %.0f MiB; timer pass %.0f ms%n", result.fillSeconds(), result.heapMb(), result.heapBaseMb(),
                result.heapFilledMb(), result.storeMb(), result.tickMs());
        out.put("queues", result.queues());
        out.put("queued_jobs", result.queuedJobs());
        out.put("heap_mb", round(result.heapMb(), 0));
        out.put("restart_s", round(result.restartSeconds(), 2));
        out.put("heap_before_restart_mb", round(result.heapFilledMb(), 0));
        out.put("heap_base_mb", round(result.heapBaseMb(), 0));
        out.put("store_mb", round(result.storeMb(), 0));
        out.put("fill_s", round(result.fillSeconds(), 1));
        out.put("timer_pass_ms", round(result.tickMs(), 0));
        if (result.console() != null) {
            out.put("accounting_rows", result.console().rows());
            out.put("accounting_load_s", round(result.console().loadSeconds(), 1));
            result.console().p95Millis().forEach((key, millis) -> out.put(key, round(millis, 1)));
        }
    }

    /** --quick: 1/20 of the clients, queues and tickets, 2 s warm-up, 5 s windows. */
    private void applyQuick() {
        clients = run.quick("--clients", clients, clients / 20);
        queues = run.quick("--queues", queues, Math.max(1, queues / 20));
        capacityQueues = run.quick("--capacity-queues", capacityQueues, capacityQueues / 20);
        capacityTickets = run.quick("--capacity-tickets", capacityTickets, capacityTickets / 20);
        accountingRows = run.quick("--accounting-rows", (int) accountingRows, (int) (accountingRows / 20));
        consoleSamples = run.quick("--console-samples", consoleSamples, 5);
        wireJobs = run.quick("--wire-jobs", wireJobs, Math.max(10, wireJobs / 4));
        run.quickWindows(2, 5);
    }

    private void describe(Path root) throws IOException {
        FileStore store = Files.getFileStore(root);
        System.err.printf("bench: %d spoolers; throughput on %d queues × %d jobs; latency on %d one-job queues "
                        + "(%d spoolers each); %d s warm-up, %d s windows; confirm by %s; %d cores, heap max %d MiB%n",
                clients, queues, maxJobs, (clients + waitersPerQueue - 1) / waitersPerQueue, waitersPerQueue,
                run.warmupSeconds(), run.durationSeconds(), confirm, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.err.printf("bench: capacity: %d queues, %d waiting tickets; stores in %s (%s)%n", capacityQueues,
                capacityTickets, root, store.type());
        BenchOutput.warnIfTmpfs(root, "durable commits");
    }

    private static Path emptyDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(directory + " is not empty: the bench needs fresh stores");
                }
            }
        }
        return Files.createDirectories(directory);
    }

    public static void main(String[] args) {
        int code = BenchRun.execute(new EngineBench(), args);
        // Parked long-polls and the engines' daemon threads must not keep the JVM.
        System.exit(code);
    }
}
