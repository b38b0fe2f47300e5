package org.printgate.spooler.discovery;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.printgate.spooler.local.LocalPrinter;

/**
 * One local printer as DNS-SD advertises it: an IPP Everywhere service ({@code _ipp._tcp} with
 * the {@code _print} and {@code _universal} subtypes, PWG 5100.14 §5.1) on the spooler's port.
 *
 * @param queue the engine queue, which the service stands for
 * @param name the service instance name wanted: the printer's printer-dns-sd-name
 * @param port the spooler's port on 127.0.0.1
 * @param txt the TXT record
 */
public record PrinterService(String queue, String name, int port, TxtRecord txt) {
    public static final String TYPE = "_ipp._tcp";
    public static final List<String> SUBTYPES = List.of("_print._sub._ipp._tcp", "_universal._sub._ipp._tcp");

    /** A DNS label, so an instance name, holds at most 63 bytes (RFC 6763 §4.1.1). */
    static final int MAX_NAME_BYTES = 63;
    private static final String SUFFIX = " (Printgate)";

    public static PrinterService of(LocalPrinter printer, int port) {
        return new PrinterService(printer.name(), instanceName(printer.name()), port, TxtRecord.of(printer, port));
    }

    /**
     * "office-color (Printgate)", as the local printer's printer-dns-sd-name says: the suffix tells
     * a print dialog's user this printer from the real one, which may advertise itself on the network.
     */
    static String instanceName(String queue) {
        return cut(queue, MAX_NAME_BYTES - SUFFIX.length()) + SUFFIX;
    }

    /**
     * The name to try after {@code attempt - 1} clashes: the wanted one, then "NAME (2)", "NAME (3)"...
     * as RFC 6763 §9 suggests for a name someone else holds.
     */
    String nameForAttempt(int attempt) {
        if (attempt <= 1) {
            return name;
        }
        String number = " (" + attempt + ")";
        return cut(name, MAX_NAME_BYTES - number.length()) + number;
    }

    private static String cut(String text, int maxBytes) {
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > maxBytes) {
                break;
            }
            out.appendCodePoint(codePoint);
            used += bytes;
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }
}
