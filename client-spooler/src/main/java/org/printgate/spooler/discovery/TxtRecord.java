package org.printgate.spooler.discovery;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.model.Types;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.printgate.ipp.ExtraTypes;
import org.printgate.spooler.local.CupsPrinterType;
import org.printgate.spooler.local.LocalPrinter;

/**
 * The TXT record of a local printer's {@code _ipp._tcp} service: the keys of PWG 5100.14 §5.2
 * (after Bonjour Printing 1.2), taken from what the local printer answers to
 * Get-Printer-Attributes, plus CUPS's {@code printer-state} and {@code printer-type} so that
 * CUPS sees what it would see of a queue another CUPS shares. Each {@code key=value} string is
 * at most 255 bytes (RFC 6763 §6.1): longer values are cut.
 */
public final class TxtRecord {
    static final int MAX_ENTRY_BYTES = 255;

    /** Formats a client looks for first (CUPS shows only printers with one of the first three): kept when pdl is cut. */
    private static final List<String> PREFERRED_FORMATS = List.of("application/pdf", "image/urf", "image/pwg-raster",
            "image/jpeg", "application/postscript");

    /** printer-state enum values (RFC 8011 §5.4.11). */
    private static final int IDLE = 3;
    private static final int STOPPED = 5;

    private final Map<String, String> entries;

    private TxtRecord(Map<String, String> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** The record of {@code printer} served by the spooler on 127.0.0.1:{@code port}. */
    public static TxtRecord of(LocalPrinter printer, int port) {
        Map<String, String> txt = new LinkedHashMap<>();
        txt.put("txtvers", "1");
        txt.put("qtotal", "1");
        txt.put("rp", LocalPrinter.PATH_PREFIX.substring(1) + printer.name());
        String model = text(printer, Types.printerMakeAndModel.getName());
        txt.put("ty", model);
        txt.put("product", "(" + model + ")");
        txt.put("adminurl", "http://127.0.0.1:" + port + "/");
        txt.put("note", printer.location() == null ? "" : printer.location());
        txt.put("pdl", pdl(values(printer, Types.documentFormatSupported.getName())));
        List<String> urf = values(printer, ExtraTypes.urfSupported.getName());
        txt.put("URF", urf.isEmpty() ? "none" : String.join(",", urf));
        txt.put("Color", color(printer) ? "T" : "F");
        txt.put("Duplex", duplex(printer) ? "T" : "F");
        txt.put("UUID", printer.uuid().toString().substring("urn:uuid:".length()));
        // The spooler answers printer-kind itself, and only ever "document" (PrinterDescription).
        txt.put("kind", "document");
        // Who may print is known from the kernel (the connection's owner), not from HTTP authentication.
        txt.put("air", "none");
        txt.put("printer-state", Integer.toString(printer.up() ? IDLE : STOPPED));
        txt.put("printer-type", "0x" + Integer.toHexString(CupsPrinterType.of(printer)).toUpperCase(java.util.Locale.ROOT));
        txt.replaceAll(TxtRecord::fitting);
        return new TxtRecord(txt);
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        return entries.get(key);
    }

    public Map<String, String> asMap() {
        return entries;
    }

    /** The {@code key=value} strings, in order. */
    public List<String> strings() {
        List<String> strings = new ArrayList<>();
        entries.forEach((key, value) -> strings.add(key + "=" + value));
        return strings;
    }

    /** The strings as UTF-8 bytes, as DNS carries them. */
    public List<byte[]> bytes() {
        return strings().stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TxtRecord record && record.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return String.join(" ", strings());
    }

    /**
     * pdl: the formats a client may send, the preferred first, without application/octet-stream
     * (not a format: PWG 5100.14 lists the real ones), cut at a comma to fit the entry.
     */
    static String pdl(List<String> formats) {
        List<String> ordered = new ArrayList<>(PREFERRED_FORMATS.stream().filter(formats::contains).toList());
        formats.stream().filter(f -> !ordered.contains(f) && !f.equals("application/octet-stream")).forEach(ordered::add);
        StringBuilder pdl = new StringBuilder();
        int room = MAX_ENTRY_BYTES - "pdl=".length();
        for (String format : ordered) {
            int needed = (pdl.length() == 0 ? 0 : 1) + format.length();
            if (pdl.length() + needed > room) {
                break;
            }
            pdl.append(pdl.length() == 0 ? "" : ",").append(format);
        }
        return pdl.toString();
    }

    private static String fitting(String key, String value) {
        int room = MAX_ENTRY_BYTES - key.length() - 1;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= room) {
            return value;
        }
        // Cut on a character boundary: drop UTF-8 continuation bytes at the cut.
        int end = room;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static List<String> values(LocalPrinter printer, String attribute) {
        Attribute<?> found = printer.capability(attribute);
        return found == null ? List.of() : found.strings();
    }

    private static String text(LocalPrinter printer, String attribute) {
        List<String> found = values(printer, attribute);
        return found.isEmpty() ? "Unknown" : found.get(0);
    }

    private static boolean color(LocalPrinter printer) {
        Attribute<?> color = printer.capability(Types.colorSupported.getName());
        return color != null && !color.isEmpty() && Boolean.TRUE.equals(color.get(0));
    }

    private static boolean duplex(LocalPrinter printer) {
        return values(printer, Types.sidesSupported.getName()).stream().anyMatch(side -> side.startsWith("two-sided"));
    }
}
