package org.printgate.sim.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The faults a simulated printer can be given, in a profile or at run time. Each one changes
 * the printer's hardware state or the behaviour of its data paths; IPP, raw and SNMP all follow.
 */
public enum FaultType {
    /** A paper jam now, or at page {@code at-page} from now (1 = the next page); the printer stops until cleared. */
    JAM,
    /** Every tray runs empty now; cleared by refilling the trays. */
    OUT_OF_PAPER,
    /** The toner runs out after {@code after-pages} more pages (0 = now); cleared by a new cartridge. */
    TONER_EMPTY,
    /** The cover is open: the printer stops. */
    COVER_OPEN,
    /**
     * The printer goes offline (switched off, or cut off the network): its IPP and raw ports refuse
     * connections, the jobs in its memory are lost, SNMP reports offline.
     */
    OFFLINE,
    /** The next document connection (IPP or raw) is reset after {@code at-byte} document bytes. */
    RESET,
    /** Document data is taken in at no more than {@code bytes-per-second}. */
    SLOW_INTAKE,
    /** Job-creating IPP requests get server-error-busy; the raw port reads no data until cleared. */
    BUSY,
    /** Connections are accepted and requests read, but never answered. */
    HANG,
    /** The printer's memory is full: new jobs get server-error-busy, raw data is not read. */
    MEMORY_FULL;

    /** Profiles and the control API spell faults in kebab case: "out-of-paper". */
    @JsonValue
    public String keyword() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static FaultType fromKeyword(String keyword) {
        return valueOf(keyword.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
