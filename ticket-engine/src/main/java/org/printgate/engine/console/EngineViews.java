package org.printgate.engine.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.printgate.engine.Engine;
import org.printgate.engine.report.AccountingReport;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.engine.ticket.TicketState;
import org.printgate.probe.PrinterStatus;
import org.printgate.probe.WatchState;

/** Reads the engine's book and watch into the console's {@link Views}; changes nothing. */
final class EngineViews {
    static final int JOBS_PER_PAGE = 50;
    static final int PRINTERS_PER_PAGE = 100;
    static final int SUGGESTED_PRINTERS = 500;
    static final int ALERTS_SHOWN = 50;
    static final int REPORT_ROWS_SHOWN = 100;
    /** Jobs shown on a printer's page: its live queue's head and its most recent ended ones. */
    static final int RECENT_JOBS = 25;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Engine engine;
    private final java.time.Clock clock;

    EngineViews(Engine engine, java.time.Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** Printers listed on the dashboard as needing attention: down ones first, then degraded ones, by name. */
    static final int ATTENTION_SHOWN = 20;

    /**
     * The dashboard, from counts the book and the watch keep as things change (no walk of the
     * queues or tickets): down is what gives no go-aheads (TicketBook's stopped queues), degraded
     * what the watch last saw degraded among the rest, up the others (as {@link #stateOf} says of
     * one printer). Costs O(min(degraded, down)) for the overlap, and the printers listed.
     */
    Views.Dashboard dashboard() {
        TicketBook book = engine.book();
        org.printgate.engine.watch.PrinterWatch watch = engine.watch();
        java.util.NavigableSet<String> warned = watch.degradedQueues();
        long warnedCount = watch.printersIn(WatchState.DEGRADED);
        int down = book.stoppedQueueCount();
        int degraded = (int) Math.max(0, warnedCount - book.stoppedAmong(warned, warnedCount));
        int up = Math.max(0, book.queueCount() - down - degraded);
        java.util.Map<TicketState, Long> tickets = book.countByState();
        long waiting = 0;
        long printing = 0;
        for (java.util.Map.Entry<TicketState, Long> count : tickets.entrySet()) {
            if (count.getKey().holdsCapacity()) {
                printing += count.getValue();
            } else if (!count.getKey().isTerminal()) {
                waiting += count.getValue();
            }
        }
        List<Views.Printer> attention = new ArrayList<>();
        book.firstStoppedQueues(ATTENTION_SHOWN).forEach(q -> attention.add(printer(q, false)));
        book.firstGoing(warned, ATTENTION_SHOWN - attention.size()).forEach(q -> attention.add(printer(q, false)));
        LocalDate today = LocalDate.now(clock.withZone(engine.accounting().accountingZone()));
        List<AccountingReport.Row> totals = new AccountingReport(engine.accounting()).query(AccountingReport.By.DAY, today, today);
        long jobsToday = totals.stream().mapToLong(AccountingReport.Row::jobs).sum();
        long pagesToday = totals.stream().mapToLong(AccountingReport.Row::pages).sum();
        // A site-wide incident can open an alert per printer: the page lists the oldest few, and counts them all.
        org.printgate.engine.alerts.AlertBoard board = engine.alerts().board();
        int openCount = board.openCount();
        List<Views.AlertLine> alerts = board.oldestOpen(ALERTS_SHOWN).stream()
                .map(a -> new Views.AlertLine(a.kind().title(), a.subject(), a.severity().key(), a.message(),
                        TIME.format(a.raisedAt())))
                .toList();
        return new Views.Dashboard(up, degraded, down, (int) waiting, (int) printing, attention, jobsToday, pagesToday,
                openCount, alerts);
    }

    /** What a report is asked for: a grouping and a range of days. */
    record ReportQuery(AccountingReport.By by, LocalDate from, LocalDate to) {
        String text() {
            return "by=" + by.keyword() + "&from=" + from + "&to=" + to;
        }
    }

    /** The report asked for; by user over this month unless the form says otherwise. */
    ReportQuery reportQuery(String byName, String fromText, String toText) {
        LocalDate today = LocalDate.now(clock.withZone(engine.accounting().accountingZone()));
        return new ReportQuery(AccountingReport.By.parse(byName.isEmpty() ? "user" : byName),
                fromText.isEmpty() ? today.withDayOfMonth(1) : date("from", fromText),
                toText.isEmpty() ? today : date("to", toText));
    }

    /** A report from the accounting totals (AccountingReport: at most 31 days of totals a month). */
    Views.Report report(ReportQuery query) {
        AccountingReport.By by = query.by();
        LocalDate from = query.from();
        LocalDate to = query.to();
        List<AccountingReport.Row> rows = new AccountingReport(engine.accounting()).query(by, from, to);
        // Periods are shown in order, all of them; users, domains and printers by most pages, the first
        // REPORT_ROWS_SHOWN (a month by printer is 200,000 rows on a large site: the CSV has them all).
        boolean period = by == AccountingReport.By.DAY || by == AccountingReport.By.WEEK || by == AccountingReport.By.MONTH;
        List<Views.ReportRow> lines = (period ? rows.stream()
                : rows.stream().sorted(java.util.Comparator.comparingLong(AccountingReport.Row::pages).reversed()).limit(REPORT_ROWS_SHOWN))
                .map(r -> new Views.ReportRow(r.key(), r.jobs(), r.pages())).toList();
        long most = rows.stream().mapToLong(AccountingReport.Row::pages).max().orElse(0);
        return new Views.Report(by.keyword(), from.toString(), to.toString(), engine.accounting().accountingZone().getId(),
                lines, rows.size(), most, rows.stream().mapToLong(AccountingReport.Row::jobs).sum(),
                rows.stream().mapToLong(AccountingReport.Row::pages).sum(),
                java.util.Arrays.stream(AccountingReport.By.values()).map(AccountingReport.By::keyword).toList(), query.text());
    }

    /** The clients heard from (kept across restarts), the most recent first. */
    List<Views.Client> clients() {
        return engine.clientsSeen().all().stream().map(c -> new Views.Client(c.credential(), c.software(), c.system(),
                TIME.format(c.lastSeen()), c.refused())).toList();
    }

    static LocalDate date(String name, String text) {
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date like 2026-12-31, not " + text);
        }
    }

    /**
     * A page of the printers, in the engine's order (configuration, then additions), those whose
     * name or location holds {@code find} (any case) when it is given. The list of queues is
     * copied once (O(queues), about 1 ms for 200,000) and filtered in one pass; each shown
     * printer's head job costs a copy of its live queue (TicketBook.liveTickets).
     */
    Views.PrintersPage printers(int pageNumber, String find) {
        List<QueueConfig> all = engine.book().queues();
        if (!find.isEmpty()) {
            String wanted = find.toLowerCase(Locale.ROOT);
            all = all.stream().filter(q -> q.name().toLowerCase(Locale.ROOT).contains(wanted)
                    || q.location().toLowerCase(Locale.ROOT).contains(wanted)).toList();
        }
        int from = Math.min(all.size(), (pageNumber - 1) * PRINTERS_PER_PAGE);
        int to = Math.min(all.size(), from + PRINTERS_PER_PAGE);
        List<Views.Printer> shown = all.subList(from, to).stream().map(q -> printer(q, true)).toList();
        return new Views.PrintersPage(shown, pageNumber, to < all.size(), all.size(), find,
                find.isEmpty() ? "" : "&find=" + encode(find));
    }

    Optional<Views.Printer> printer(String name) {
        return engine.book().queue(name).map(q -> printer(q, true));
    }

    /** The first printers' names, for a form's suggestions: a site of 200,000 queues is typed, not listed. */
    List<String> printerNames() {
        return engine.book().queues().stream().limit(SUGGESTED_PRINTERS).map(QueueConfig::name).toList();
    }

    /** The printer's live jobs in schedule order, then its most recently ended ones. */
    List<Views.Job> recentJobs(String printer) {
        TicketBook book = engine.book();
        List<Views.Job> jobs = new ArrayList<>();
        book.liveTickets(printer).stream().limit(RECENT_JOBS).map(this::job).forEach(jobs::add);
        book.endedTickets(printer).stream().limit(RECENT_JOBS).map(this::job).forEach(jobs::add);
        return jobs;
    }

    Optional<Views.Job> job(long id) {
        return engine.book().ticket(id).map(this::job);
    }

    /** Which jobs a page shows: every filter of the jobs page, as the form sent it. */
    record JobsQuery(String user, String printer, String state, String from, String to) {
        String text() {
            return "user=" + encode(user) + "&printer=" + encode(printer) + "&state=" + encode(state)
                    + "&from=" + encode(from) + "&to=" + encode(to);
        }
    }

    /**
     * A page of jobs, newest first, below job id {@code before} (0: from the newest). The book
     * looks at no more than {@link #JOBS_EXAMINED} tickets for it (TicketBook.newestFirst), so a
     * filter that takes few jobs among 1,000,000 gives a short page and a link to go on. A time
     * window is turned into a range of job ids first (TicketBook.firstJobMadeSince), so it costs
     * no walk at all.
     */
    Views.JobsPage jobs(JobsQuery query, long before) {
        TicketBook book = engine.book();
        if (!query.printer().isEmpty() && book.queue(query.printer()).isEmpty()) {
            throw new IllegalArgumentException("no printer " + query.printer());
        }
        long notBelow = 0;
        long upTo = before;
        if (!query.from().isEmpty()) {
            notBelow = book.firstJobMadeSince(moment("from", query.from(), false).toEpochMilli());
        }
        if (!query.to().isEmpty()) {
            long end = book.firstJobMadeSince(moment("to", query.to(), true).toEpochMilli());
            upTo = before > 0 ? Math.min(before, end) : end;
        }
        TicketBook.TicketPage page = book.newestFirst(query.printer().isEmpty() ? null : query.printer(), upTo, notBelow,
                ticketFilter(query.user(), query.state()), JOBS_PER_PAGE, JOBS_EXAMINED);
        String older = page.resumeBefore() > 0 ? query.text() + "&before=" + page.resumeBefore() : "";
        String newest = before > 0 ? query.text() : "";
        return new Views.JobsPage(query.user(), query.printer(), query.state(), query.from(), query.to(),
                page.tickets().stream().map(this::job).toList(), before, older, newest);
    }

    /**
     * A time the jobs form gives, in UTC as the console shows times: {@code 2026-12-08T10:15}
     * (a datetime-local field), with seconds, or a bare date. A bare date as the window's end
     * means the whole day.
     */
    static Instant moment(String name, String text, boolean end) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a UTC time like 2026-12-31T08:00 or a date, not " + text);
        }
    }

    /** Tickets the book looks at for one page of jobs: about 2 ms under its lock. */
    static final int JOBS_EXAMINED = 100_000;

    /** The states the jobs page filters by, and what each takes in. */
    static final List<String> JOB_STATES = List.of("live", "waiting", "printing", "ended", "all");

    private static Predicate<Ticket> ticketFilter(String user, String state) {
        Predicate<Ticket> byState = switch (state) {
            case "waiting" -> t -> t.state() == TicketState.QUEUED || t.state() == TicketState.INCOMING
                    || t.state() == TicketState.SET_ASIDE;
            case "printing" -> t -> t.state().holdsCapacity();
            case "ended" -> t -> t.state().isTerminal();
            case "all" -> t -> true;
            default -> t -> !t.state().isTerminal();
        };
        return user.isEmpty() ? byState : byState.and(t -> t.user().equalsIgnoreCase(user));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** up, degraded or down: down when the book gives no go-aheads, degraded on the watch's warnings. */
    private String stateOf(QueueConfig queue) {
        if (!engine.book().isUp(queue.name())) {
            return "down";
        }
        Optional<PrinterStatus> status = engine.watch().status(queue.name());
        return status.isPresent() && status.get().state() == WatchState.DEGRADED ? "degraded" : "up";
    }

    private Views.Printer printer(QueueConfig queue, boolean withHead) {
        TicketBook book = engine.book();
        String name = queue.name();
        Optional<PrinterStatus> status = engine.watch().status(name);
        Set<String> keywords = new LinkedHashSet<>(book.downReasons(name));
        status.ifPresent(s -> keywords.addAll(s.reasons()));
        keywords.remove("none");
        List<String> reasons = keywords.stream().map(ReasonWords::of).toList();
        String head = "";
        if (withHead) {
            head = book.liveTickets(name).stream().findFirst()
                    .map(t -> "#" + t.jobId() + " " + t.jobName() + " (" + t.user() + ")").orElse("");
        }
        List<Views.Supply> supplies = status.map(s -> s.supplies().stream()
                .map(x -> new Views.Supply(x.name(), x.level())).toList()).orElse(List.of());
        List<Views.Tray> trays = status.map(s -> s.trays().stream()
                .map(x -> new Views.Tray(x.name(), x.level(), x.maxCapacity())).toList()).orElse(List.of());
        int granted = book.grantedJobs(name);
        // A managed printer's own report wins over what the watch read (docs/firmware.md §5, fleet view).
        Optional<org.printgate.engine.store.DeviceReport> report = engine.deviceReport(name);
        org.printgate.probe.Firmware read = engine.watch().firmware(name);
        boolean reported = report.isPresent() && report.get().hasFirmware();
        return new Views.Printer(name, encode(name), stateOf(queue), reasons, queue.paused(), queue.acceptingJobs(),
                book.queuedJobCount(name), granted, queue.maxJobs(), queue.maxKOctets(),
                queue.location() == null ? "" : queue.location(), head, supplies, trays,
                reported ? report.get().firmwareName() : read.name(), reported ? report.get().firmwareVersion() : read.version(),
                engine.managed(name), report.map(EngineViews::reportInWords).orElse(""));
    }

    /** "idle (none), reported 2026-12-08 01:50:00 UTC": the state a managed printer last reported. */
    private static String reportInWords(org.printgate.engine.store.DeviceReport report) {
        String state = switch (report.printerState()) {
            case 3 -> "idle";
            case 4 -> "processing";
            case 5 -> "stopped";
            default -> "state not reported";
        };
        String reasons = report.stateReasons().stream().filter(r -> !r.equals("none")).map(ReasonWords::of)
                .collect(java.util.stream.Collectors.joining(", "));
        // The message only when it says more than the state (printers often send the state's name).
        String message = report.stateMessage().isBlank() || report.stateMessage().equalsIgnoreCase(state) ? ""
                : ": " + report.stateMessage();
        return state + (reasons.isEmpty() ? "" : " (" + reasons + ")") + message
                + ", reported " + TIME.format(Instant.ofEpochMilli(report.reportedMillis()));
    }

    /** A queue's configuration for its edit form. */
    Optional<Views.PrinterSetup> setup(String name) {
        return engine.book().queue(name).map(q -> new Views.PrinterSetup(q.name(), encode(q.name()), q.deviceUri().toString(),
                q.snmpUri() == null ? "" : q.snmpUri().toString(), q.maxJobs(), q.maxKOctets(),
                String.join("\n", q.allowedUsers()), q.location() == null ? "" : q.location()));
    }

    private Views.Job job(Ticket t) {
        return new Views.Job(t.jobId(), t.jobName() == null ? "" : t.jobName(), t.user(), t.queue(), encode(t.queue()),
                t.state().name().toLowerCase(Locale.ROOT).replace('_', ' '), t.priority(),
                TIME.format(Instant.ofEpochMilli(t.createdMillis())), !t.state().isTerminal(), t.state().holdsCapacity());
    }
}
