package org.printgate.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hp.jipp.model.ClientInfo;
import com.hp.jipp.model.ClientType;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineYaml;
import org.printgate.protocol.client.TicketClient;
import org.printgate.protocol.client.TicketException;
import org.printgate.sim.Simulator;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.FaultSpec;
import org.printgate.sim.profile.FaultType;
import org.printgate.sim.profile.Profile;
import org.printgate.testing.Await;

/**
 * The engine's alerts, configured under {@code alerts:}, from a real (simulated) printer seen by
 * the real printer watch and from a real client too old, to a webhook and an SMTP server.
 */
class EngineAlertsTest {
    @TempDir
    Path data;
    private Simulator simulator;
    private WebhookReceiver webhook;
    private GreenMail smtp;
    private Engine engine;

    @BeforeEach
    void start() throws Exception {
        simulator = Simulator.start(Profile.demo().onFreePorts(), null);
        webhook = new WebhookReceiver(1);
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        SimPrinter laser = simulator.printer("laser-ps").orElseThrow();
        String yaml = """
                printers:
                  - name: laser
                    device-uri: socket://127.0.0.1:%d
                    snmp-uri: snmp://public@127.0.0.1:%d
                credentials:
                  - {name: ws-ann, role: spooler, token-sha256: %s, identities: ["*@corp"]}
                watch: {up-interval: 1, down-interval: 1, check-timeout: 1}
                client-policy: {minimum-version: "0.1.0"}
                alerts:
                  webhook: %s
                  webhook-first-retry-ms: 20
                  smtp: {host: 127.0.0.1, port: %d, from: printgate@printgate.test, to: [ops@printgate.test]}
                  disk-free-percent: 0
                """.formatted(simulator.rawPort(laser), simulator.snmpPort(laser), Authenticator.sha256Hex("t"),
                webhook.uri(), smtp.getSmtp().getPort());
        engine = Engine.start(EngineYaml.onLoopback(yaml), Clock.systemUTC(), data);
    }

    @AfterEach
    void stop() {
        engine.close();
        simulator.close();
        webhook.close();
        smtp.stop();
    }

    @Test
    void aPaperJamIsToldOnceByWebhookAndMailAndItsClearingOnce() throws Exception {
        Await.until(() -> engine.watch().status("laser").isPresent(), "the first check of the printer");
        simulator.printer("laser-ps").orElseThrow().hardware().apply(FaultSpec.of(FaultType.JAM));
        Await.until(() -> webhook.statusAndKeys().contains("firing paper-jam:laser"), "the jam at the webhook");
        assertThat(engine.alerts().board().open()).extracting(Alert::key).containsExactly("paper-jam:laser");

        simulator.printer("laser-ps").orElseThrow().hardware().clear(FaultType.JAM);
        Await.until(() -> webhook.statusAndKeys().contains("resolved paper-jam:laser"), "the recovery at the webhook");
        Await.until(() -> smtp.getReceivedMessages().length >= 2, "the jam and its recovery by mail");
        Await.untilSteady(Duration.ofMillis(500), Duration.ofSeconds(10), () -> webhook.attempts().size());
        assertThat(webhook.statusAndKeys()).containsExactly("firing paper-jam:laser", "resolved paper-jam:laser");
        assertThat(smtp.getReceivedMessages()).extracting(m -> m.getSubject()).containsExactly(
                "[Printgate] paper jam on laser (critical)", "[Printgate] resolved: paper jam on laser");
        assertThat(engine.alerts().board().open()).isEmpty();
    }

    @Test
    void aClientTooOldIsNamedAndClearsWhenItComesBackUpgraded() throws Exception {
        TicketClient ann = TicketClient.withToken(engine.systemUri(), "t");
        ann.describing(List.of(new ClientInfo("printgate-spooler", null, "0.0.9", ClientType.application, null)));
        assertThatThrownBy(() -> ann.requestTicket("laser", "ann@corp", "a", 50, 10, 1)).isInstanceOf(TicketException.class);
        assertThatThrownBy(() -> ann.requestTicket("laser", "ann@corp", "a", 50, 10, 1)).isInstanceOf(TicketException.class);
        assertThat(engine.alerts().board().open()).singleElement().satisfies(alert -> {
            assertThat(alert.key()).isEqualTo("client-too-old:ws-ann");
            assertThat(alert.message()).contains("printgate-spooler 0.0.9", "must be upgraded to 0.1.0");
        });

        ann.describing(TicketClient.defaultClientInfo());
        ann.requestTicket("laser", "ann@corp", "a", 50, 10, 1);
        assertThat(engine.alerts().board().open()).isEmpty();
        Await.until(() -> webhook.accepted().size() >= 2, "firing and resolved");
        assertThat(webhook.statusAndKeys()).containsExactly("firing client-too-old:ws-ann", "resolved client-too-old:ws-ann");
    }
}
