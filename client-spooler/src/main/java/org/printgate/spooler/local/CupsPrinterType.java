package org.printgate.spooler.local;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.model.Types;

/**
 * CUPS's printer-type of a local printer (cups_ptype_t bits, cups.h), as CUPS-Get-Printers and
 * the DNS-SD TXT record give it: a queue whose jobs the engine schedules, so it is marked remote
 * as CUPS marks a queue another server shares; what the real printer can do; rejecting jobs.
 */
public final class CupsPrinterType {
    private static final int REMOTE = 0x2;
    private static final int BLACK_AND_WHITE = 0x4;
    private static final int COLOR = 0x8;
    private static final int DUPLEX = 0x10;
    private static final int COPIES = 0x40;
    /** The server's default printer: only the server knows which. */
    static final int DEFAULT = 0x20000;
    private static final int REJECTING = 0x80000;

    private CupsPrinterType() {}

    public static int of(LocalPrinter printer) {
        int type = REMOTE;
        Attribute<?> color = printer.capability(Types.colorSupported.getName());
        type |= color != null && Boolean.TRUE.equals(color.get(0)) ? COLOR : BLACK_AND_WHITE;
        Attribute<?> sides = printer.capability(Types.sidesSupported.getName());
        if (sides != null && sides.strings().stream().anyMatch(side -> side.startsWith("two-sided"))) {
            type |= DUPLEX;
        }
        if (printer.capability(Types.copiesSupported.getName()) != null) {
            type |= COPIES;
        }
        if (!printer.accepting()) {
            type |= REJECTING;
        }
        return type;
    }
}
