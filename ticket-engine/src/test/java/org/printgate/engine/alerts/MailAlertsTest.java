package org.printgate.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.config.AlertsConfig;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.engine.ticket.Timeouts;
import org.printgate.testing.Await;
import org.printgate.testing.MutableClock;

/** Alerts by e-mail, through a real SMTP server (GreenMail) that wants a login. */
class MailAlertsTest {
    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock();
    private GreenMail smtp;
    private OperatorAlerts alerts;

    @BeforeEach
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        smtp.setUser("printgate@printgate.test", "printgate", "s3cret");
        AlertsConfig.SmtpConfig mail = new AlertsConfig.SmtpConfig("127.0.0.1", smtp.getSmtp().getPort(),
                "printgate@printgate.test", List.of("ops@printgate.test", "night@printgate.test"), "printgate", "s3cret", false);
        alerts = OperatorAlerts.create(new AlertsConfig(null, null, null, mail, 0, null, null, null), clock,
                new TicketBook(clock, Timeouts.DEFAULTS), data);
    }

    @AfterEach
    void stop() {
        alerts.close();
        smtp.stop();
    }

    @Test
    void mailsEachOperatorOnceWhenAClientIsRefusedAndOnceWhenItIsBack() throws Exception {
        alerts.clientRefused("ws-0042", "application printgate-spooler 0.0.9", "must be upgraded to 0.1.0");
        alerts.clientRefused("ws-0042", "application printgate-spooler 0.0.9", "must be upgraded to 0.1.0");
        Await.until(() -> smtp.getReceivedMessages().length >= 2, "the alert to both operators");
        MimeMessage firing = smtp.getReceivedMessages()[0];
        assertThat(firing.getSubject()).isEqualTo("[Printgate] client too old on ws-0042 (warning)");
        assertThat(firing.getFrom()[0]).hasToString("printgate@printgate.test");
        assertThat(GreenMailUtil.getBody(firing)).contains(
                "client ws-0042 runs application printgate-spooler 0.0.9, which is refused: must be upgraded to 0.1.0",
                "Raised:   2026-11-21T08:00:00Z", "Key: client-too-old:ws-0042");

        alerts.clientAccepted("ws-0042");
        alerts.clientAccepted("ws-0042");
        Await.until(() -> smtp.getReceivedMessages().length >= 4, "the recovery to both operators");
        MimeMessage resolved = smtp.getReceivedMessages()[3];
        assertThat(resolved.getSubject()).isEqualTo("[Printgate] resolved: client too old on ws-0042");
        assertThat(GreenMailUtil.getBody(resolved)).contains("Cleared: client too old on ws-0042");
        Await.untilSteady(java.time.Duration.ofMillis(300), java.time.Duration.ofSeconds(10),
                () -> smtp.getReceivedMessages().length);
        // One message to two operators, each a copy: two mails per alert, never more.
        assertThat(smtp.getReceivedMessages()).hasSize(4).extracting(m -> m.getAllRecipients().length).containsOnly(2);
    }
}
