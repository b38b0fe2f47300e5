package org.printgate.ipp;

import com.hp.jipp.model.Status;

/**
 * Ends an operation with an IPP status: thrown by validation and handlers, answered by the
 * server's single respond path with this status and message.
 */
public class IppException extends RuntimeException {
    private final transient Status status;

    public IppException(Status status, String message) {
        super(message);
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
