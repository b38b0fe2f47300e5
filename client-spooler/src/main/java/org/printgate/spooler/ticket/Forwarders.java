package org.printgate.spooler.ticket;

import java.util.Locale;
import org.printgate.spooler.forward.Forwarder;

/** The forwarder for each mechanism a go-ahead can name (6-3): IPP(S) or raw socket. */
public record Forwarders(Forwarder ipp, Forwarder socket) {

    Forwarder forScheme(String scheme) {
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "ipp", "ipps", "http", "https" -> ipp;
            case "socket" -> socket;
            default -> throw new IllegalArgumentException("no forwarder for " + scheme + "://");
        };
    }
}
