package org.printgate.engine.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.printgate.testing.MutableClock;

/** The console's job pages: newest first, from a cursor, within a budget of tickets looked at. */
class TicketPagesTest {
    private static final URI DEVICE = URI.create("ipp://127.0.0.1:9/ipp/print");
    private final MutableClock clock = new MutableClock();
    private TicketBook book;

    @BeforeEach
    void setUp() {
        book = new TicketBook(clock, Timeouts.DEFAULTS);
        book.addQueue(new QueueConfig("office", DEVICE, null, 1, 0, List.of("*@corp"), ""));
        book.addQueue(new QueueConfig("laser", DEVICE, null, 1, 0, List.of("*@corp"), ""));
        // Jobs 1-10: odd ones on office, even ones on laser; only job 3 is carol's.
        for (int i = 1; i <= 10; i++) {
            book.request(i % 2 == 1 ? "office" : "laser", i == 3 ? "carol@corp" : "bob@corp", "ws", "doc " + i, 50, 1, 1);
        }
    }

    private static List<Long> ids(TicketBook.TicketPage page) {
        return page.tickets().stream().map(Ticket::jobId).toList();
    }

    @Test
    void pagesGoNewestFirstFromWhereTheLastOneStopped() {
        TicketBook.TicketPage first = book.newestFirst(null, 0, 0, t -> true, 4, 1_000);
        assertThat(ids(first)).containsExactly(10L, 9L, 8L, 7L);
        TicketBook.TicketPage second = book.newestFirst(null, first.resumeBefore(), 0, t -> true, 4, 1_000);
        assertThat(ids(second)).containsExactly(6L, 5L, 4L, 3L);
        TicketBook.TicketPage last = book.newestFirst(null, second.resumeBefore(), 0, t -> true, 4, 1_000);
        assertThat(ids(last)).containsExactly(2L, 1L);
        assertThat(last.resumeBefore()).as("nothing older is left").isZero();
    }

    @Test
    void aFilterThatTakesFewStopsAtTheBudgetAndGoesOnFromThere() {
        Predicate<Ticket> carols = t -> t.user().equals("carol@corp");
        TicketBook.TicketPage first = book.newestFirst(null, 0, 0, carols, 4, 5);
        assertThat(first.tickets()).isEmpty();
        assertThat(first.examined()).isEqualTo(5);
        assertThat(first.resumeBefore()).isEqualTo(6);
        TicketBook.TicketPage second = book.newestFirst(null, first.resumeBefore(), 0, carols, 4, 5);
        assertThat(ids(second)).containsExactly(3L);
        assertThat(second.resumeBefore()).isZero();
    }

    @Test
    void aQueuesPagesHoldItsOwnJobsLiveAndEnded() {
        long canceled = 9;
        book.cancel(canceled, "ws", true);
        TicketBook.TicketPage office = book.newestFirst("office", 0, 0, t -> true, 3, 1_000);
        assertThat(ids(office)).containsExactly(9L, 7L, 5L);
        assertThat(ids(book.newestFirst("office", office.resumeBefore(), 0, t -> true, 3, 1_000))).containsExactly(3L, 1L);
        assertThat(book.newestFirst("nowhere", 0, 0, t -> true, 3, 1_000).tickets()).isEmpty();
    }

    @Test
    void aTimeWindowIsFoundByBisectionAndBoundsThePage() {
        // Jobs 11-20 are made a minute apart after the ten of setUp.
        long start = clock.millis();
        for (int i = 11; i <= 20; i++) {
            clock.advance(java.time.Duration.ofMinutes(1));
            book.request("office", "bob@corp", "ws", "doc " + i, 50, 1, 1);
        }
        long minute = 60_000;
        assertThat(book.firstJobMadeSince(start)).as("the first ten share the start time").isEqualTo(1);
        assertThat(book.firstJobMadeSince(start + 1)).isEqualTo(11);
        assertThat(book.firstJobMadeSince(start + 3 * minute)).isEqualTo(13);
        assertThat(book.firstJobMadeSince(start + 3 * minute - 1)).isEqualTo(13);
        assertThat(book.firstJobMadeSince(start + 11 * minute)).as("none yet: the next id").isEqualTo(21);
        // Jobs made from minute 3 up to (not at) minute 6: 13, 14, 15, newest first, on two pages.
        long from = book.firstJobMadeSince(start + 3 * minute);
        long to = book.firstJobMadeSince(start + 6 * minute);
        TicketBook.TicketPage first = book.newestFirst(null, to, from, t -> true, 2, 1_000);
        assertThat(ids(first)).containsExactly(15L, 14L);
        TicketBook.TicketPage second = book.newestFirst(null, first.resumeBefore(), from, t -> true, 2, 1_000);
        assertThat(ids(second)).containsExactly(13L);
        assertThat(second.resumeBefore()).as("the window ends at job 13").isZero();
        assertThat(ids(book.newestFirst("office", to, from, t -> true, 10, 1_000))).containsExactly(15L, 14L, 13L);
        assertThat(ids(book.newestFirst("laser", to, from, t -> true, 10, 1_000))).isEmpty();
    }
}
