package org.printgate.engine.ipp;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Types;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineYaml;
import org.printgate.protocol.client.TicketClient;
import org.printgate.testing.MutableClock;

/**
 * Thirty clients ask for tickets at once with seeded random priorities while the printer is
 * busy; the go-aheads then come out strictly by priority, then age (claim 12, 6-1), and never
 * more at once than the printer's capacity (claim 1). Before they go, each ticket's place in line
 * (number-of-intervening-jobs, asked alone and listed by Get-Jobs) is the turn it then gets.
 */
class OrderAndCapacityTest {
    private static final int CLIENTS = 30;

    @TempDir
    Path data;

    @Test
    void grantsByPriorityThenAgeUnderConcurrentClientsWithinCapacity() throws Exception {
        StringBuilder yaml = new StringBuilder("""
                printers:
                  - {name: q, device-uri: "socket://127.0.0.1:9", max-jobs: 1}
                credentials:
                """);
        for (int c = 0; c <= CLIENTS; c++) {
            yaml.append("  - {name: ws").append(c).append(", role: spooler, token-sha256: ")
                    .append(Authenticator.sha256Hex("t" + c)).append(", identities: [\"*@corp\"]}\n");
        }
        MutableClock clock = new MutableClock();
        try (Engine engine = Engine.start(EngineYaml.onLoopback(yaml.toString()), clock, data)) {
            TicketClient blocker = TicketClient.withToken(engine.systemUri(), "t" + CLIENTS);
            TicketClient.TicketStatus holding = blocker.requestTicket("q", "blocker@corp", "hold", 50, 1, 1);
            blocker.confirm(holding.jobId());

            Random random = new Random(12);
            Map<Long, Integer> priorities = new ConcurrentHashMap<>();
            Map<Long, Integer> owners = new ConcurrentHashMap<>();
            List<Long> granted = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch allAsked = new CountDownLatch(CLIENTS);
            AtomicBoolean overCapacity = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            AtomicInteger failures = new AtomicInteger();
            for (int c = 0; c < CLIENTS; c++) {
                int id = c;
                int priority = 1 + random.nextInt(50);
                clients.add(pool.submit(() -> {
                    try {
                        TicketClient client = TicketClient.withToken(engine.systemUri(), "t" + id);
                        int subscription = client.subscribe();
                        TicketClient.TicketStatus ticket = client.requestTicket("q", "u" + id + "@corp", "j", priority, 1, 1);
                        priorities.put(ticket.jobId(), priority);
                        owners.put(ticket.jobId(), id);
                        allAsked.countDown();
                        int next = 1;
                        while (true) {
                            boolean mine = false;
                            for (TicketClient.Notification n : client.poll(subscription, next, true)) {
                                next = Math.max(next, n.sequence() + 1);
                                mine |= n.isGoAhead() && n.jobId() == ticket.jobId();
                            }
                            if (mine) {
                                // At every go-ahead: never more out than the printer takes.
                                if (engine.book().grantedJobs("q") > 1) {
                                    overCapacity.set(true);
                                }
                                granted.add(ticket.jobId());
                                client.confirm(ticket.jobId());
                                client.report(ticket.jobId(), JobState.completed, 1, List.of(), "");
                                return null;
                            }
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        throw e;
                    }
                }));
            }
            assertThat(allAsked.await(30, TimeUnit.SECONDS)).isTrue();
            // Every ticket's place in line, as its owner learns it one by one and in one Get-Jobs.
            Map<Long, Integer> asked = new java.util.HashMap<>();
            Map<Long, Integer> listed = new java.util.HashMap<>();
            for (Map.Entry<Long, Integer> owned : owners.entrySet()) {
                TicketClient owner = TicketClient.withToken(engine.systemUri(), "t" + owned.getValue());
                asked.put(owned.getKey(), owner.job(owned.getKey()).getValue(Types.numberOfInterveningJobs));
                listed.put(owned.getKey(), owner.placesInLine("q").get(owned.getKey()));
            }
            blocker.report(holding.jobId(), JobState.completed, 1, List.of(), "");
            for (Future<?> client : clients) {
                client.get(60, TimeUnit.SECONDS);
            }
            pool.shutdownNow();

            List<Long> expected = new ArrayList<>(priorities.keySet());
            // Same engine clock for all: age ties, so the job id (order of arrival) decides.
            expected.sort(Comparator.comparing((Long job) -> -priorities.get(job)).thenComparing(job -> job));
            assertThat(failures).hasValue(0);
            assertThat(granted).containsExactlyElementsOf(expected);
            // Its place was how many went before it.
            Map<Long, Integer> turns = new java.util.HashMap<>();
            for (int turn = 0; turn < expected.size(); turn++) {
                turns.put(expected.get(turn), turn);
            }
            assertThat(asked).isEqualTo(turns);
            assertThat(listed).isEqualTo(turns);
            assertThat(overCapacity).as("more go-aheads out than max-jobs").isFalse();
        }
    }
}
