package org.printgate.engine.client;

import com.hp.jipp.model.Status;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/** The engine said no: its IPP status, message and, for a refused queue, where else to go (3-10). */
public final class TicketException extends IOException {
    private final transient Status status;
    private final List<URI> allowedPrinters;

    public TicketException(Status status, String message, List<URI> allowedPrinters) {
        super(status + ": " + message);
        this.status = status;
        this.allowedPrinters = List.copyOf(allowedPrinters);
    }

    public Status status() {
        return status;
    }

    public List<URI> allowedPrinters() {
        return allowedPrinters;
    }
}
