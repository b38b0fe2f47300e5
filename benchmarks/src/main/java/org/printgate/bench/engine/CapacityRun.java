package org.printgate.bench.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.printgate.engine.Engine;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.protocol.client.EngineTransport;
import org.printgate.protocol.client.TicketClient;

/**
 * How much the engine holds and how fast it comes back: {@code queues} queues of one job each,
 * every one full — one printing job holds its slot — with the waiting tickets queued behind them
 * (with their sizes, in priority-then-age order, never granted while the printing jobs last).
 * Everything goes through {@link Engine#apply}, the path requests take: each change is durable
 * before the call returns, and many threads calling at once share group commits, which is
 * the engine's own batching. Then the used heap after a full GC, then a restart from the data
 * directory, timed until the engine answers Get-Printer-Attributes on a queue over HTTP, and the
 * counts checked against what was stored.
 */
final class CapacityRun {
    /**
     * @param heapBaseMb used heap after GC before the engine started (the bench's own)
     * @param heapFilledMb used heap after GC with everything stored, before the restart
     * @param heapMb used heap after GC once restarted, all of it restored
     * @param tickMs one pass of the engine's timers (done every second) over all queues
     */
    record Result(int queues, long queuedJobs, long printingJobs, double fillSeconds, double heapBaseMb,
                  double heapFilledMb, double heapMb, double restartSeconds, double storeMb, double tickMs,
                  ConsoleRun.Result console) {}

    /** A slot-holding job's size and the waiting tickets': 2 MiB, 12 pages. */
    private static final long K_OCTETS = 2048;
    private static final int IMPRESSIONS = 12;
    private static final int HOLDERS = 1000;

    private CapacityRun() {}

    /**
     * @param accountingRows rows the console phase stores into the restarted engine (none: no console phase)
     * @param consoleSamples requests per console page measured
     */
    static Result run(Path data, int queues, int waitingTickets, int threads, long accountingRows, int consoleSamples)
            throws Exception {
        double base = usedHeapAfterGcMb();
        EngineConfig config = BenchConfigurations.capacity();
        long fillStart = System.nanoTime();
        Engine engine = Engine.start(config, Clock.systemUTC(), data);
        TicketBook book = engine.book();
        inParallel("capacity: queues", queues, threads, q -> engine.apply(() -> book.addQueue(queue(q))));
        int perQueue = waitingTickets / queues;
        int extra = waitingTickets % queues;
        inParallel("capacity: queues filled", queues, threads, q -> {
            String name = queueName(q);
            String holder = "holder-" + q % HOLDERS;
            String user = "user-%04d@bench".formatted(q % HOLDERS);
            // The job at the printer: granted at once (the queue is empty), confirmed, printing.
            long printing = engine.apply(() -> book.request(name, user, holder, "printing", 50, K_OCTETS, IMPRESSIONS))
                    .subject().jobId();
            engine.apply(() -> book.confirm(printing, holder));
            for (int i = 0; i < perQueue + (q < extra ? 1 : 0); i++) {
                engine.apply(() -> book.request(name, user, holder, "waiting", 50, K_OCTETS, IMPRESSIONS));
            }
        });
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        // The timer pass the engine runs every second, over every queue, under the book's lock.
        long tickStart = System.nanoTime();
        engine.tick();
        double tickMs = (System.nanoTime() - tickStart) / 1e6;
        double filled = usedHeapAfterGcMb();
        engine.close();
        double storeMb = directoryBytes(data) / (1024.0 * 1024.0);

        System.err.println("bench: capacity: restarting on " + data);
        long restartStart = System.nanoTime();
        Engine restarted = Engine.start(config, Clock.systemUTC(), data);
        try {
            TicketClient probe = TicketClient.using(EngineTransport.shared(), restarted.systemUri(), "Bearer " + BenchConfigurations.PROBE_TOKEN);
            probe.queue(queueName(queues - 1));
            double restartSeconds = (System.nanoTime() - restartStart) / 1e9;
            // Counts as restored: queues, tickets waiting in them, jobs holding their slots.
            TicketBook again = restarted.book();
            List<QueueConfig> restored = again.queues();
            long queued = 0;
            long printing = 0;
            for (QueueConfig queue : restored) {
                queued += again.queuedJobCount(queue.name());
                printing += again.grantedJobs(queue.name());
            }
            if (restored.size() != queues || queued != waitingTickets || printing != queues) {
                throw new IllegalStateException("after the restart: %d queues, %d waiting, %d printing; stored %d, %d, %d"
                        .formatted(restored.size(), queued, printing, queues, waitingTickets, queues));
            }
            double heap = usedHeapAfterGcMb();
            // The console over the site just restored, with a month of accounting added.
            ConsoleRun.Result console = accountingRows > 0 ? ConsoleRun.run(restarted, queues, accountingRows, consoleSamples) : null;
            return new Result(restored.size(), queued, printing, fillSeconds, base, filled, heap, restartSeconds,
                    storeMb, tickMs, console);
        } finally {
            restarted.close();
        }
    }

    static String queueName(int index) {
        return "q%06d".formatted(index);
    }

    private static QueueConfig queue(int index) {
        // A raw-port printer without SNMP: the printer watch keeps it without checking it.
        return new QueueConfig(queueName(index), URI.create("socket://10.%d.%d.%d:9100".formatted(
                index >> 16 & 255, index >> 8 & 255, index & 255)), null, 1, 0, List.of("*"), "");
    }

    interface Step {
        void run(int index) throws Exception;
    }

    /** Runs {@code step} for 0..count-1 on {@code threads} threads, with a progress line every 5 s. */
    private static void inParallel(String name, int count, int threads, Step step) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < count && failures.isEmpty(); ) {
                    try {
                        step.run(i);
                        done.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
            }, "capacity-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        long start = System.nanoTime();
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                worker.join(5000);
                if (worker.isAlive()) {
                    System.err.printf("bench: %s: %d of %d, %.1f s%n", name, done.get(), count,
                            (System.nanoTime() - start) / 1e9);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        System.err.printf("bench: %s: %d in %.1f s%n", name, count, (System.nanoTime() - start) / 1e9);
    }

    /** Heap in use after full collections (MemoryMXBean), in MiB. */
    static double usedHeapAfterGcMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private static long directoryBytes(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
