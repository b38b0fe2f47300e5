package org.printgate.engine.events;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.ticket.Change;
import org.printgate.engine.ticket.EngineEvent;
import org.printgate.engine.ticket.QueueConfig;

/**
 * News of a queue for the spoolers that mirror it (docs/ticket-protocol.md §7): a queue created,
 * deleted, reconfigured or changing state reaches every subscribed client that may use it, before
 * or after the change, so that a spooler follows the engine's queues without asking for the
 * whole list again. A client with a live job on the queue already has its printer-state-changed
 * (fig. 7) and gets no second one.
 */
public final class QueueNews {
    private final ClientEvents events;
    private final Function<String, Optional<Credential>> credentials;

    public QueueNews(ClientEvents events, Function<String, Optional<Credential>> credentials) {
        this.events = events;
        this.credentials = credentials;
    }

    /**
     * Adds to {@code change} a {@code kind} event about {@code queue} for each subscribed holder
     * that may use {@code before} or {@code after} (either null when the queue did not or does not
     * exist), with the queue's state reasons ("none" when it may print).
     */
    public void tell(Change change, String kind, String queue, QueueConfig before, QueueConfig after,
                     List<String> reasons, String message) {
        Set<String> told = change.events().stream()
                .filter(e -> e.kind().equals(kind) && e.queue().equals(queue))
                .map(EngineEvent::holder).collect(Collectors.toSet());
        for (String holder : events.subscribedHolders()) {
            if (told.contains(holder)) {
                continue;
            }
            boolean mayUse = credentials.apply(holder).map(c -> mayUse(c, before) || mayUse(c, after)).orElse(false);
            if (mayUse) {
                change.event(new EngineEvent(holder, kind, 0, queue, null, reasons, message, null, 0));
            }
        }
    }

    /** As Get-Printers decides what a credential sees (§2.5). */
    private static boolean mayUse(Credential credential, QueueConfig queue) {
        return queue != null && (credential.isOperator() || credential.identities().stream().anyMatch(queue::allows));
    }
}
