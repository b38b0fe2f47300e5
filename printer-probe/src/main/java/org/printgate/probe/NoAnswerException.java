package org.printgate.probe;

import java.io.IOException;

/**
 * A probe got no answer in time: connection refused, timed out, or no SNMP response. Two checks
 * in a row with no answer from any source make a printer unreachable (docs/ticket-protocol.md §5).
 */
public final class NoAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String address;

    public NoAnswerException(String address, Throwable cause) {
        super("No answer from " + address, cause);
        this.address = address;
    }

    /** host:port that did not answer. */
    public String address() {
        return address;
    }
}
