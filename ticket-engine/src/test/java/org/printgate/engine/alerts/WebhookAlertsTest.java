package org.printgate.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.config.AlertsConfig;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.engine.ticket.Timeouts;
import org.printgate.probe.PrinterStatus;
import org.printgate.testing.Await;
import org.printgate.testing.MutableClock;

/**
 * Printer alerts reach a real webhook receiver: once per incident however often the watch sees
 * it, with one recovery message, and through a receiver that fails at first (503).
 */
class WebhookAlertsTest {
    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock();
    private WebhookReceiver receiver;
    private OperatorAlerts alerts;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver(2);
        alerts = OperatorAlerts.create(new AlertsConfig(receiver.uri(), 5, 20, null, 0, null, null, null), clock,
                new TicketBook(clock, Timeouts.DEFAULTS), data);
    }

    @AfterEach
    void stop() {
        alerts.close();
        receiver.close();
    }

    private PrinterStatus status(String... reasons) {
        return PrinterStatus.of(List.of(reasons), "", 100, List.of(), List.of(), clock.instant());
    }

    @Test
    void sendsOneFiringAndOneResolvedMessagePerIncidentRetryingA503() {
        alerts.printerChanged("laser", status("media-jam-error"));
        clock.advance(Duration.ofSeconds(10));
        alerts.printerChanged("laser", status("media-jam-error"));
        alerts.printerChanged("laser", status("media-jam-error", "toner-low-warning"));
        clock.advance(Duration.ofMinutes(3));
        alerts.printerChanged("laser", status());
        alerts.printerChanged("laser", status());

        Await.until(() -> receiver.accepted().size() >= 4, "four messages through the failing receiver");
        Await.untilSteady(Duration.ofMillis(300), Duration.ofSeconds(10), () -> receiver.attempts().size());
        assertThat(receiver.statusAndKeys()).containsExactly("firing paper-jam:laser", "firing toner-low:laser",
                "resolved paper-jam:laser", "resolved toner-low:laser");
        // The two 503s were the first message, tried again and again until it went through.
        assertThat(receiver.attempts()).hasSize(6);
        assertThat(receiver.attempts().subList(0, 3)).allSatisfy(m -> assertThat(m).isEqualTo(receiver.accepted().get(0)));

        JsonNode firing = receiver.accepted().get(0);
        assertThat(firing.get("severity").asText()).isEqualTo("critical");
        assertThat(firing.get("subject").asText()).isEqualTo("laser");
        assertThat(firing.get("message").asText()).contains("paper jam");
        assertThat(firing.get("details").get("printer-state").asText()).isEqualTo("down");
        assertThat(firing.get("raised-at").asText()).isEqualTo("2026-11-21T08:00:00Z");
        assertThat(firing.has("cleared-at")).isFalse();
        JsonNode resolved = receiver.accepted().get(2);
        assertThat(resolved.get("raised-at").asText()).isEqualTo("2026-11-21T08:00:00Z");
        assertThat(resolved.get("cleared-at").asText()).isEqualTo("2026-11-21T08:03:10Z");
        assertThat(receiver.accepted().get(1).get("severity").asText()).isEqualTo("warning");

        assertThat(alerts.board().open()).isEmpty();
        assertThat(alerts.board().history()).extracting(Alert::key, Alert::isOpen).containsExactly(
                org.assertj.core.groups.Tuple.tuple("toner-low:laser", false),
                org.assertj.core.groups.Tuple.tuple("paper-jam:laser", false),
                org.assertj.core.groups.Tuple.tuple("toner-low:laser", true),
                org.assertj.core.groups.Tuple.tuple("paper-jam:laser", true));
    }

    @Test
    void givesAMessageUpAfterItsAttemptsAndSendsTheNextOne() throws Exception {
        alerts.close();
        receiver.close();
        receiver = new WebhookReceiver(3);
        alerts = OperatorAlerts.create(new AlertsConfig(receiver.uri(), 3, 20, null, 0, null, null, null), clock,
                new TicketBook(clock, Timeouts.DEFAULTS), data);
        alerts.printerChanged("laser", status("offline-error"));
        alerts.printerChanged("laser", status());

        Await.until(() -> receiver.accepted().size() >= 1, "the recovery message");
        Await.untilSteady(Duration.ofMillis(300), Duration.ofSeconds(10), () -> receiver.attempts().size());
        assertThat(receiver.attempts()).hasSize(4);
        assertThat(receiver.statusAndKeys()).containsExactly("resolved printer-down:laser");
    }

    @Test
    void eachPrinterReasonRaisesItsOwnKindAndADownPrinterOnlyWhenNoneExplainsIt() {
        AlertBoard board = alerts.board();
        alerts.printerChanged("laser", status("offline-error"));
        assertThat(board.open()).extracting(Alert::key).containsExactly("printer-down:laser");

        alerts.printerChanged("laser", status("media-empty-error", "media-needed-warning"));
        assertThat(board.open()).extracting(Alert::key).containsExactly("out-of-paper:laser");

        alerts.printerChanged("laser", status("toner-empty-error", "toner-low-warning"));
        assertThat(board.open()).extracting(Alert::key).containsExactly("toner-empty:laser");

        alerts.printerChanged("laser", status("marker-supply-low-warning", "cover-open-error"));
        assertThat(board.open()).extracting(Alert::key, Alert::severity).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("toner-low:laser", Severity.WARNING),
                org.assertj.core.groups.Tuple.tuple("printer-down:laser", Severity.CRITICAL));

        alerts.queueDeleted("laser");
        assertThat(board.open()).isEmpty();
    }

    @Test
    void theDiskCheckRaisesBelowItsThresholdAndClearsAbove() {
        AlertBoard board = alerts.board();
        // Every disk has less than 100 % free: near full by that measure.
        new DiskSpaceCheck(board, data, 100.0).check();
        assertThat(board.open()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.DISK_NEAR_FULL);
            assertThat(alert.subject()).isEqualTo(data.toAbsolutePath().toString());
            assertThat(alert.message()).contains("below the 100 %");
        });
        new DiskSpaceCheck(board, data, 100.0).check();
        new DiskSpaceCheck(board, data, 0.0).check();
        assertThat(board.open()).isEmpty();
        Await.until(() -> receiver.accepted().size() >= 2, "firing and resolved");
        assertThat(receiver.statusAndKeys()).containsExactly("firing disk-near-full:" + data.toAbsolutePath(),
                "resolved disk-near-full:" + data.toAbsolutePath());
    }
}
