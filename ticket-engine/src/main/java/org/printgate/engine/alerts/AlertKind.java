package org.printgate.engine.alerts;

/**
 * What an alert is about. The key is what the webhook and the log carry; the title is what a
 * person reads in an e-mail's subject.
 */
public enum AlertKind {
    /** The printer stopped for a reason none of the kinds below names (offline, cover open, paused...). */
    PRINTER_DOWN("printer-down", "printer down"),
    /** {@code media-jam}. */
    PAPER_JAM("paper-jam", "paper jam"),
    /** {@code media-empty}, {@code media-needed}. */
    OUT_OF_PAPER("out-of-paper", "out of paper"),
    /** {@code toner-low}, {@code marker-supply-low}: the printer's own judgement of "low". */
    TONER_LOW("toner-low", "toner low"),
    /** {@code toner-empty}, {@code marker-supply-empty}. */
    TONER_EMPTY("toner-empty", "toner empty"),
    /** A job holding a go-ahead that prints nothing, or whose client fell silent. */
    JOB_STALLED("job-stalled", "job stalled"),
    /** Jobs of a queue waiting their turn far longer than they should. */
    JOBS_WAITING("jobs-waiting", "jobs waiting"),
    /** A client refused for its old or denied software (3-11..3-13). */
    CLIENT_TOO_OLD("client-too-old", "client too old"),
    /** The disk of the engine's store is near full. */
    DISK_NEAR_FULL("disk-near-full", "disk near full");

    private final String key;
    private final String title;

    AlertKind(String key, String title) {
        this.key = key;
        this.title = title;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }
}
