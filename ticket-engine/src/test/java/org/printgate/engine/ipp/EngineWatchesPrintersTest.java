package org.printgate.engine.ipp;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.model.JobState;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Types;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineYaml;
import org.printgate.protocol.client.TicketClient.Notification;
import org.printgate.protocol.client.TicketClient;
import org.printgate.sim.Simulator;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.FaultSpec;
import org.printgate.sim.profile.FaultType;
import org.printgate.sim.profile.Profile;

/**
 * The engine watches real (simulated) printers: a jam seen by SNMP and IPP stops the grants,
 * tells the waiting clients (fig. 7) and alerts the operators' webhook; clearing it lets the
 * next go-ahead out.
 */
class EngineWatchesPrintersTest {
    @TempDir
    Path data;
    private Simulator simulator;
    private Engine engine;
    private HttpServer webhook;
    private final List<String> alerts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        simulator = Simulator.start(Profile.demo().onFreePorts(), null);
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/alerts", exchange -> {
            alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        SimPrinter laser = simulator.printer("laser-ps").orElseThrow();
        String yaml = """
                printers:
                  - name: laser
                    device-uri: socket://127.0.0.1:%d
                    snmp-uri: snmp://public@127.0.0.1:%d
                    max-jobs: 1
                credentials:
                  - {name: ws-ann, role: spooler, token-sha256: %s, identities: ["*@corp"]}
                watch: {up-interval: 1, down-interval: 1, check-timeout: 1, alert-webhook: "http://127.0.0.1:%d/alerts"}
                """.formatted(simulator.rawPort(laser), simulator.snmpPort(laser), Authenticator.sha256Hex("t"),
                webhook.getAddress().getPort());
        engine = Engine.start(EngineYaml.onLoopback(yaml), Clock.systemUTC(), data);
    }

    @AfterEach
    void stop() {
        engine.close();
        simulator.close();
        webhook.stop(0);
    }

    @Test
    void aJammedPrinterStopsTheGrantsAndTellsWaitingClientsAndOperators() throws Exception {
        TicketClient ann = TicketClient.withToken(engine.systemUri(), "t");
        int subscription = ann.subscribe();
        awaitTrue(() -> engine.watch().status("laser").isPresent(), "the first check of the printer");
        TicketClient.TicketStatus printing = ann.requestTicket("laser", "ann@corp", "a", 50, 10, 1);
        ann.confirm(printing.jobId());
        TicketClient.TicketStatus waiting = ann.requestTicket("laser", "ann@corp", "b", 50, 10, 1);
        int next = ann.poll(subscription, 1, false).stream().mapToInt(Notification::sequence).max().orElse(0) + 1;

        simulator.printer("laser-ps").orElseThrow().hardware().apply(FaultSpec.of(FaultType.JAM));
        // The client reports the stop at once, and the engine checks the printer at once (6-11).
        ann.report(printing.jobId(), JobState.processingStopped, 0, List.of("media-jam"), "jammed");
        List<Notification> told = ann.poll(subscription, next, true);
        assertThat(told).anySatisfy(n -> {
            assertThat(n.isPrinterChange()).isTrue();
            assertThat(n.reasons()).contains("media-jam-error");
        });
        assertThat(ann.queue("laser").getValue(Types.printerState)).isEqualTo(PrinterState.stopped);
        awaitTrue(() -> alerts.stream().anyMatch(a -> a.contains("\"down\"") && a.contains("media-jam-error")),
                "the operators' webhook to hear of the jam");

        // The printing job ends; the printer is still down, so the waiting one gets no go-ahead.
        ann.report(printing.jobId(), JobState.aborted, 0, List.of("media-jam"), "jammed");
        assertThat(ann.job(waiting.jobId()).getValue(Types.jobStateReasons)).isEqualTo("none");

        simulator.printer("laser-ps").orElseThrow().hardware().clear(FaultType.JAM);
        awaitTrue(() -> {
            try {
                return "job-fetchable".equals(ann.job(waiting.jobId()).getValue(Types.jobStateReasons));
            } catch (Exception e) {
                return false;
            }
        }, "the go-ahead once the jam is cleared");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(10_000_000);
        }
    }
}
