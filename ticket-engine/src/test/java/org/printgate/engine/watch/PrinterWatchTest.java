package org.printgate.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.probe.PrinterStatus;
import org.printgate.probe.WatchState;
import org.printgate.sim.profile.FaultSpec;
import org.printgate.sim.profile.FaultType;
import org.printgate.testing.Await;

/**
 * The printer watch against the real printer simulator over real sockets (docs/ticket-protocol.md
 * §5): SNMP, IPP, both, faults, unreachable and hung printers. One scheduler thread for every
 * test: if a probe blocked it, the other printers' checks would stall and the tests would show it.
 */
class PrinterWatchTest {
    /** Checks only when a test asks (and the first one on watch): no timer runs in between. */
    private static final WatchTimers ON_REQUEST = new WatchTimers(Duration.ofHours(1), Duration.ofHours(1),
            Duration.ofSeconds(3));
    private static final Duration AT_ONCE = Duration.ofSeconds(1);

    private final RecordingListener listener = new RecordingListener();
    private ScheduledExecutorService scheduler;
    private SimulatedPrinters printers;
    private PrinterWatch watch;

    @BeforeEach
    void startSimulator() throws IOException {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        printers = SimulatedPrinters.start(SimulatedPrinters.entry("front-desk"),
                SimulatedPrinters.entry("back-office"), SimulatedPrinters.entry("toner-nearly-out", 3));
    }

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.close();
        }
        scheduler.shutdownNow();
        printers.close();
    }

    private PrinterWatch watch(WatchTimers timers, Clock clock) throws IOException {
        watch = new PrinterWatch(clock, scheduler, timers, listener);
        return watch;
    }

    private PrinterWatch watch(WatchTimers timers) throws IOException {
        return watch(timers, Clock.systemUTC());
    }

    private void awaitState(String queue, WatchState state, Duration timeout) {
        Await.until(timeout, queue + " is " + state,
                () -> watch.status(queue).map(status -> status.state() == state).orElse(false));
    }

    /** {@code queue} watched, checked on request only, and seen up. */
    private void watchUntilUp(QueueConfig queue) throws IOException {
        watch(ON_REQUEST).watch(queue);
        awaitState(queue.name(), WatchState.UP);
    }

    /** The desk queue (the front-desk printer, by SNMP and IPP) seen up, then checked once after {@code fault}. */
    private void deskCheckedAfter(FaultType fault) throws IOException {
        watchUntilUp(printers.bySnmpAndIpp("desk", "front-desk"));
        frontDeskGets(fault);
        watch.checkNow("desk");
    }

    /** The front-desk printer's hardware now has {@code fault}. */
    private void frontDeskGets(FaultType fault) {
        printers.hardware("front-desk").apply(FaultSpec.of(fault));
    }

    private void awaitState(String queue, WatchState state) {
        awaitState(queue, state, Await.DEFAULT_TIMEOUT);
    }

    private PrinterStatus status(String queue) {
        return watch.status(queue).orElseThrow(() -> new AssertionError("no status for " + queue));
    }

    @Test
    void reportsHealthyPrinterUpWithNoReasons() throws IOException {
        Instant now = Instant.parse("2030-01-02T03:04:05Z");
        watch(ON_REQUEST, Clock.fixed(now, ZoneOffset.UTC)).watch(printers.bySnmpAndIpp("desk", "front-desk"));

        awaitState("desk", WatchState.UP);

        PrinterStatus desk = status("desk");
        assertThat(desk.reasons()).isEmpty();
        assertThat(desk.pageCount()).as("prtMarkerLifeCount of a printer that printed nothing").isZero();
        assertThat(desk.supplies()).containsExactly(new PrinterStatus.Supply("Black Toner", SimulatedPrinters.TONER_LEVEL));
        assertThat(desk.trays()).containsExactly(new PrinterStatus.InputTray("Tray 1", SimulatedPrinters.TRAY_LEVEL,
                SimulatedPrinters.TRAY_CAPACITY));
        assertThat(desk.readAt()).as("stamped by the injected clock").isEqualTo(now);
        assertThat(listener.of("desk")).containsExactly(desk);
    }

    @Test
    void jamIsSeenBySnmpAndByIpp() throws IOException {
        watch(ON_REQUEST);
        List<QueueConfig> queues = List.of(printers.bySnmp("jam-snmp", "front-desk"),
                printers.byIpp("jam-ipp", "front-desk"), printers.bySnmpAndIpp("jam-both", "front-desk"));
        queues.forEach(watch::watch);
        queues.forEach(queue -> awaitState(queue.name(), WatchState.UP));

        frontDeskGets(FaultType.JAM);
        queues.forEach(queue -> watch.checkNow(queue.name()));

        for (QueueConfig queue : queues) {
            awaitState(queue.name(), WatchState.DOWN);
            assertThat(status(queue.name()).reasons()).as(queue.name()).containsExactly("media-jam-error");
            assertThat(status(queue.name()).message()).as(queue.name()).isEqualTo("Paper jam");
        }

        printers.hardware("front-desk").clear(FaultType.JAM);
        queues.forEach(queue -> watch.checkNow(queue.name()));

        for (QueueConfig queue : queues) {
            awaitState(queue.name(), WatchState.UP);
            assertThat(status(queue.name()).reasons()).as(queue.name()).isEmpty();
        }
    }

    @Test
    void tellsWhenAnAskedForCheckHasEndedEvenWithoutNews() throws IOException {
        watch(ON_REQUEST);
        watch.watch(printers.bySnmp("quiet", "front-desk"));
        awaitState("quiet", WatchState.UP);
        Await.until(Await.DEFAULT_TIMEOUT, "the first check to end", () -> listener.checks("quiet") >= 1);
        long before = listener.checks("quiet");

        assertThat(watch.checkNow("quiet")).isTrue();
        Await.until(Await.DEFAULT_TIMEOUT, "the asked-for check to end", () -> listener.checks("quiet") > before);
        assertThat(listener.of("quiet")).as("no news: still up").hasSize(1);
    }

    @Test
    void outOfPaperIsMediaEmptyError() throws IOException {
        deskCheckedAfter(FaultType.OUT_OF_PAPER);

        awaitState("desk", WatchState.DOWN);
        // SNMP's inputTrayEmpty bit (media-empty-warning) gives way to noPaper's error.
        assertThat(status("desk").reasons()).contains("media-empty-error").doesNotContain("media-empty-warning");
        assertThat(status("desk").message()).startsWith("Out of paper");
    }

    @Test
    void lowTonerIsDegradedWithTonerLowWarning() throws IOException {
        watch(ON_REQUEST).watch(printers.bySnmp("raw-low", "toner-nearly-out"));

        awaitState("raw-low", WatchState.DEGRADED);

        assertThat(status("raw-low").reasons()).containsExactly("toner-low-warning");
        assertThat(status("raw-low").message()).isEqualTo("Toner low");
        assertThat(status("raw-low").state().allowsGrants()).isTrue();
    }

    @Test
    void offlinePrinterIsDownWithOfflineErrorFromSnmpWhileIppRefuses() throws IOException {
        deskCheckedAfter(FaultType.OFFLINE);

        // SNMP answers at the first check, so no second one is needed.
        awaitState("desk", WatchState.DOWN);
        assertThat(status("desk").reasons()).containsExactly("offline-error");
        assertThat(status("desk").message()).isEqualTo("Offline");
        assertThat(watch.failedChecks("desk")).isZero();
    }

    @Test
    void printerWithoutSnmpWhoseIppPortClosesIsDownOnlyAfterTwoFailedChecks() throws IOException {
        watchUntilUp(printers.byIpp("desk", "front-desk"));

        frontDeskGets(FaultType.OFFLINE);
        watch.checkNow("desk");

        Await.until("the first check failed", () -> watch.failedChecks("desk") == 1);
        assertThat(status("desk").state()).as("one failed check changes nothing").isEqualTo(WatchState.UP);

        watch.checkNow("desk");

        awaitState("desk", WatchState.DOWN);
        assertThat(watch.failedChecks("desk")).isEqualTo(2);
        assertThat(status("desk").reasons()).containsExactly("offline-error");
        assertThat(status("desk").message()).isEqualTo("No answer from 127.0.0.1:" + printers.ippPort("front-desk"));
        assertThat(listener.statesOf("desk")).containsExactly(WatchState.UP, WatchState.DOWN);
    }

    @Test
    void newQueueOnClosedPortHasNoStatusUntilTwoChecksFail() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        watch(ON_REQUEST).watch(new QueueConfig("nowhere", URI.create("ipp://127.0.0.1:" + closedPort + "/ipp/print"),
                null, 1, 0, null, null));

        Await.until("the first check failed", () -> watch.failedChecks("nowhere") == 1);
        assertThat(watch.status("nowhere")).isEmpty();
        assertThat(listener.of("nowhere")).isEmpty();

        watch.checkNow("nowhere");

        awaitState("nowhere", WatchState.DOWN);
        assertThat(status("nowhere").reasons()).containsExactly("offline-error");
        assertThat(status("nowhere").message()).isEqualTo("No answer from 127.0.0.1:" + closedPort);
        assertThat(status("nowhere").pageCount()).isEqualTo(-1);
    }

    @Test
    void checkNowSeesJamWithinOneSecondDespiteLongInterval() throws IOException {
        watchUntilUp(printers.bySnmpAndIpp("desk", "front-desk"));

        frontDeskGets(FaultType.JAM);
        assertThat(watch.checkNow("desk")).isTrue();

        awaitState("desk", WatchState.DOWN, AT_ONCE);
        assertThat(status("desk").reasons()).containsExactly("media-jam-error");
    }

    @Test
    void hungPrinterDoesNotDelayOtherPrinters() throws IOException {
        WatchTimers timers = new WatchTimers(Duration.ofHours(1), Duration.ofMillis(200), Duration.ofSeconds(2));
        watch(timers).watch(printers.byIpp("hung", "front-desk"));
        watch.watch(printers.bySnmpAndIpp("other", "back-office"));
        awaitState("hung", WatchState.UP);
        awaitState("other", WatchState.UP);

        // The hung printer takes the request and never answers: its check runs until the timeout.
        frontDeskGets(FaultType.HANG);
        watch.checkNow("hung");
        printers.hardware("back-office").apply(FaultSpec.of(FaultType.JAM));
        watch.checkNow("other");

        awaitState("other", WatchState.DOWN, AT_ONCE);
        assertThat(watch.failedChecks("hung")).as("the hung printer's check is still waiting").isZero();
        assertThat(status("hung").state()).isEqualTo(WatchState.UP);

        // Two timed-out checks later the hung printer counts as unreachable.
        awaitState("hung", WatchState.DOWN);
        assertThat(status("hung").reasons()).containsExactly("offline-error");
        assertThat(status("hung").message()).isEqualTo("No answer from 127.0.0.1:" + printers.ippPort("front-desk"));
    }

    @Test
    void listenerIsCalledOncePerChangeNotPerCheck() throws IOException {
        watch(new WatchTimers(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofSeconds(3)))
                .watch(printers.bySnmpAndIpp("desk", "front-desk"));
        awaitState("desk", WatchState.UP);

        awaitChecks("desk", 3);
        assertThat(listener.statesOf("desk")).containsExactly(WatchState.UP);

        frontDeskGets(FaultType.JAM);
        awaitState("desk", WatchState.DOWN);
        awaitChecks("desk", 3);
        assertThat(listener.statesOf("desk")).containsExactly(WatchState.UP, WatchState.DOWN);

        printers.hardware("front-desk").clear(FaultType.JAM);
        awaitState("desk", WatchState.UP);
        awaitChecks("desk", 3);
        assertThat(listener.statesOf("desk")).containsExactly(WatchState.UP, WatchState.DOWN, WatchState.UP);
    }

    /** Waits until {@code count} more checks have read the printer (each stamps a later readAt). */
    private void awaitChecks(String queue, int count) {
        for (int i = 0; i < count; i++) {
            Instant seen = status(queue).readAt();
            Await.until("another check of " + queue, () -> status(queue).readAt().isAfter(seen));
        }
    }

    @Test
    void queuesComeAndGoAtRunTime() throws IOException {
        watch(ON_REQUEST).watch(printers.bySnmpAndIpp("desk", "front-desk"));
        awaitState("desk", WatchState.UP);

        watch.watch(printers.bySnmp("office", "back-office"));
        awaitState("office", WatchState.UP);
        assertThat(watch.queues()).containsExactlyInAnyOrder("desk", "office");

        assertThat(watch.unwatch("desk")).isTrue();
        frontDeskGets(FaultType.JAM);

        assertThat(watch.checkNow("desk")).as("no longer watched").isFalse();
        assertThat(watch.status("desk")).isEmpty();
        assertThat(watch.queues()).containsExactly("office");
        assertThat(listener.statesOf("desk")).containsExactly(WatchState.UP);
    }

    @Test
    void rawQueueWithoutSnmpCannotBeWatched() throws IOException {
        watch(ON_REQUEST).watch(new QueueConfig("raw", printers.socketUri("front-desk"), null, 1, 0, null, null));

        assertThat(watch.checkNow("raw")).isFalse();
        assertThat(watch.status("raw")).isEmpty();
        assertThat(watch.queues()).containsExactly("raw");
    }
}
