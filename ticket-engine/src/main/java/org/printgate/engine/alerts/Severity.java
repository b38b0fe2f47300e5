package org.printgate.engine.alerts;

/** How soon someone should look: Alertmanager's usual two levels. */
public enum Severity {
    /** Printing goes on, but will not for long (toner low, a disk filling up). */
    WARNING,
    /** Something does not print now. */
    CRITICAL;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
