package org.printgate.bench.spooler;

import static org.printgate.bench.BenchOutput.round;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.printgate.bench.BenchOutput;
import org.printgate.bench.BenchRun;
import org.printgate.bench.spooler.ForwardRun.Trial;
import org.printgate.bench.engine.CountingProxy;
import org.printgate.ipp.IppClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code printgate bench spooler}: the client spooler measured on this machine, each figure
 * next to its anchor measured in the same run. The spoolers run as child JVMs with the
 * launcher's flags ({@link LauncherFlags}) and, like the launcher's, a class-data archive that
 * a first, separately reported start records ({@link ClassArchive}); the engine, the raw-socket "printer" (a
 * {@link DiscardingSink}), the byte-counting proxy in front of the engine and the load run in
 * this JVM. Progress goes to stderr; the one line on stdout is the figures, {@code key=value}:
 * <ul>
 * <li>{@code start_ms}, {@code idle_rss_mb}: launch to the first Get-Printer-Attributes answer
 * with the engine's ten queues learned, and VmRSS once idle; medians over {@code --starts}
 * ({@link StartRun}).</li>
 * <li>{@code accept_jobs_per_s} and {@code cupsd_accept_jobs_per_s}: Print-Jobs of a small PDF
 * answered by the spooler (document fsynced, job journaled) on a paused queue, and by a private
 * cupsd on a stopped raw queue, {@code --clients} clients each ({@link AcceptRun},
 * {@link CupsdQueue}).</li>
 * <li>{@code forward_mb_per_s} and {@code loopback_copy_mb_per_s}: a {@code --document-mib} job
 * from the resume of its queue to its completion at the engine, and a plain socket copy of the
 * same file to the same sink; medians of {@code --forward-runs} runs, each forward followed by a
 * copy, after small jobs through the same fresh spooler (the first timed apart);
 * {@code wire_bytes_ratio}: sink bytes plus ticket traffic per document byte; {@code spooler_heap_mb}:
 * the peak heap used while forwarding; the worst run of each ({@link ForwardRun}).
 * {@code forward_cpu_s_per_gib} and {@code copy_cpu_s_per_gib}: CPU seconds per GiB of the
 * spooler process while forwarding, and of the plain copy's thread; medians of the same runs.
 * The forward target (at least 80 % of the copy) is held on CPU ({@code forward_vs_copy_cpu}, copy
 * CPU over forward CPU): on a shared VM the MiB/s of either side move by ±15 % within seconds.</li>
 * <li>{@code start_ms_2000q}, {@code idle_rss_mib_2000q}, {@code idle_cpu_pct_2000q}: the same
 * start and RSS against an engine of {@code --scale-queues} queues, and the CPU the idle spooler
 * then uses over {@code --idle-seconds} ({@link ScaleRun}).</li>
 * </ul>
 * MiB throughout ({@code _mb} = 2^20 bytes).
 */
@Command(name = "bench spooler", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures the client spooler next to its anchors (cupsd, a plain socket copy) and prints one line of figures.",
        footer = "--quick: one start and round, a 64 MiB job forwarded once, 1 s warm-up and 3 s windows, 5 s idle.")
public final class SpoolerBench implements Callable<Integer> {

    enum Phase { START, SCALE, ACCEPT, FORWARD }

    /** The small jobs forwarded before the timed ones, so that those do not run cold code. */
    private static final int SMALL_JOB_MIB = 8;

    @Option(names = "--clients", description = "Concurrent Print-Job clients in the accept runs (default ${DEFAULT-VALUE}).")
    int clients = 8;

    @Option(names = "--rounds", description = "Accept windows alternate between the spooler and cupsd this many times; "
            + "the window is split among them (default ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--document-mib", description = "Size of the forwarded job in MiB (default ${DEFAULT-VALUE}).")
    int documentMib = 1024;

    @Option(names = "--forward-runs", description = "Times the big job is forwarded, each followed by a plain copy; "
            + "the medians are reported (default ${DEFAULT-VALUE}).")
    int forwardRuns = 3;

    @Option(names = "--starts", description = "Spooler starts timed; the medians are reported (default ${DEFAULT-VALUE}).")
    int starts = 3;

    @Option(names = "--scale-queues", description = "Queues of the large site the scale phase's spooler mirrors "
            + "(default ${DEFAULT-VALUE}; the keys still say 2000q).")
    int scaleQueues = 2000;

    @Option(names = "--idle-seconds", description = "How long the scale phase's spooler is watched idle (default ${DEFAULT-VALUE}).")
    int idleSeconds = 60;

    @Option(names = "--phases", split = ",", description = "Phases to run: ${COMPLETION-CANDIDATES} (default: all).")
    EnumSet<Phase> phases = EnumSet.allOf(Phase.class);

    @Option(names = "--launcher", paramLabel = "FILE", description = "The launcher whose SPOOLER_JAVA_OPTS the spoolers run with "
            + "(default: bin/printgate here or above).")
    Path launcher;

    /** The accept run: the load on each server before it is first counted, and the window each is counted. */
    @Mixin
    final BenchRun run = new BenchRun(5, 15);

    @Override
    public Integer call() throws Exception {
        applyQuick();
        Path launcherFile = launcher != null ? launcher : LauncherFlags.findLauncher()
                .orElseThrow(() -> new IOException("no bin/printgate here or above; give --launcher"));
        List<String> launcherFlags = LauncherFlags.of(launcherFile);
        return run.measure("printgate-spooler-bench-", (root, out) -> measure(root, launcherFlags, launcherFile, out));
    }

    private void measure(Path root, List<String> launcherFlags, Path launcherFile, Map<String, Object> out) throws Exception {
        describe(root, launcherFlags, launcherFile);
        Map<String, Object> explained = new LinkedHashMap<>();
        IppClient ipp = new IppClient(Duration.ofSeconds(5), Duration.ofSeconds(30));
        try (DiscardingSink sink = new DiscardingSink();
             BenchEngine engine = new BenchEngine(root.resolve("engine"), sink.port());
             CountingProxy proxy = new CountingProxy(engine.port())) {
            URI engineUri = URI.create("ipp://127.0.0.1:" + proxy.port() + "/ipp/system");
            Path document = BenchDocuments.smallPdf(Files.createDirectories(root.resolve("documents")));
            System.err.printf("bench: accept document: %d-byte PDF%n", Files.size(document));
            ClassArchive.Recorded archived = ClassArchive.record(launcherFlags, engineUri, root.resolve("spoolers"), ipp);
            List<String> flags = archived.flags();
            explained.put("first_start_ms", round(archived.firstStartMs(), 0));

            SpoolerProcess idle = null;
            if (phases.contains(Phase.START)) {
                StartRun.Result started = StartRun.run(flags, engineUri, root.resolve("spoolers"), starts, ipp);
                out.put("start_ms", round(started.startMs(), 0));
                out.put("idle_rss_mb", round(started.idleRssMb(), 1));
                idle = started.running();
            }
            if (phases.contains(Phase.SCALE)) {
                scale(flags, root, sink.port(), ipp, out, explained);
            }
            if (phases.contains(Phase.ACCEPT)) {
                // The last spooler of the start phase goes on to the accept run: it is idle and has no jobs.
                AcceptRun.Result[] results;
                try (SpoolerProcess spooler = idle != null ? idle
                        : SpoolerProcess.launch(flags, engineUri, root.resolve("spoolers/accept"));
                     CupsdQueue cups = CupsdQueue.start(root.resolve("cupsd"))) {
                    spooler.awaitReady(ipp, BenchEngine.ACCEPT, Duration.ofSeconds(60));
                    results = AcceptRun.compare(spooler.printerUri(BenchEngine.ACCEPT), spooler.pid(),
                            accepted -> engine.liveTicketCount(BenchEngine.ACCEPT) >= accepted, cups.queueUri(),
                            cups.pid(), document, clients, run.warmup(), run.window(), rounds);
                }
                idle = null;
                AcceptRun.Result spooled = results[0];
                AcceptRun.Result cupsd = results[1];
                System.err.printf("bench: spooler accepted %d jobs (%.0f/s), %d refused; CPU per job: spooler %.2f ms, "
                                + "bench JVM (clients, engine) %.2f ms%n", spooled.jobs(), spooled.jobsPerSecond(),
                        spooled.errors(), spooled.serverCpuMsPerJob(), spooled.benchCpuMsPerJob());
                System.err.printf("bench: cupsd accepted %d jobs (%.0f/s), %d refused; CPU per job: cupsd %.2f ms, "
                                + "bench JVM (clients) %.2f ms%n", cupsd.jobs(), cupsd.jobsPerSecond(), cupsd.errors(),
                        cupsd.serverCpuMsPerJob(), cupsd.benchCpuMsPerJob());
                System.err.printf("bench: meanwhile: cupsd used %.2f cores in the spooler's windows, the spooler %.2f in cupsd's%n",
                        spooled.otherServerCores(), cupsd.otherServerCores());
                out.put("accept_jobs_per_s", round(spooled.jobsPerSecond(), 0));
                out.put("cupsd_accept_jobs_per_s", round(cupsd.jobsPerSecond(), 0));
                explained.put("accept_vs_cupsd", round(spooled.jobsPerSecond() / cupsd.jobsPerSecond(), 2));
                explained.put("spooler_cpu_ms_per_job", round(spooled.serverCpuMsPerJob(), 2));
                explained.put("cupsd_cpu_ms_per_job", round(cupsd.serverCpuMsPerJob(), 2));
                explained.put("bench_cpu_ms_per_spooler_job", round(spooled.benchCpuMsPerJob(), 2));
                explained.put("bench_cpu_ms_per_cupsd_job", round(cupsd.benchCpuMsPerJob(), 2));
                explained.put("accept_errors", spooled.errors());
                explained.put("cupsd_errors", cupsd.errors());
                explained.put("clients", clients);
            }
            if (idle != null) {
                idle.close();
            }
            if (phases.contains(Phase.FORWARD)) {
                forward(flags, engineUri, root, engine, proxy, sink, ipp, out, explained);
            }
            out.putAll(explained);
        }
    }

    /**
     * A spooler against a site of {@code --scale-queues} queues, all shown to it: its own engine,
     * so the other phases keep their ten queues.
     */
    private void scale(List<String> flags, Path root, int sinkPort, IppClient ipp, Map<String, Object> out,
                       Map<String, Object> explained) throws IOException {
        try (BenchEngine site = new BenchEngine(root.resolve("engine-scale"), sinkPort, scaleQueues)) {
            URI siteUri = URI.create("ipp://127.0.0.1:" + site.port() + "/ipp/system");
            ScaleRun.Result scaled = ScaleRun.run(flags, siteUri, root.resolve("spoolers/scale"),
                    Duration.ofSeconds(idleSeconds), ipp);
            System.err.printf("bench: %d queues: ready in %.0f ms, idle RSS %.1f MiB, CPU %.2f %% of a core settling, "
                            + "then %.2f %% idle over %.0f s%n", scaleQueues, scaled.startMs(), scaled.idleRssMb(),
                    scaled.settlingCpuPercent(), scaled.idleCpuPercent(), scaled.idleSeconds());
            out.put("start_ms_2000q", round(scaled.startMs(), 0));
            out.put("idle_rss_mib_2000q", round(scaled.idleRssMb(), 1));
            out.put("idle_cpu_pct_2000q", round(scaled.idleCpuPercent(), 2));
            explained.put("scale_queues", scaleQueues);
            explained.put("idle_window_s", round(scaled.idleSeconds(), 0));
            explained.put("settling_cpu_pct_2000q", round(scaled.settlingCpuPercent(), 2));
        }
    }

    /** The big job through a fresh spooler (no jobs, nothing else to do), against the plain copy. */
    private void forward(List<String> flags, URI engineUri, Path root, BenchEngine engine, CountingProxy proxy,
                         DiscardingSink sink, IppClient ipp, Map<String, Object> out, Map<String, Object> explained)
            throws IOException, InterruptedException {
        Path documents = Files.createDirectories(root.resolve("documents"));
        Path smallJob = BenchDocuments.largePcl(documents, SMALL_JOB_MIB);
        Path large = BenchDocuments.largePcl(documents, documentMib);
        for (Path file : List.of(smallJob, large)) {
            try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);  // written back now, not while the forward runs
            }
        }
        ForwardRun.Result forward;
        try (SpoolerProcess spooler = SpoolerProcess.launch(flags, engineUri, root.resolve("spoolers/forward"),
                SpoolerProcess.FORWARD_TOKEN)) {
            spooler.awaitReady(ipp, BenchEngine.FORWARD, Duration.ofSeconds(60));
            forward = ForwardRun.run(spooler, engine, proxy, sink, smallJob, large, forwardRuns, ipp);
        }
        // Medians of the runs, but for the figures with a ceiling: the worst run of those.
        out.put("forward_mb_per_s", round(forward.median(Trial::forwardMbPerSecond), 0));
        out.put("loopback_copy_mb_per_s", round(forward.median(Trial::copyMbPerSecond), 0));
        out.put("wire_bytes_ratio", round(forward.worst(Trial::wireBytesRatio), 6));
        out.put("spooler_heap_mb", round(forward.worst(Trial::heapPeakMb), 1));
        explained.put("forward_vs_copy", round(forward.median(Trial::forwardMbPerSecond) / forward.median(Trial::copyMbPerSecond), 2));
        // CPU per GiB: what forwarding costs the desktop, next to what moving the bytes costs at the
        // least; steadier than MiB/s on a shared VM, where either side's speed moves ±15 % in seconds.
        double forwardCpu = forward.median(Trial::forwardCpuSecondsPerGib);
        double copyCpu = forward.median(Trial::copyCpuSecondsPerGib);
        out.put("forward_cpu_s_per_gib", round(forwardCpu, 2));
        out.put("copy_cpu_s_per_gib", round(copyCpu, 2));
        explained.put("forward_vs_copy_cpu", round(copyCpu / forwardCpu, 2));
        explained.put("forward_cpu_runs_s_per_gib", forward.each(Trial::forwardCpuSecondsPerGib, 2));
        explained.put("copy_cpu_runs_s_per_gib", forward.each(Trial::copyCpuSecondsPerGib, 2));
        explained.put("forward_runs_mb_per_s", forward.each(Trial::forwardMbPerSecond));
        explained.put("copy_runs_mb_per_s", forward.each(Trial::copyMbPerSecond));
        explained.put("forward_stream_mb_per_s", round(forward.median(Trial::streamMbPerSecond), 0));
        explained.put("go_ahead_to_first_byte_ms", round(forward.median(Trial::goAheadToFirstByteMs), 0));
        explained.put("first_job_go_ahead_to_first_byte_ms", round(forward.firstJobGoAheadToFirstByteMs(), 0));
        explained.put("spool_write_mb_per_s", round(forward.median(Trial::spoolMbPerSecond), 0));
        explained.put("ticket_bytes", round(forward.worst(Trial::ticketBytes), 0));
        explained.put("heap_committed_mb", round(forward.worst(Trial::heapCommittedMb), 1));
        explained.put("young_gcs", round(forward.worst(Trial::youngGcs), 0));
        explained.put("document_mb", round(forward.documentBytes() / (double) (1 << 20), 0));
    }

    /** --quick: one start and round, a 64 MiB job forwarded once, 1 s warm-up and 3 s windows, 5 s idle. */
    private void applyQuick() {
        starts = run.quick("--starts", starts, 1);
        idleSeconds = run.quick("--idle-seconds", idleSeconds, 5);
        rounds = run.quick("--rounds", rounds, 1);
        documentMib = run.quick("--document-mib", documentMib, 64);
        forwardRuns = run.quick("--forward-runs", forwardRuns, 1);
        run.quickWindows(1, 3);
    }

    private void describe(Path root, List<String> flags, Path launcherFile) throws IOException {
        FileStore store = Files.getFileStore(root);
        System.err.printf("bench: spooler JVM flags (%s): %s%n", launcherFile, String.join(" ", flags));
        System.err.printf("bench: %d starts; accept: %d clients, %d s warm-up, %d s windows; forward: %d MiB, %d run(s); "
                        + "data in %s (%s); %d cores%n", starts, clients, run.warmupSeconds(), run.durationSeconds(), documentMib, forwardRuns, root,
                store.type(), Runtime.getRuntime().availableProcessors());
        BenchOutput.warnIfTmpfs(root, "durable accepts");
    }

    public static void main(String[] args) {
        // Stopped early (Ctrl-C), the bench takes its spoolers, cupsd and jstat down with it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroy), "stop-children"));
        int code = BenchRun.execute(new SpoolerBench(), args);
        // The engine's and the HTTP clients' daemon threads must not keep the JVM.
        System.exit(code);
    }
}
