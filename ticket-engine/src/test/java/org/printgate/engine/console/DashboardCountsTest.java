package org.printgate.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.Engine;
import org.printgate.engine.config.EngineYaml;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.engine.watch.SimulatedPrinters;
import org.printgate.probe.PrinterStatus;
import org.printgate.probe.WatchState;
import org.printgate.sim.Simulator;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.FaultSpec;
import org.printgate.sim.profile.FaultType;
import org.printgate.sim.profile.Profile;
import org.printgate.testing.Await;

/**
 * The dashboard's counts, read from what the book and the watch keep as things change, equal a
 * walk of every queue and ticket (what the dashboard did before) on an engine watching real
 * simulated printers: up, degraded (toner low), down (a jam), paused, paused while degraded, and
 * a raw printer the watch cannot check.
 */
class DashboardCountsTest {
    @TempDir
    Path data;
    private Simulator simulator;
    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void countsAndPrintersNeedingAttentionEqualAWalk() throws Exception {
        simulator = Simulator.start(Profile.read(new ByteArrayInputStream(("printers:\n" + SimulatedPrinters.entry("fine", 80)
                + SimulatedPrinters.entry("jammed", 80) + SimulatedPrinters.entry("low", 3) + SimulatedPrinters.entry("low-too", 3)).getBytes(StandardCharsets.UTF_8)))
                .onFreePorts(), null);
        simulator.printer("jammed").orElseThrow().hardware().apply(FaultSpec.of(FaultType.JAM));
        engine = Engine.start(EngineYaml.onLoopback("""
                printers:
                  - {name: a-fine, device-uri: "%s", snmp-uri: "%s"}
                  - {name: b-low, device-uri: "%s", snmp-uri: "%s"}
                  - {name: c-low-paused, device-uri: "%s", snmp-uri: "%s"}
                  - {name: d-jammed, device-uri: "%s", snmp-uri: "%s"}
                  - {name: e-raw, device-uri: "socket://127.0.0.1:9"}
                watch: {up-interval: 60, down-interval: 60, check-timeout: 2}
                """.formatted(ipp("fine"), snmp("fine"), ipp("low"), snmp("low"), ipp("low-too"), snmp("low-too"),
                ipp("jammed"), snmp("jammed"))), Clock.systemUTC(), data);
        TicketBook book = engine.book();
        engine.applyToQueue("c-low-paused", () -> book.setPaused("c-low-paused", true));
        // Two printing (granted) and waiting ones behind them; one incoming; one on a jammed printer.
        for (String queue : List.of("a-fine", "a-fine", "a-fine", "b-low", "d-jammed", "e-raw")) {
            engine.apply(() -> book.request(queue, "ann@corp", "ws1", "doc", 50, 10, 1));
        }
        engine.apply(() -> book.request("b-low", "bob@corp", "ws2", "doc", 50, -1, -1));
        Ticket canceled = engine.apply(() -> book.request("e-raw", "bob@corp", "ws2", "doc", 50, 10, 1)).subject();
        engine.apply(() -> book.cancel(canceled.jobId(), "ws2", false));

        EngineViews views = new EngineViews(engine, Clock.systemUTC());
        Await.until(Await.DEFAULT_TIMEOUT, () -> counts(views.dashboard()).equals(List.of(2, 1, 2)),
                () -> "up, degraded, down: " + counts(views.dashboard()));
        Views.Dashboard dashboard = views.dashboard();
        assertThat(counts(dashboard)).isEqualTo(walkedCounts());
        assertThat(dashboard.waiting()).as("waiting").isEqualTo(walkedTickets(false));
        assertThat(dashboard.printing()).as("printing").isEqualTo(walkedTickets(true));
        assertThat(dashboard.printing()).isPositive();
        assertThat(dashboard.waiting()).isPositive();
        assertThat(dashboard.needingAttention()).as("down first, then degraded, by name").extracting(Views.Printer::name)
                .containsExactly("c-low-paused", "d-jammed", "b-low");

        // The jam cleared and the pause lifted: all but the raw one's verdicts change.
        simulator.printer("jammed").orElseThrow().hardware().clear(FaultType.JAM);
        engine.watch().checkNow("d-jammed");
        engine.applyToQueue("c-low-paused", () -> book.setPaused("c-low-paused", false));
        Await.until(Await.DEFAULT_TIMEOUT, () -> counts(views.dashboard()).equals(List.of(3, 2, 0)),
                () -> "up, degraded, down: " + counts(views.dashboard()));
        assertThat(counts(views.dashboard())).isEqualTo(walkedCounts());
        assertThat(views.dashboard().needingAttention()).extracting(Views.Printer::name).containsExactly("b-low", "c-low-paused");
        assertThat(views.dashboard().printing()).isEqualTo(walkedTickets(true));
        assertThat(views.dashboard().waiting()).isEqualTo(walkedTickets(false));
    }

    private static List<Integer> counts(Views.Dashboard dashboard) {
        return List.of(dashboard.up(), dashboard.degraded(), dashboard.down());
    }

    /** Up, degraded, down by a walk of the queues, as the dashboard counted before: the book first, then the watch. */
    private List<Integer> walkedCounts() {
        int up = 0;
        int degraded = 0;
        int down = 0;
        for (QueueConfig queue : engine.book().queues()) {
            if (!engine.book().isUp(queue.name())) {
                down++;
            } else if (engine.watch().status(queue.name()).map(PrinterStatus::state).orElse(WatchState.UP) == WatchState.DEGRADED) {
                degraded++;
            } else {
                up++;
            }
        }
        return List.of(up, degraded, down);
    }

    /** Live tickets by a walk of every queue: those holding a printer's capacity, or the others. */
    private long walkedTickets(boolean holdingCapacity) {
        return engine.book().queues().stream().flatMap(q -> engine.book().liveTickets(q.name()).stream())
                .filter(t -> t.state().holdsCapacity() == holdingCapacity).count();
    }

    private String ipp(String printer) {
        return simulator.ippUri(sim(printer)).toString();
    }

    private String snmp(String printer) {
        return "snmp://public@" + simulator.host() + ":" + simulator.snmpPort(sim(printer));
    }

    private SimPrinter sim(String name) {
        return simulator.printer(name).orElseThrow();
    }
}
