package org.printgate.engine.ipp;

import java.net.URI;
import java.util.List;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.ipp.IppResponse;
import org.printgate.protocol.PrintgateTypes;

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

        /**
         * Tells a refused user where they may print instead (3-10, 7-13): at most 20 queues,
         * by name, as printgate-allowed-printers; nothing when there is no such queue.
         */
        void offerAllowedPrinters(TicketBook book, String user, IppResponse response) {
            List<URI> elsewhere = book.queuesAllowing(user).stream().limit(20).map(this::queue).toList();
            if (!elsewhere.isEmpty()) {
                response.operation().add(PrintgateTypes.allowedPrinters.of(elsewhere));
            }
        }
    }

    record SystemTarget(Engine engine, Credential credential, Base base) {}

    record QueueTarget(Engine engine, Credential credential, Base base, QueueConfig queue, ClientSoftwareCheck software) {}

    record JobTarget(Engine engine, Credential credential, Base base, Ticket ticket) {}
}
