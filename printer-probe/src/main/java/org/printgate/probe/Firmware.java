package org.printgate.probe;

import java.util.Objects;

/**
 * A printer's firmware as it reports it over IPP: {@code printer-firmware-name} and
 * {@code printer-firmware-string-version} (PWG 5110.1, asked for by IPP Everywhere, PWG 5100.13).
 * A printer with several firmware components lists them in the same order in both; here they are
 * joined by ", ".
 *
 * @param name e.g. "LaserWriter Firmware"; empty when the printer does not say
 * @param version e.g. "7.0.2"; empty when the printer does not say
 */
public record Firmware(String name, String version) {
    /** A printer that did not say (SNMP, raw devices, printers before IPP Everywhere). */
    public static final Firmware UNKNOWN = new Firmware("", "");

    public Firmware {
        name = Objects.requireNonNullElse(name, "").strip();
        version = Objects.requireNonNullElse(version, "").strip();
    }

    public boolean isKnown() {
        return !name.isEmpty() || !version.isEmpty();
    }
}
