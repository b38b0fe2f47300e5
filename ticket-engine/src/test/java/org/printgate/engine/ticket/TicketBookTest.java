package org.printgate.engine.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hp.jipp.model.Status;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.printgate.engine.ticket.TicketBook.Report;
import org.printgate.ipp.IppException;
import org.printgate.testing.MutableClock;

class TicketBookTest {
    private static final URI DEVICE = URI.create("ipp://127.0.0.1:9/ipp/print");
    private final MutableClock clock = new MutableClock();
    private TicketBook book;

    @BeforeEach
    void setUp() {
        book = new TicketBook(clock, Timeouts.DEFAULTS);
        book.addQueue(new QueueConfig("office", DEVICE, null, 1, 0, List.of("*@corp"), "2nd floor"));
    }

    private Ticket request(String user, int priority, long kOctets) {
        Change change = book.request("office", user, "spooler-" + user, "doc", priority, kOctets, 1);
        clock.advance(Duration.ofMillis(10));
        return change.subject();
    }

    private void confirm(Ticket ticket) {
        book.confirm(ticket.jobId(), ticket.holder());
    }

    /** The holder reports {@code state} with {@code impressions} done, and no reasons or message. */
    private Change report(Ticket ticket, Report state, int impressions) {
        return book.report(ticket.jobId(), ticket.holder(), state, impressions, List.of(), "");
    }

    private void finish(Ticket ticket) {
        confirm(ticket);
        report(ticket, Report.COMPLETED, 1);
    }

    @Test
    void grantsAtOnceWhenThePrinterIsUpWithRoom() {
        Change change = book.request("office", "ann@corp", "spooler-ann", "report.pdf", 50, 120, 4);
        assertThat(change.subject().state()).isEqualTo(TicketState.GRANTED);
        assertThat(change.events()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(EngineEvent.JOB_FETCHABLE);
            assertThat(event.holder()).isEqualTo("spooler-ann");
            assertThat(event.deviceUri()).isEqualTo(DEVICE);
            assertThat(event.leaseSeconds()).isEqualTo(10);
        });
        assertThat(change.tickets()).containsKey(change.subject().jobId());
    }

    @Test
    void neverGrantsATicketThatIsStillIncoming() {
        Ticket ticket = book.request("office", "ann@corp", "spooler-ann", "doc", 50, -1, -1).subject();
        assertThat(ticket.state()).isEqualTo(TicketState.INCOMING);
        assertThat(book.tick().events()).isEmpty();
        assertThat(ticket.state()).isEqualTo(TicketState.INCOMING);
        Change details = book.details(ticket.jobId(), "spooler-ann", 10, 2);
        assertThat(ticket.state()).isEqualTo(TicketState.GRANTED);
        assertThat(details.events()).extracting(EngineEvent::jobId).containsExactly(ticket.jobId());
    }

    @Test
    void grantsInPriorityThenAgeOrder() {
        Ticket first = request("a@corp", 50, 1);
        Ticket lowOld = request("b@corp", 10, 1);
        Ticket highNew = request("c@corp", 90, 1);
        Ticket highNewer = request("d@corp", 90, 1);
        Ticket midNewest = request("e@corp", 50, 1);
        assertThat(first.state()).isEqualTo(TicketState.GRANTED);
        List<Long> granted = new java.util.ArrayList<>();
        Ticket current = first;
        for (int i = 0; i < 4; i++) {
            finish(current);
            current = book.liveTickets("office").get(0);
            assertThat(current.state()).isEqualTo(TicketState.GRANTED);
            granted.add(current.jobId());
        }
        assertThat(granted).containsExactly(highNew.jobId(), highNewer.jobId(), midNewest.jobId(), lowOld.jobId());
    }

    @Test
    void everyWaitingTicketsPlaceIsHowManyWaitBeforeIt() {
        Ticket printing = request("first@corp", 50, 1);
        java.util.Random random = new java.util.Random(7);
        List<Ticket> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < 101; i++) {
            waiting.add(request("u" + i + "@corp", 1 + random.nextInt(100), 1));
        }
        List<Ticket> inLine = book.liveTickets("office").stream().filter(t -> t.state() == TicketState.QUEUED).toList();
        assertThat(inLine).hasSize(waiting.size());

        for (int place = 0; place < inLine.size(); place++) {
            assertThat(book.placeOf(inLine.get(place))).as("place of the ticket at %d", place).isEqualTo(place);
        }
        assertThat(book.placeOf(printing)).isZero();
    }

    @Test
    void neverExceedsCapacityInJobsOrBytes() {
        book.addQueue(new QueueConfig("big", DEVICE, null, 3, 100, List.of("*"), ""));
        Ticket a = book.request("big", "a@corp", "h", "a", 50, 60, 1).subject();
        Ticket b = book.request("big", "b@corp", "h", "b", 50, 50, 1).subject();
        Ticket c = book.request("big", "c@corp", "h", "c", 50, 30, 1).subject();
        assertThat(a.state()).isEqualTo(TicketState.GRANTED);
        // 60 + 50 > 100: b waits at the head, and c behind it waits too (only the head is granted).
        assertThat(b.state()).isEqualTo(TicketState.QUEUED);
        assertThat(c.state()).isEqualTo(TicketState.QUEUED);
        assertThat(book.grantedKOctets("big")).isEqualTo(60);
        finish(a);
        assertThat(b.state()).isEqualTo(TicketState.GRANTED);
        assertThat(c.state()).isEqualTo(TicketState.GRANTED);
        assertThat(book.grantedJobs("big")).isEqualTo(2);
        assertThat(book.grantedKOctets("big")).isEqualTo(80);
    }

    @Test
    void aJobLargerThanTheByteCapacityPrintsAlone() {
        book.addQueue(new QueueConfig("small", DEVICE, null, 2, 100, List.of("*"), ""));
        Ticket huge = book.request("small", "a@corp", "h", "a", 50, 5000, 1).subject();
        assertThat(huge.state()).isEqualTo(TicketState.GRANTED);
    }

    @Test
    void takesBackAnUnconfirmedGoAheadAndGivesItToTheNext() {
        Ticket first = request("a@corp", 50, 1);
        Ticket second = request("b@corp", 50, 1);
        clock.advance(Duration.ofSeconds(11));
        Change change = book.tick();
        assertThat(first.state()).isEqualTo(TicketState.SET_ASIDE);
        assertThat(first.reasons()).containsExactly("printgate-go-ahead-expired");
        assertThat(second.state()).isEqualTo(TicketState.GRANTED);
        assertThat(change.events()).extracting(EngineEvent::kind)
                .containsExactly(EngineEvent.JOB_STATE_CHANGED, EngineEvent.JOB_FETCHABLE);
        assertThatThrownBy(() -> book.confirm(first.jobId(), first.holder()))
                .isInstanceOf(IppException.class)
                .satisfies(e -> assertThat(((IppException) e).status()).isEqualTo(Status.clientErrorNotFetchable));
        // The holder comes back: the ticket returns at its age, ahead of later ones.
        Ticket third = request("c@corp", 50, 1);
        book.holderSeen(first.holder());
        finish(second);
        assertThat(first.state()).isEqualTo(TicketState.GRANTED);
        assertThat(third.state()).isEqualTo(TicketState.QUEUED);
    }

    @Test
    void stallsASilentJobThenFailsItAndFreesTheCapacity() {
        Ticket printing = request("a@corp", 50, 1);
        Ticket waiting = request("b@corp", 50, 1);
        confirm(printing);
        clock.advance(Duration.ofSeconds(40));
        report(printing, Report.PRINTING, 3);
        clock.advance(Duration.ofSeconds(40));
        book.tick();
        assertThat(printing.state()).as("a heartbeat 40 s ago keeps it alive").isEqualTo(TicketState.PRINTING);
        clock.advance(Duration.ofSeconds(6));
        book.tick();
        assertThat(printing.state()).isEqualTo(TicketState.STALLED);
        assertThat(waiting.state()).as("capacity kept while stalled").isEqualTo(TicketState.QUEUED);
        clock.advance(Duration.ofSeconds(121));
        Change change = book.tick();
        assertThat(printing.state()).isEqualTo(TicketState.FAILED);
        assertThat(printing.reasons()).contains("printgate-heartbeat-lost");
        assertThat(printing.impressionsCompleted()).isEqualTo(3);
        assertThat(change.endedTickets()).containsExactly(printing);
        assertThat(waiting.state()).isEqualTo(TicketState.GRANTED);
    }

    @Test
    void aHeartbeatRevivesAStalledJob() {
        Ticket printing = request("a@corp", 50, 1);
        confirm(printing);
        clock.advance(Duration.ofSeconds(46));
        book.tick();
        assertThat(printing.state()).isEqualTo(TicketState.STALLED);
        report(printing, Report.PRINTING, 5);
        assertThat(printing.state()).isEqualTo(TicketState.PRINTING);
    }

    @Test
    void endsWithCompletionOrFailureAndReleasesTheCapacity() {
        Ticket a = request("a@corp", 50, 1);
        Ticket b = request("b@corp", 50, 1);
        confirm(a);
        Change done = book.report(a.jobId(), a.holder(), Report.FAILED, 2, List.of("media-jam"), "jammed");
        assertThat(a.state()).isEqualTo(TicketState.FAILED);
        assertThat(a.reasons()).containsExactly("media-jam");
        assertThat(done.endedTickets()).containsExactly(a);
        assertThat(b.state()).isEqualTo(TicketState.GRANTED);
        // A repeated ending is harmless; another ending is refused.
        report(a, Report.FAILED, 2);
        assertThatThrownBy(() -> book.report(a.jobId(), a.holder(), Report.COMPLETED, 2, List.of(), ""))
                .isInstanceOf(IppException.class);
    }

    @Test
    void givesBackAJobThatKeepsItsAge() {
        Ticket a = request("a@corp", 50, 1);
        Ticket b = request("b@corp", 50, 1);
        confirm(a);
        Change givenBack = book.report(a.jobId(), a.holder(), Report.GIVE_BACK, 4, List.of(), "printer offline");
        // No go-ahead until the printer has been checked: the next job would meet the same fault.
        assertThat(givenBack.printersToCheck()).containsExactly("office");
        assertThat(a.state()).isEqualTo(TicketState.QUEUED);
        assertThat(b.state()).isEqualTo(TicketState.QUEUED);
        assertThat(book.tick().events()).isEmpty();
        book.printerChecked("office");
        // a is older than b, so it is at the head again and granted again.
        assertThat(a.state()).isEqualTo(TicketState.GRANTED);
        assertThat(a.attempts()).isEqualTo(1);
        assertThat(a.impressionsCompleted()).as("restart point kept").isEqualTo(4);
        assertThat(b.state()).isEqualTo(TicketState.QUEUED);
    }

    @Test
    void cancelsAWaitingJobAtOnceAndAPrintingOneThroughTheClient() {
        Ticket printing = request("a@corp", 50, 1);
        Ticket waiting = request("b@corp", 50, 1);
        book.cancel(waiting.jobId(), waiting.holder(), false);
        assertThat(waiting.state()).isEqualTo(TicketState.CANCELED);
        confirm(printing);
        Change interrupt = book.cancel(printing.jobId(), "operator", true);
        assertThat(printing.state()).isEqualTo(TicketState.STOPPING);
        assertThat(interrupt.events()).singleElement()
                .satisfies(e -> assertThat(e.reasons()).contains("job-canceled-by-operator"));
        report(printing, Report.CANCELED, 1);
        assertThat(printing.state()).isEqualTo(TicketState.CANCELED);
        assertThat(printing.reasons()).containsExactly("job-canceled-by-operator");
        assertThat(book.grantedJobs("office")).isZero();
    }

    @Test
    void aStoppingJobWhoseClientNeverConfirmsEndsCanceledAfterTheFailTimeout() {
        Ticket printing = request("a@corp", 50, 1);
        confirm(printing);
        book.cancel(printing.jobId(), printing.holder(), false);
        clock.advance(Duration.ofSeconds(121));
        book.tick();
        assertThat(printing.state()).isEqualTo(TicketState.CANCELED);
        assertThat(book.grantedJobs("office")).isZero();
    }

    @Test
    void anotherHolderCannotSeeOrChangeTheJob() {
        Ticket ticket = request("a@corp", 50, 1);
        assertThatThrownBy(() -> book.confirm(ticket.jobId(), "someone-else"))
                .isInstanceOf(IppException.class)
                .satisfies(e -> assertThat(((IppException) e).status()).isEqualTo(Status.clientErrorNotFound));
        assertThatThrownBy(() -> book.report(ticket.jobId(), "someone-else", Report.COMPLETED, 0, List.of(), ""))
                .isInstanceOf(IppException.class);
    }

    @Test
    void grantsNothingWhileThePrinterIsDown() {
        book.setPrinterUp("office", false, List.of("media-jam-error"), "Paper jam");
        Ticket ticket = request("a@corp", 50, 1);
        assertThat(ticket.state()).isEqualTo(TicketState.QUEUED);
        Change up = book.setPrinterUp("office", true, List.of(), "");
        assertThat(ticket.state()).isEqualTo(TicketState.GRANTED);
        assertThat(up.events()).extracting(EngineEvent::kind)
                .containsExactly(EngineEvent.PRINTER_STATE_CHANGED, EngineEvent.JOB_FETCHABLE);
    }

    @Test
    void restoresTicketsWithFreshTimersAndTheGoAheadAgain() {
        Ticket granted = request("a@corp", 50, 1);
        Ticket queued = request("b@corp", 50, 1);
        List<Ticket> stored = List.of(TicketCodec.decode(TicketCodec.encode(granted)),
                TicketCodec.decode(TicketCodec.encode(queued)));
        TicketBook restarted = new TicketBook(clock, Timeouts.DEFAULTS);
        restarted.addQueue(new QueueConfig("office", DEVICE, null, 1, 0, List.of("*@corp"), ""));
        Change change = restarted.restore(stored, List.of(), 3);
        assertThat(change.events()).extracting(EngineEvent::jobId).containsExactly(granted.jobId());
        assertThat(restarted.ticket(queued.jobId()).orElseThrow().state()).isEqualTo(TicketState.QUEUED);
        assertThat(restarted.grantedJobs("office")).isEqualTo(1);
        assertThat(restarted.request("office", "c@corp", "h", "n", 50, 1, 1).subject().jobId()).isEqualTo(3);
    }

    @Test
    void storesTicketsInACompactRecordThatRoundTrips() {
        Ticket ticket = request("ann@corp", 70, 2048);
        byte[] bytes = TicketCodec.encode(ticket);
        assertThat(bytes.length).isLessThan(160);
        Ticket back = TicketCodec.decode(bytes);
        assertThat(back).usingRecursiveComparison().isEqualTo(ticket);
    }
}
