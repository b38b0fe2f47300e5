package org.printgate.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hp.jipp.model.ClientInfo;
import com.hp.jipp.model.ClientType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.config.EngineYaml;
import org.printgate.protocol.client.TicketClient;
import org.printgate.protocol.client.TicketException;
import org.printgate.testing.Await;
import org.printgate.testing.MutableClock;

/**
 * A whole engine stopped and started again on its data directory: the webhook's messages that
 * a receiver, down meanwhile, did not take are sent once it is up, once each and in order; and
 * the console's clients page still knows the clients seen before the stop.
 */
class EngineRestartKeepsAlertsAndClientsTest {
    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock();
    private Engine engine;
    private WebhookReceiver receiver;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static EngineConfig config(int webhookPort) throws IOException {
        return EngineYaml.onLoopback("""
                printers:
                  - {name: laser, device-uri: "socket://127.0.0.1:9"}
                credentials:
                  - {name: ws-ann, role: spooler, token-sha256: %s, identities: ["*@corp"]}
                client-policy: {minimum-version: "0.1.0"}
                alerts:
                  webhook: http://127.0.0.1:%d/alerts
                  webhook-first-retry-ms: 20
                  disk-free-percent: 0
                """.formatted(Authenticator.sha256Hex("t"), webhookPort));
    }

    private TicketClient oldClient() {
        return TicketClient.withToken(engine.systemUri(), "t")
                .describing(List.of(new ClientInfo("printgate-spooler", null, "0.0.9", ClientType.application, null)));
    }

    @Test
    void webhookMessagesAndClientsSeenOutliveARestart() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        engine = Engine.start(config(port), clock, data);
        TicketClient ann = oldClient();
        assertThatThrownBy(() -> ann.requestTicket("laser", "ann@corp", "a", 50, 10, 1)).isInstanceOf(TicketException.class);
        engine.close();

        clock.advance(Duration.ofMinutes(1));
        engine = Engine.start(config(port), clock, data);
        assertThat(engine.clientsSeen().all()).singleElement().satisfies(client -> {
            assertThat(client.credential()).isEqualTo("ws-ann");
            assertThat(client.software()).isEqualTo("printgate-spooler 0.0.9");
            assertThat(client.refused()).contains("must be upgraded to 0.1.0");
            assertThat(client.lastSeen()).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
        });
        // Still too old: raised again on the new board, but its firing message already waits.
        TicketClient stillOld = oldClient();
        assertThatThrownBy(() -> stillOld.requestTicket("laser", "ann@corp", "a", 50, 10, 1)).isInstanceOf(TicketException.class);

        receiver = new WebhookReceiver(0, port);
        TicketClient upgraded = TicketClient.withToken(engine.systemUri(), "t").describing(TicketClient.defaultClientInfo());
        upgraded.requestTicket("laser", "ann@corp", "a", 50, 10, 1);
        Await.until(() -> receiver.accepted().size() >= 2, "the kept firing and the recovery");
        Await.untilSteady(Duration.ofMillis(500), Duration.ofSeconds(10), () -> receiver.attempts().size());
        assertThat(receiver.statusAndKeys()).containsExactly("firing client-too-old:ws-ann", "resolved client-too-old:ws-ann");
        assertThat(receiver.accepted().get(0).get("raised-at").asText()).isEqualTo("2026-11-21T08:00:00Z");
        assertThat(engine.clientsSeen().all()).singleElement()
                .satisfies(client -> assertThat(client.refused()).isEmpty());
    }
}
