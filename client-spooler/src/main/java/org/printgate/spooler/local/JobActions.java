package org.printgate.spooler.local;

import org.printgate.spooler.spool.SpoolJob;

/**
 * What the local endpoint asks of the part of the spooler that talks to the engine and the
 * printers. Each call returns at once; the work goes on in the background.
 */
public interface JobActions {
    /** A job was created (Create-Job): ask for its ticket early (3-1). */
    void created(SpoolJob job);

    /** A job's document is durable: send the details (3-6) and wait for the go-ahead. */
    void spooled(SpoolJob job);

    /** A job is held with its document: nothing to ask yet; release it when its time of day comes. */
    void held(SpoolJob job);

    /** The owner (or an operator) cancels: at the printer if it is printing, then at the engine (fig. 4). */
    void cancel(SpoolJob job);

    /**
     * The owner moves a waiting job to another queue (fig. 7), keeping its place by age.
     *
     * @throws org.printgate.ipp.IppException when the engine refuses or cannot be reached
     */
    SpoolJob move(SpoolJob job, String queue);
}
