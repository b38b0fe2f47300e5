package org.printgate.spooler.forward;

/**
 * Sends a spooled document to a printer directly (the document crosses the network once) and
 * learns how many pages came out. One per mechanism of the go-ahead (6-3): IPP or raw socket.
 */
public interface Forwarder {
    ForwardOutcome forward(ForwardRequest request, ForwardProgress progress) throws InterruptedException;

    /**
     * After a crash mid-attempt: how many pages of the attempt recorded at {@code printerJobUri}
     * / {@code pageCounterBefore} came out, once the printer has finished with it; -1 if unknown.
     * The earlier attempt is canceled at the printer first if it is still open: the spooler that
     * sent it is gone, and the rest is sent again from the next page.
     */
    int pagesOfEarlierAttempt(ForwardRequest request, String printerJobUri, long pageCounterBefore)
            throws InterruptedException;
}
