package org.printgate.spooler.forward;

/** What a forwarder tells the spooler while it works, and how it learns of a cancel. */
public interface ForwardProgress {
    /**
     * Where this attempt can be found at the printer afterwards, recorded durably before any
     * document byte is sent: the printer's job URI (IPP) or its page counter before (socket).
     */
    void atPrinter(String printerJobUri, long pageCounterBefore);

    /** Pages of this attempt out of the printer so far. */
    void pages(int done);

    /** Whether the job was canceled meanwhile: stop, and cancel at the printer. */
    boolean canceled();
}
