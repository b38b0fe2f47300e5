package org.printgate.bench.engine;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.printgate.engine.Engine;
import org.printgate.protocol.client.TicketClient;

/**
 * The bytes one client and the engine exchange for one job (docs/ticket-protocol.md §13): a
 * single spooler, with its own HTTP connections, talks to the engine through a counting
 * {@link CountingProxy}. One job first opens the connections and subscribes (not per job,
 * §13.2); then the counter is reset, {@code jobs} jobs run one after the other, and the bytes
 * both ways are divided by the number of jobs. In the window every job has exactly one
 * Create-Job, one go-ahead answer of the long-poll, one re-poll (the confirm), one heartbeat and
 * one completion; with {@link SimulatedSpooler.Confirm#ACK} also one Acknowledge-Job.
 */
final class WireCost {
    /** Bytes per job, requests and responses, and how many TCP connections the client opened. */
    record Result(double bytesPerJob, double requestBytesPerJob, double responseBytesPerJob, int connections) {}

    private WireCost() {}

    /** With {@code dump} set, the first counted job's traffic is written there, readable. */
    static Result measure(Engine engine, ConfirmWatcher confirms, ScheduledExecutorService timers, int jobs,
                          SimulatedSpooler.Confirm confirm, Path dump, AtomicLong errors)
            throws IOException, InterruptedException {
        try (CountingProxy forwarder = new CountingProxy(engine.port())) {
            URI system = URI.create("ipp://127.0.0.1:" + forwarder.port() + "/ipp/system");
            SimulatedSpooler spooler = new SimulatedSpooler(TicketClient.withToken(system, BenchConfigurations.WIRE_TOKEN),
                    BenchConfigurations.WIRE_USER, engine.book(), confirms, timers, errors);
            spooler.start();
            spooler.assign(new SimulatedSpooler.Assignment(BenchConfigurations.WIRE_QUEUE, 0, new AtomicLongArray(1), 0));
            runJob(spooler, confirm);
            settle();
            forwarder.reset();
            forwarder.record(dump != null);
            for (int i = 0; i < jobs; i++) {
                runJob(spooler, confirm);
                if (i == 0 && dump != null) {
                    settle();
                    forwarder.record(false);
                    Files.writeString(dump, forwarder.recorded());
                }
            }
            // The last re-poll may still be on its way through the forwarder.
            settle();
            long up = forwarder.bytesToTarget();
            long down = forwarder.bytesFromTarget();
            spooler.stop();
            return new Result((up + down) / (double) jobs, up / (double) jobs, down / (double) jobs, forwarder.connections());
        }
    }

    private static void runJob(SimulatedSpooler spooler, SimulatedSpooler.Confirm confirm)
            throws IOException, InterruptedException {
        try {
            spooler.runJob(confirm).get(3, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("wire: a job did not finish: " + e, e);
        }
    }

    private static void settle() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(300);
    }
}
