package org.printgate.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.config.AlertsConfig;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.engine.ticket.TicketBook.Report;
import org.printgate.engine.ticket.Timeouts;
import org.printgate.testing.MutableClock;

/** Stalled and long-waiting jobs, on the real ticket book, with time moved by hand. */
class JobStallCheckTest {
    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock();
    private final TicketBook book = new TicketBook(clock, Timeouts.DEFAULTS);
    private OperatorAlerts alerts;

    @BeforeEach
    void start() {
        book.addQueue(new QueueConfig("office", URI.create("ipp://127.0.0.1:9/ipp/print"), null, 1, 0, List.of("*@corp"), null));
        // Stalled after 10 minutes without a page, waiting too long after 60; the disk check kept out (0 %).
        alerts = OperatorAlerts.create(new AlertsConfig(null, null, null, null, 0, 10, 60, null), clock, book, data);
    }

    private Ticket printing() {
        Ticket ticket = book.request("office", "ann@corp", "ws-ann", "doc", 50, 10, 20).subject();
        book.confirm(ticket.jobId(), "ws-ann");
        return ticket;
    }

    private void heartbeat(Ticket ticket, int pages) {
        book.report(ticket.jobId(), "ws-ann", Report.PRINTING, pages, List.of(), "");
    }

    @Test
    void aJobWhoseHeartbeatsComeButNoPageForTheStallTimeIsStalledUntilAPageComes() {
        Ticket job = printing();
        heartbeat(job, 3);
        alerts.check();
        for (int minute = 0; minute < 9; minute++) {
            clock.advance(Duration.ofMinutes(1));
            heartbeat(job, 3);
            alerts.check();
        }
        assertThat(alerts.board().open()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        heartbeat(job, 3);
        alerts.check();
        alerts.check();
        assertThat(alerts.board().open()).singleElement().satisfies(alert -> {
            assertThat(alert.key()).isEqualTo("job-stalled:job " + job.jobId());
            assertThat(alert.message()).contains("ann@corp", "office", "no page has come out for 10 minutes (3 done)");
            assertThat(alert.details()).containsEntry("client", "ws-ann");
        });

        heartbeat(job, 4);
        alerts.check();
        assertThat(alerts.board().open()).isEmpty();
        assertThat(alerts.board().history()).hasSize(2);
    }

    @Test
    void aJobWhoseClientFellSilentIsStalledAndClearsWhenItEnds() {
        Ticket job = printing();
        clock.advance(Timeouts.DEFAULTS.stall());
        book.tick();
        alerts.check();
        assertThat(alerts.board().open()).singleElement()
                .satisfies(alert -> assertThat(alert.message()).contains("stopped sending heartbeats"));

        clock.advance(Timeouts.DEFAULTS.fail());
        book.tick();
        alerts.check();
        assertThat(alerts.board().open()).isEmpty();
        assertThat(book.ticket(job.jobId()).orElseThrow().state().isTerminal()).isTrue();
    }

    @Test
    void jobsWaitingLongerThanTheWaitTimeRaiseOneAlertForTheirQueue() {
        Ticket first = printing();
        book.request("office", "bob@corp", "ws-bob", "b", 50, 10, 1);
        book.request("office", "cy@corp", "ws-cy", "c", 50, 10, 1);
        clock.advance(Duration.ofMinutes(59));
        heartbeat(first, 1);
        alerts.check();
        assertThat(alerts.board().open(AlertKind.JOBS_WAITING)).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        heartbeat(first, 2);
        alerts.check();
        assertThat(alerts.board().open()).singleElement().satisfies(alert -> {
            assertThat(alert.key()).isEqualTo("jobs-waiting:office");
            assertThat(alert.message()).startsWith("2 job(s) on office have waited more than 60 minutes");
        });

        book.report(first.jobId(), "ws-ann", Report.COMPLETED, 20, List.of(), "");
        // The next job is granted now; one is still waiting.
        alerts.check();
        assertThat(alerts.board().open(AlertKind.JOBS_WAITING)).hasSize(1);
        book.cancelEach("office", t -> true, "op", true);
        alerts.check();
        assertThat(alerts.board().open()).isEmpty();
    }
}
