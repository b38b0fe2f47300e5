package org.printgate.engine.ipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.printgate.engine.ipp.Refusals.assertRefused;

import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.config.EngineYaml;
import org.printgate.engine.ticket.TicketState;
import org.printgate.engine.ticket.Timeouts;
import org.printgate.protocol.PrintgateTypes;
import org.printgate.protocol.client.TicketClient;
import org.printgate.testing.MutableClock;

/**
 * §10 incoming: a ticket whose details never come (its client went away after Create-Job) ends
 * aborted after the configured time, on the engine's clock, and stops counting against the
 * holder's max-live-jobs (§6.3 check 9). Over real HTTP.
 */
class IncomingTicketExpiryTest {
    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock();
    private Engine engine;
    private TicketClient bob;

    static EngineConfig config(String timeouts) throws Exception {
        return EngineYaml.onLoopback("""
                printers:
                  - {name: office, device-uri: "socket://127.0.0.1:9", max-jobs: 1}
                credentials:
                  - {name: ws-bob, role: spooler, token-sha256: %s, identities: ["bob@corp"], max-live-jobs: 1}
                """.formatted(Authenticator.sha256Hex("bob")) + timeouts);
    }

    @BeforeEach
    void start() throws Exception {
        engine = Engine.start(config("timeouts: {incoming: 600}\n"), clock, data);
        bob = TicketClient.withToken(engine.systemUri(), "bob");
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void abortsAnIncomingTicketAfterTheConfiguredTimeAndFreesItsPlace() throws Exception {
        // A lease longer than the wait, so that the subscription outlives it.
        int subscription = bob.subscription(0).id();
        TicketClient.TicketStatus incoming = bob.requestTicket("office", "bob@corp", "never sent", 50, -1, -1);
        assertRefused(Status.serverErrorTooManyJobs, () -> bob.requestTicket("office", "bob@corp", "second", 50, -1, -1));

        clock.advance(Duration.ofSeconds(599));
        engine.tick();
        assertThat(engine.book().ticket(incoming.jobId()).orElseThrow().state()).isEqualTo(TicketState.INCOMING);

        clock.advance(Duration.ofSeconds(1));
        engine.tick();
        var ticket = engine.book().ticket(incoming.jobId()).orElseThrow();
        assertThat(ticket.state()).isEqualTo(TicketState.FAILED);
        assertThat(ticket.reasons()).contains("aborted-by-system", PrintgateTypes.incomingExpired);
        assertThat(bob.job(incoming.jobId()).getValue(Types.jobState)).isEqualTo(JobState.aborted);

        // The holder is told, with why (§7), and may hold a ticket again.
        List<TicketClient.Notification> events = bob.poll(subscription, 1, false);
        assertThat(events).anySatisfy(event -> {
            assertThat(event.jobId()).isEqualTo(incoming.jobId());
            assertThat(event.state()).isEqualTo(JobState.aborted);
            assertThat(event.reasons()).contains(PrintgateTypes.incomingExpired);
            assertThat(event.message()).contains("600 s");
        });
        assertThat(engine.book().liveCount("ws-bob")).isZero();
        assertThat(bob.requestTicket("office", "bob@corp", "second", 50, -1, -1).jobId()).isGreaterThan(incoming.jobId());
    }

    @Test
    void aTicketWhoseDetailsCameDoesNotExpire() throws Exception {
        TicketClient.TicketStatus ticket = bob.requestTicket("office", "bob@corp", "sent", 50, -1, -1);
        clock.advance(Duration.ofSeconds(300));
        bob.details(ticket.jobId(), 10, 1);

        clock.advance(Duration.ofSeconds(301));
        engine.tick();
        assertThat(engine.book().ticket(ticket.jobId()).orElseThrow().reasons()).doesNotContain(PrintgateTypes.incomingExpired);
        assertThat(engine.book().liveCount("ws-bob")).isEqualTo(1);
    }

    @Test
    void waitsFifteenMinutesByDefault() throws Exception {
        engine.close();
        engine = Engine.start(config(""), clock, data.resolve("default"));
        bob = TicketClient.withToken(engine.systemUri(), "bob");
        assertThat(Timeouts.DEFAULTS.incoming()).isEqualTo(Duration.ofSeconds(900));

        TicketClient.TicketStatus incoming = bob.requestTicket("office", "bob@corp", "never sent", 50, -1, -1);
        clock.advance(Duration.ofSeconds(899));
        engine.tick();
        assertThat(engine.book().ticket(incoming.jobId()).orElseThrow().state()).isEqualTo(TicketState.INCOMING);
        clock.advance(Duration.ofSeconds(1));
        engine.tick();
        assertThat(engine.book().ticket(incoming.jobId()).orElseThrow().state()).isEqualTo(TicketState.FAILED);
    }
}
