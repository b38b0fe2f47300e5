package org.printgate.engine.ipp;

import java.net.URI;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;

/** What a request addresses (docs/ticket-protocol.md §3.1), with who asks and how they reach us. */
final class Targets {
    private Targets() {}

    /** scheme://host:port as the client wrote it in Host; ipps when the engine speaks TLS. */
    record Base(String scheme, String authority) {
        URI system() {
            return URI.create(scheme + "://" + authority + "/ipp/system");
        }

        URI queue(String name) {
            return URI.create(scheme + "://" + authority + "/ipp/print/" + name);
        }

        URI job(long jobId) {
            return URI.create(scheme + "://" + authority + "/ipp/job/" + jobId);
        }
    }

    record SystemTarget(Engine engine, Credential credential, Base base) {}

    record QueueTarget(Engine engine, Credential credential, Base base, QueueConfig queue, ClientSoftwareCheck software) {}

    record JobTarget(Engine engine, Credential credential, Base base, Ticket ticket) {}
}
