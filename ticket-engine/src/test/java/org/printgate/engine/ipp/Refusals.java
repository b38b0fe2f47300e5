package org.printgate.engine.ipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.hp.jipp.model.Status;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.printgate.protocol.client.TicketException;

/** The engine's answers that refuse a request, as the ticket client sees them. */
final class Refusals {
    private Refusals() {}

    /** {@code request} is refused by the engine with {@code status}. */
    static void assertRefused(Status status, ThrowingCallable request) {
        Throwable thrown = catchThrowable(request);
        assertThat(thrown).isInstanceOf(TicketException.class);
        assertThat(((TicketException) thrown).status()).isEqualTo(status);
    }
}
