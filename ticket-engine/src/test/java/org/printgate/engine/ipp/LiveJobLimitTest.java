package org.printgate.engine.ipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.printgate.engine.ipp.Refusals.assertRefused;

import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Status;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.config.EngineYaml;
import org.printgate.protocol.client.TicketClient;
import org.printgate.protocol.client.TicketException;

/**
 * §6.3 check 9: a credential holds at most its {@code max-live-jobs} tickets that have not ended;
 * one more is refused with server-error-too-many-jobs (0x050B), over real HTTP.
 */
class LiveJobLimitTest {
    @RegisterExtension
    final EngineUnderTest engine = new EngineUnderTest(LiveJobLimitTest::config);
    private TicketClient ann;
    private TicketClient bob;

    static EngineConfig config() throws Exception {
        return EngineYaml.onLoopback("""
                printers:
                  - {name: office, device-uri: "socket://127.0.0.1:9", max-jobs: 1}
                credentials:
                  - {name: ws-ann, role: spooler, token-sha256: %s, identities: ["*@corp"]}
                  - {name: ws-bob, role: spooler, token-sha256: %s, identities: ["bob@corp"], max-live-jobs: 2}
                """.formatted(Authenticator.sha256Hex("ann"), Authenticator.sha256Hex("bob")));
    }

    @BeforeEach
    void connect() {
        ann = TicketClient.withToken(engine.systemUri(), "ann");
        bob = TicketClient.withToken(engine.systemUri(), "bob");
    }


    @Test
    void refusesATicketBeyondTheCredentialsLiveJobLimitUntilOneEnds() throws Exception {
        TicketClient.TicketStatus printing = bob.requestTicket("office", "bob@corp", "a", 50, 10, 1);
        bob.confirm(printing.jobId());
        TicketClient.TicketStatus incoming = bob.requestTicket("office", "bob@corp", "b", 50, -1, -1);
        assertThatThrownBy(() -> bob.requestTicket("office", "bob@corp", "c", 50, -1, -1))
                .isInstanceOf(TicketException.class)
                .satisfies(e -> {
                    assertThat(((TicketException) e).status()).isEqualTo(Status.serverErrorTooManyJobs);
                    assertThat(((TicketException) e).status().getCode()).isEqualTo(0x050B);
                });
        // Another credential is not limited by bob's count.
        for (int i = 0; i < 3; i++) {
            ann.requestTicket("office", "ann@corp", "ann " + i, 50, -1, -1);
        }

        // Counted across a restart: the stored tickets are still live.
        engine.restart();
        connect();
        assertRefused(Status.serverErrorTooManyJobs, () -> bob.requestTicket("office", "bob@corp", "c", 50, -1, -1));

        // A ticket that ends, by cancel or by printing, makes room.
        bob.cancel(incoming.jobId());
        TicketClient.TicketStatus third = bob.requestTicket("office", "bob@corp", "c", 50, -1, -1);
        assertRefused(Status.serverErrorTooManyJobs, () -> bob.requestTicket("office", "bob@corp", "d", 50, -1, -1));
        bob.report(printing.jobId(), JobState.completed, 1, List.of(), "");
        assertThat(bob.requestTicket("office", "bob@corp", "d", 50, -1, -1).jobId()).isGreaterThan(third.jobId());
    }
}
