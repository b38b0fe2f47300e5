package org.printgate.protocol.client;

import com.hp.jipp.model.Status;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/** The engine said no: its IPP status, message and, for a refused queue, where else to go (3-10). */
public class TicketException extends IOException {
    private final transient Status status;
    private final List<URI> allowedPrinters;
    private final transient Upgrade upgrade;

    /** What the engine wants upgraded before it gives a ticket (3-11, 3-13). */
    public record Upgrade(String component, String version, URI uri, byte[] sha256) {}

    public TicketException(Status status, String message, List<URI> allowedPrinters, Upgrade upgrade) {
        super(status + ": " + message);
        this.status = status;
        this.allowedPrinters = List.copyOf(allowedPrinters);
        this.upgrade = upgrade;
    }

    /** The upgrade asked for with status printgate-upgrade-required (0x0480), if any. */
    public java.util.Optional<Upgrade> upgrade() {
        return java.util.Optional.ofNullable(upgrade);
    }

    public Status status() {
        return status;
    }

    public List<URI> allowedPrinters() {
        return allowedPrinters;
    }
}
