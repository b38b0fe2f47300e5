package org.printgate.engine.console;

import java.util.List;

/** What the console's templates (src/main/jte) show: plain values, escaped by jte when written. */
public final class Views {
    private Views() {}

    /**
     * Every page's frame: who is signed in, what they may do, the CSRF token for its forms.
     *
     * @param section the navigation entry this page belongs to
     * @param notice a one-line result of the last action, or empty
     */
    public record Page(String user, String role, boolean mayAct, String csrf, String section, String notice) {}

    /** A marker supply: {@code level} percent, negative when the printer does not say. */
    public record Supply(String name, int level) {
        /** low, empty or ok: the colour of its bar. */
        public String tone() {
            return level < 0 ? "unknown" : level <= 5 ? "empty" : level <= 20 ? "low" : "ok";
        }
    }

    public record Tray(String name, int level, int maxCapacity) {
        public String levelText() {
            if (level < 0) {
                return level == -3 ? "some paper" : "unknown";
            }
            return maxCapacity > 0 ? level + " of " + maxCapacity + " sheets" : level + " sheets";
        }
    }

    /**
     * A printer's queue as the operator sees it.
     *
     * @param state up, degraded or down (docs/ticket-protocol.md §5.2)
     * @param reasons printer-state-reasons in words
     * @param headJob the job at the head of the queue, or empty
     * @param firmwareName printer-firmware-name as a managed printer last reported it, else as the
     *     watch last read it over IPP, or empty
     * @param firmwareVersion printer-firmware-string-version, from the same source, or empty
     * @param managed a device credential is bound to the queue: the printer reports itself (docs/firmware.md §1)
     * @param deviceReport a managed printer's last report of its state and when, in words, or empty
     */
    public record Printer(String name, String path, String state, List<String> reasons, boolean paused,
                          boolean accepting, int waiting, int printing, int maxJobs, long maxKOctets,
                          String location, String headJob, List<Supply> supplies, List<Tray> trays,
                          String firmwareName, String firmwareVersion, boolean managed, String deviceReport) {
        /** "LaserWriter Firmware 7.0.2", or empty when the printer did not say. */
        public String firmware() {
            return (firmwareName + " " + firmwareVersion).strip();
        }
    }

    /**
     * A queue's configuration as the operator's edit form shows it (operators only: the SNMP URI
     * holds the community, and over IPP it is operator-only too).
     *
     * @param allowedUsers the access list, one entry a line
     */
    public record PrinterSetup(String name, String path, String deviceUri, String snmpUri, int maxJobs, long maxKOctets,
                               String allowedUsers, String location) {
        /** The add form's: nothing typed yet, open to everyone. */
        public static PrinterSetup blank() {
            return new PrinterSetup("", "", "", "", 0, 0, "*", "");
        }
    }

    /**
     * A page of the printers list: {@code total} printers in all (that match {@code find}, when
     * given), {@code more} after this page; {@code findQuery} carries the search to the next page.
     */
    public record PrintersPage(List<Printer> printers, int pageNumber, boolean more, int total, String find, String findQuery) {}

    /**
     * A job (a ticket) in a list.
     *
     * @param printing it holds the printer (granted or printing): an operator's cancel interrupts
     *     it there (fig. 5), the workstation stopping it and confirming
     */
    public record Job(long id, String name, String user, String printer, String printerPath, String state,
                      int priority, String created, boolean live, boolean printing) {}

    /** The dashboard's counts, today's accounting totals (the accounting zone's day) and the oldest open alerts. */
    public record Dashboard(int up, int degraded, int down, int waiting, int printing, List<Printer> needingAttention,
                            long jobsToday, long pagesToday, int alertsOpen, List<AlertLine> alerts) {}

    /** An open alert, in words. */
    public record AlertLine(String title, String subject, String severity, String message, String since) {}

    /**
     * An accounting report over a range, and the form that asked for it.
     *
     * @param rows the rows shown: every period, or the users, domains or printers with the most pages
     * @param allRows how many rows the report has (its CSV holds them all)
     * @param most the largest page count of the rows, the scale of their bars
     * @param query the report's query string, for its CSV links
     */
    public record Report(String by, String from, String to, String zone, List<ReportRow> rows, int allRows, long most,
                         long jobs, long pages, List<String> groupings, String query) {
        /** Grouped by day, week or month: its rows are periods in order, drawn as a chart too. */
        public boolean overTime() {
            return (by.equals("day") || by.equals("week") || by.equals("month")) && !rows.isEmpty();
        }
    }

    /** One line of a report: a user, domain, printer or period, with its jobs and pages. */
    public record ReportRow(String key, long jobs, long pages) {}

    /**
     * A page of the jobs list, newest first, and the filters that made it.
     *
     * @param before the job id this page started below, or 0 for the newest
     * @param older the query of the next (older) page, or empty when nothing older is left
     * @param newest the query of the first page, or empty on it
     */
    public record JobsPage(String user, String printer, String state, String from, String to, List<Job> jobs, long before,
                           String older, String newest) {}

    /** A spooler or tool seen by the engine (its client-info, 3-2). */
    public record Client(String credential, String software, String system, String lastSeen, String refused) {}

    /** A line of the audit log. */
    public record AuditLine(String at, String user, String address, String action, String target, String outcome) {}
}
