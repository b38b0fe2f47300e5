package org.printgate.engine.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.hp.jipp.model.Status;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.printgate.ipp.IppException;

/** The one check of a queue's configuration that Create-Printer, Set-Printer-Attributes and the console share. */
class QueueEditTest {
    private static final URI SOCKET = URI.create("socket://10.0.0.9:9100");
    private static final URI IPP = URI.create("ipp://10.0.0.9/ipp/print");

    private static QueueEdit device(URI device) {
        return new QueueEdit(device, null, null, null, null, null);
    }

    @Test
    void aNewQueueTakesTheDefaultsForWhatIsLeftOut() {
        QueueConfig socket = device(SOCKET).newQueue("lab");
        assertThat(socket.maxJobs()).isEqualTo(1);
        assertThat(socket.maxKOctets()).isZero();
        assertThat(socket.allowedUsers()).containsExactly("*");
        assertThat(socket.snmpUri()).isNull();
        assertThat(socket.acceptingJobs()).isTrue();
        assertThat(socket.paused()).isFalse();
        assertThat(device(IPP).newQueue("lab").maxJobs()).isEqualTo(2);
    }

    @Test
    void anEditKeepsWhatItLeavesOutAndTheQueuesStates() {
        QueueConfig base = new QueueConfig("lab", SOCKET, URI.create("snmp://public@10.0.0.9"), 4, 100, List.of("*@corp"),
                "Lab", false, true);
        QueueConfig kept = new QueueEdit(null, null, 5, null, null, null).applyTo(base);
        assertThat(kept).isEqualTo(new QueueConfig("lab", SOCKET, URI.create("snmp://public@10.0.0.9"), 5, 100,
                List.of("*@corp"), "Lab", false, true));
        // An empty Optional takes the SNMP address away; null keeps it.
        assertThat(new QueueEdit(null, Optional.empty(), null, null, null, null).applyTo(base).snmpUri()).isNull();
    }

    @Test
    void refusesWhatNoPrinterCanBeWithTheStatusIppAnswers() {
        assertRefused(Status.clientErrorBadRequest, "a device URI is needed", device(null), "lab");
        assertRefused(Status.clientErrorAttributesOrValuesNotSupported, "not http://x/", device(URI.create("http://x/")), "lab");
        assertRefused(Status.clientErrorAttributesOrValuesNotSupported, "names no host", device(URI.create("socket:9100")), "lab");
        assertRefused(Status.clientErrorAttributesOrValuesNotSupported, "not 0",
                new QueueEdit(SOCKET, null, 0, null, null, null), "lab");
        assertRefused(Status.clientErrorAttributesOrValuesNotSupported, "not 1001",
                new QueueEdit(SOCKET, null, 1001, null, null, null), "lab");
        assertRefused(Status.clientErrorAttributesOrValuesNotSupported, "not -1",
                new QueueEdit(SOCKET, null, null, -1L, null, null), "lab");
        assertRefused(Status.clientErrorAttributesOrValuesNotSupported, "list is empty",
                new QueueEdit(SOCKET, null, null, null, List.of(), null), "lab");
        assertRefused(Status.clientErrorAttributesOrValuesNotSupported, "not \"ann corp\"",
                new QueueEdit(SOCKET, null, null, null, List.of("ann corp"), null), "lab");
        assertRefused(Status.clientErrorAttributesOrValuesNotSupported, "snmp://community@host",
                new QueueEdit(SOCKET, Optional.of(URI.create("http://x/")), null, null, null, null), "lab");
        assertRefused(Status.clientErrorAttributesOrValuesNotSupported, "longer than 127",
                new QueueEdit(SOCKET, null, null, null, null, "x".repeat(128)), "lab");
        assertRefused(Status.clientErrorAttributesOrValuesNotSupported, "not \"-lab\"", device(SOCKET), "-lab");
        assertThat(new QueueEdit(SOCKET, null, 1000, 0L, List.of("*", "*@corp", "ann@corp"), "").newQueue("a.b_c-1").maxJobs())
                .isEqualTo(1000);
    }

    private static void assertRefused(Status status, String reason, QueueEdit edit, String name) {
        IppException refused = catchThrowableOfType(() -> edit.newQueue(name), IppException.class);
        assertThat(refused).as("refusal of " + edit).isNotNull();
        assertThat(refused.status()).isEqualTo(status);
        assertThat(refused.getMessage()).contains(reason);
    }
}
