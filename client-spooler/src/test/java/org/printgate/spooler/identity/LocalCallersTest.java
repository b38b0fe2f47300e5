package org.printgate.spooler.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.printgate.ipp.Caller;

/** The kernel is asked once per connection, and a connection nobody owns may do nothing. */
class LocalCallersTest {
    private final InetSocketAddress spooler = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8631);
    private final InetSocketAddress client = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);

    @Test
    void theOwnerOfAConnectionIsAskedOnceForAllItsRequests() {
        AtomicInteger asked = new AtomicInteger();
        LocalCallers callers = new LocalCallers(Optional.of((from, to) -> {
            asked.incrementAndGet();
            return OptionalInt.of(0);
        }), new Accounts(), IdentityPolicy.defaults());
        Object connection = new Object();

        LocalCaller first = callers.identify(new Caller(client, spooler, null, connection));
        LocalCaller second = callers.identify(new Caller(client, spooler, null, connection));
        callers.identify(new Caller(client, spooler, null, new Object()));

        assertThat(first.account()).isEqualTo("root");
        assertThat(first.forwarder()).isTrue();
        assertThat(second).isEqualTo(first);
        assertThat(asked).as("one question per connection").hasValue(2);
    }

    @Test
    void aConnectionNoAccountOwnsIsNobodysAndIsAskedAgain() {
        AtomicInteger asked = new AtomicInteger();
        LocalCallers callers = new LocalCallers(Optional.of((from, to) -> {
            asked.incrementAndGet();
            return OptionalInt.empty();
        }), new Accounts(), IdentityPolicy.defaults());
        Object connection = new Object();

        assertThat(callers.identify(new Caller(client, spooler, null, connection)).account()).isNull();
        assertThat(callers.identify(new Caller(client, spooler, null, connection)).account()).isNull();
        assertThat(asked).hasValue(2);
    }
}
