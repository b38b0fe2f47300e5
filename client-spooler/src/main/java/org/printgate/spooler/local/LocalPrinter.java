package org.printgate.spooler.local;

import com.hp.jipp.encoding.Attribute;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * One engine queue as this workstation sees it: a local IPP Everywhere printer at
 * {@code /printers/<name>} whose capabilities are the real printer's.
 *
 * @param name the engine queue's name (printer-name)
 * @param deviceUri the real printer, where documents go after a go-ahead
 * @param snmpUri where the printer's page counter is read, or null
 * @param up whether the engine sees the printer up
 * @param reasons the engine's printer-state-reasons for it ("none" when up)
 * @param accepting the engine queue takes new tickets (printer-is-accepting-jobs: an operator's Disable-Printer makes it false)
 * @param location printer-location
 * @param capabilities the real printer's capability attributes (job template, media, formats...),
 *     completed here, once, with defaults for what the real printer's answer lacks
 */
public record LocalPrinter(String name, URI deviceUri, URI snmpUri, boolean up, List<String> reasons, boolean accepting,
                           String location, List<Attribute<?>> capabilities) {

    public LocalPrinter {
        capabilities = DefaultCapabilities.completing(capabilities);
    }

    public static final String PATH_PREFIX = "/printers/";

    /** Stable across restarts, so the OS keeps seeing the same printer (RFC 8011 printer-uuid). */
    public URI uuid() {
        return URI.create("urn:uuid:" + UUID.nameUUIDFromBytes(("printgate-spooler:" + name).getBytes(StandardCharsets.UTF_8)));
    }

    public boolean byRawSocket() {
        return "socket".equalsIgnoreCase(deviceUri.getScheme());
    }

    /** The capability attribute named {@code name} (the real printer's or the default), or null. */
    public Attribute<?> capability(String attributeName) {
        for (Attribute<?> attribute : capabilities) {
            if (attribute.getName().equals(attributeName)) {
                return attribute;
            }
        }
        return null;
    }

    /** What is wrong with the printer, in words: "office-color is out of paper". */
    public String trouble() {
        return name + " " + PrinterTrouble.describe(reasons);
    }

    /** The same printer with the real printer's capabilities, once they are fetched (completed with defaults). */
    public LocalPrinter withCapabilities(List<Attribute<?>> realOnes) {
        return new LocalPrinter(name, deviceUri, snmpUri, up, reasons, accepting, location, realOnes);
    }

    public LocalPrinter withState(boolean isUp, List<String> stateReasons) {
        return new LocalPrinter(name, deviceUri, snmpUri, isUp, stateReasons, accepting, location, capabilities);
    }
}
