package org.printgate.protocol.client;

import java.util.List;

/**
 * The subscription a long-poll named no longer exists (docs/ticket-protocol.md §6.2): it was not
 * polled within its lease, or the engine restarted. Its events are gone with it; the client
 * subscribes again ({@link TicketClient#subscribe()}) and resynchronises its jobs
 * ({@link TicketClient#resync}). The status is {@code client-error-not-found}.
 */
public final class SubscriptionGoneException extends TicketException {
    private final int subscriptionId;

    public SubscriptionGoneException(int subscriptionId, TicketException answer) {
        super(answer.status(), "subscription " + subscriptionId + " is gone (lease ran out, or the engine restarted)",
                List.of(), null);
        this.subscriptionId = subscriptionId;
    }

    /** The subscription that is gone. */
    public int subscriptionId() {
        return subscriptionId;
    }
}
