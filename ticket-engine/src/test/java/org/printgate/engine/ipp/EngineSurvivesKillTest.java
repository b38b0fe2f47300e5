package org.printgate.engine.ipp;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Types;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.auth.Authenticator;
import org.printgate.protocol.client.TicketClient.Notification;
import org.printgate.protocol.client.TicketClient;

/**
 * {@code kill -9} of the engine in the middle of load, then a restart on the same data: every
 * ticket the engine answered for is there as answered (or further along), job ids are never
 * reused, and no queue has more go-aheads out than its capacity.
 */
class EngineSurvivesKillTest {
    private static final int CLIENTS = 6;

    @TempDir
    Path dir;
    private Process engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.destroyForcibly();
        }
    }

    @Test
    void losesNothingAnsweredAndGrantsNothingTwiceAcrossAKillMinus9() throws Exception {
        int port = freePort();
        Path config = dir.resolve("engine.yaml");
        StringBuilder yaml = new StringBuilder("host: 127.0.0.1\nport: " + port + "\nprinters:\n");
        for (int q = 0; q < 3; q++) {
            yaml.append("  - {name: q").append(q).append(", device-uri: \"socket://127.0.0.1:9\", max-jobs: 2}\n");
        }
        yaml.append("credentials:\n");
        for (int c = 0; c < CLIENTS; c++) {
            yaml.append("  - {name: ws").append(c).append(", role: spooler, token-sha256: ")
                    .append(Authenticator.sha256Hex("token-" + c)).append(", identities: [\"*@corp\"]}\n");
        }
        yaml.append("  - {name: admin, role: operator, password-sha256: ").append(Authenticator.sha256Hex("pw"))
                .append(", identities: [\"*\"]}\n");
        Files.writeString(config, yaml);
        Path data = dir.resolve("data");
        URI system = URI.create("ipp://127.0.0.1:" + port + "/ipp/system");

        engine = startEngine(config, data);
        // What each job was last answered as: the engine must never be behind this after the crash.
        Map<Long, JobState> answered = new ConcurrentHashMap<>();
        AtomicInteger completed = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int id = c;
            Thread thread = new Thread(() -> runClient(system, id, answered, completed, enough));
            thread.start();
            clients.add(thread);
        }
        assertThat(enough.await(60, TimeUnit.SECONDS)).as("load reached 60 completed jobs").isTrue();
        engine.destroyForcibly().waitFor();
        for (Thread thread : clients) {
            thread.join(30_000);
        }

        engine = startEngine(config, data);
        TicketClient admin = TicketClient.withPassword(system, "admin", "pw");
        long highest = 0;
        for (Map.Entry<Long, JobState> entry : answered.entrySet()) {
            AttributeGroup job = admin.job(entry.getKey());
            JobState now = job.getValue(Types.jobState);
            assertThat(progress(now)).as("job %d answered %s, now %s", entry.getKey(), entry.getValue(), now)
                    .isGreaterThanOrEqualTo(progress(entry.getValue()));
            highest = Math.max(highest, entry.getKey());
        }
        for (int q = 0; q < 3; q++) {
            AttributeGroup queue = admin.queue("q" + q);
            assertThat(queue.getValue(org.printgate.protocol.PrintgateTypes.grantedJobs))
                    .isLessThanOrEqualTo(queue.getValue(org.printgate.protocol.PrintgateTypes.maxJobs));
        }
        TicketClient fresh = TicketClient.withToken(system, "token-0");
        assertThat(fresh.requestTicket("q0", "new@corp", "after", 50, 1, 1).jobId())
                .as("job ids are never reused").isGreaterThan(highest);
        System.out.printf("kill -9 test: %d jobs answered before the kill, %d completed%n", answered.size(), completed.get());
    }

    /** How far along a job state is: a restart may move a job forward, never back. */
    private static int progress(JobState state) {
        if (state.equals(JobState.pendingHeld) || state.equals(JobState.pending)) {
            return 0;
        } else if (state.equals(JobState.processing) || state.equals(JobState.processingStopped)) {
            return 1;
        }
        return 2;
    }

    /** One spooler: ticket, go-ahead, confirm, heartbeat, complete — until the engine dies. */
    private static void runClient(URI system, int id, Map<Long, JobState> answered, AtomicInteger completed,
                                  CountDownLatch enough) {
        TicketClient client = TicketClient.withToken(system, "token-" + id);
        try {
            int subscription = client.subscribe();
            int next = 1;
            for (int n = 0; ; n++) {
                TicketClient.TicketStatus ticket = client.requestTicket("q" + (n % 3), "user" + id + "@corp", "job", 50, 1, 1);
                answered.put(ticket.jobId(), ticket.state());
                boolean granted = ticket.reasons().contains("job-fetchable");
                while (!granted) {
                    for (Notification event : client.poll(subscription, next, true)) {
                        next = Math.max(next, event.sequence() + 1);
                        granted |= event.isGoAhead() && event.jobId() == ticket.jobId();
                    }
                }
                client.confirm(ticket.jobId());
                answered.put(ticket.jobId(), JobState.processing);
                client.heartbeat(ticket.jobId(), 1);
                client.report(ticket.jobId(), JobState.completed, 1, List.of(), "");
                answered.put(ticket.jobId(), JobState.completed);
                if (completed.incrementAndGet() >= 60) {
                    enough.countDown();
                }
            }
        } catch (IOException | RuntimeException e) {
            // The engine was killed: this client stops here.
        }
    }

    private static Process startEngine(Path config, Path data) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.printgate.engine.EngineMain",
                "--config", config.toString(), "--data", data.toString())
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> seen = new ArrayList<>();
        for (String line; (line = output.readLine()) != null; ) {
            relayTrouble(line);
            seen.add(line);
            if (line.startsWith("printgate engine:")) {
                Thread drain = new Thread(() -> output.lines().forEach(EngineSurvivesKillTest::relayTrouble));
                drain.setDaemon(true);
                drain.start();
                return process;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        throw new AssertionError("the engine did not start; it said:\n"
                + String.join("\n", seen.subList(Math.max(0, seen.size() - 60), seen.size())));
    }

    /** Warnings and errors are the trail when this test fails: they stay in its output. */
    private static void relayTrouble(String line) {
        if (line.contains("WARN") || line.contains("ERROR")) {
            System.out.println("engine: " + line);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
