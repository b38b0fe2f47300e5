package org.printgate.sim.printer;

import java.util.Locale;

/** The ways document data reaches a printer's marking engine (seed 003: data paths). */
public enum DataPath {
    IPP, RAW;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public DataPath other() {
        return this == IPP ? RAW : IPP;
    }
}
