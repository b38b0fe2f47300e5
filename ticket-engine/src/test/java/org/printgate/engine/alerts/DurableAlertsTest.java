package org.printgate.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.config.AlertsConfig;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.engine.ticket.Timeouts;
import org.printgate.probe.PrinterStatus;
import org.printgate.testing.Await;
import org.printgate.testing.ManualScheduler;
import org.printgate.testing.MutableClock;
import org.slf4j.LoggerFactory;

/**
 * The webhook's and e-mail's messages wait for a receiver that is down, across a restart on the
 * same data directory, and arrive once each and in order when it comes up; the backlog is
 * bounded. Retries are timed by a {@link ManualScheduler}: the test moves them, nothing sleeps.
 */
class DurableAlertsTest {
    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock();
    private final TicketBook book = new TicketBook(clock, Timeouts.DEFAULTS);
    private OperatorAlerts alerts;
    private WebhookReceiver receiver;
    private GreenMail smtp;

    @AfterEach
    void stop() {
        if (alerts != null) {
            alerts.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private PrinterStatus status(String... reasons) {
        return PrinterStatus.of(List.of(reasons), "", 100, List.of(), List.of(), clock.instant());
    }

    /** A loopback port nothing listens on now (a receiver comes up there later). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private <T extends AlertChannel> T channel(Class<T> type) {
        return alerts.channels().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    @Test
    void webhookMessagesWaitForADownReceiverAcrossARestartAndArriveOnceInOrder() throws Exception {
        int port = freePort();
        AlertsConfig config = new AlertsConfig(URI.create("http://127.0.0.1:" + port + "/alerts"), 3, 20, null, 0,
                null, null, null);
        ManualScheduler first = new ManualScheduler(clock);
        alerts = OperatorAlerts.create(config, clock, book, data, first::schedule);
        alerts.printerChanged("laser", status("media-jam-error"));
        alerts.printerChanged("inkjet", status("toner-low-warning"));
        alerts.printerChanged("laser", status());
        Await.until(() -> first.waiting() == 1 && channel(WebhookChannel.class).outbox().size() == 3,
                "three messages waiting for a retry");
        // Tried again and again while the receiver is down: none of it counts against the attempts (3).
        for (int i = 0; i < 4; i++) {
            first.advance(AlertOutbox.LONGEST_WAIT);
            Await.until(() -> first.waiting() == 1, "the next retry");
        }
        assertThat(channel(WebhookChannel.class).outbox().size()).isEqualTo(3);
        alerts.close();

        // The engine starts again on the same data directory: its board is new, the watch sees the
        // toner still low (already waiting: dropped as a duplicate) and a printer out of paper.
        ManualScheduler second = new ManualScheduler(clock);
        alerts = OperatorAlerts.create(config, clock, book, data, second::schedule);
        alerts.printerChanged("inkjet", status("toner-low-warning"));
        alerts.printerChanged("copier", status("media-empty-error"));
        Await.until(() -> second.waiting() == 1 && channel(WebhookChannel.class).outbox().size() == 4,
                "the kept messages and the new one waiting for a retry");

        receiver = new WebhookReceiver(0, port);
        second.advance(AlertOutbox.LONGEST_WAIT);
        Await.until(() -> receiver.accepted().size() >= 4, "every message at the receiver");
        Await.untilSteady(Duration.ofMillis(300), Duration.ofSeconds(10), () -> receiver.attempts().size());
        assertThat(receiver.statusAndKeys()).containsExactly("firing paper-jam:laser", "firing toner-low:inkjet",
                "resolved paper-jam:laser", "firing out-of-paper:copier");
        assertThat(receiver.attempts()).hasSize(4);
        assertThat(receiver.accepted().get(0).get("raised-at").asText()).isEqualTo("2026-11-21T08:00:00Z");
        Await.until(() -> channel(WebhookChannel.class).outbox().size() == 0, "the outbox emptied");
        alerts.close();

        // Sent is sent: a third start has nothing to send.
        alerts = OperatorAlerts.create(config, clock, book, data, new ManualScheduler(clock)::schedule);
        Await.untilSteady(Duration.ofMillis(300), Duration.ofSeconds(10), () -> receiver.attempts().size());
        assertThat(receiver.attempts()).hasSize(4);
        assertThat(channel(WebhookChannel.class).outbox().size()).isZero();
    }

    @Test
    void anEmailWaitsForAnSmtpServerThatIsDownAtFirstAcrossARestart() throws Exception {
        int port = freePort();
        AlertsConfig.SmtpConfig mail = new AlertsConfig.SmtpConfig("127.0.0.1", port, "printgate@printgate.test",
                List.of("ops@printgate.test"), null, null, false);
        AlertsConfig config = new AlertsConfig(null, null, null, mail, 0, null, null, null);
        ManualScheduler first = new ManualScheduler(clock);
        alerts = OperatorAlerts.create(config, clock, book, data, first::schedule);
        alerts.clientRefused("ws-0042", "application printgate-spooler 0.0.9", "must be upgraded to 0.1.0");
        Await.until(() -> first.waiting() == 1, "a retry: the mail server is down");
        // Far more tries than MailChannel.ATTEMPTS: a server that is away is waited for.
        for (int i = 0; i < MailChannel.ATTEMPTS + 2; i++) {
            first.advance(AlertOutbox.LONGEST_WAIT);
            Await.until(() -> first.waiting() == 1, "the next retry");
        }
        alerts.close();

        ManualScheduler second = new ManualScheduler(clock);
        alerts = OperatorAlerts.create(config, clock, book, data, second::schedule);
        Await.until(() -> second.waiting() == 1, "the kept mail tried at the start and waiting for a retry");
        smtp = new GreenMail(ServerSetupTest.SMTP.port(port));
        smtp.start();
        second.advance(AlertOutbox.LONGEST_WAIT);
        Await.until(() -> smtp.getReceivedMessages().length >= 1, "the mail at the server");
        Await.untilSteady(Duration.ofMillis(300), Duration.ofSeconds(10), () -> smtp.getReceivedMessages().length);
        assertThat(smtp.getReceivedMessages()).singleElement().satisfies(message -> {
            assertThat(message.getSubject()).isEqualTo("[Printgate] client too old on ws-0042 (warning)");
            assertThat(message.getSentDate().toInstant()).isEqualTo(java.time.Instant.parse("2026-11-21T08:00:00Z"));
            assertThat(GreenMailUtil.getBody(message)).contains("Key: client-too-old:ws-0042");
        });
        Await.until(() -> channel(MailChannel.class).outbox().size() == 0, "the outbox emptied");
    }

    @Test
    void aFullBacklogDropsTheOldestLogsItOnceAndKeepsTheRestAcrossARestart() {
        Logger outboxLog = (Logger) LoggerFactory.getLogger(AlertOutbox.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        outboxLog.addAppender(logged);
        AtomicBoolean up = new AtomicBoolean(false);
        List<String> delivered = new CopyOnWriteArrayList<>();
        AlertOutbox.Courier courier = payload -> {
            if (!up.get()) {
                return AlertOutbox.Attempt.unreachable("connection refused");
            }
            delivered.add(new String(payload, StandardCharsets.UTF_8));
            return AlertOutbox.Attempt.delivered();
        };
        Path file = data.resolve("outbox.db");
        ManualScheduler first = new ManualScheduler(clock);
        AlertOutbox outbox = new AlertOutbox("test outbox", "test-outbox", file, courier, 3, Duration.ofSeconds(1), 3,
                first::schedule);
        try {
            for (int i = 1; i <= 6; i++) {
                outbox.offer(new AlertOutbox.Message("kind:printer-" + i, "firing", ("message " + i).getBytes(StandardCharsets.UTF_8)));
            }
            Await.until(() -> first.waiting() == 1 && outbox.size() == 3, "three kept, waiting for a retry");
            assertThat(outbox.dropped()).isEqualTo(3);
            assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN)
                    .filteredOn(e -> e.getFormattedMessage().contains("the oldest are dropped")).hasSize(1);
        } finally {
            outbox.close();
            outboxLog.detachAppender(logged);
        }

        up.set(true);
        AlertOutbox again = new AlertOutbox("test outbox", "test-outbox", file, courier, 3, Duration.ofSeconds(1), 3,
                new ManualScheduler(clock)::schedule);
        try {
            Await.until(() -> delivered.size() >= 3, "the kept messages");
            Await.until(() -> again.size() == 0, "the outbox emptied");
            assertThat(delivered).containsExactly("message 4", "message 5", "message 6");
        } finally {
            again.close();
        }
    }
}
