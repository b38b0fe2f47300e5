package org.printgate.ipp;

import java.io.IOException;

/** The server refused the client's HTTP credentials (HTTP 401); retrying will not help. */
public final class IppAuthenticationException extends IOException {
    public IppAuthenticationException(String message) {
        super(message);
    }
}
