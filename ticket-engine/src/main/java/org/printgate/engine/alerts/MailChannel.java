package org.printgate.engine.alerts;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.printgate.engine.config.AlertsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts by e-mail over SMTP (Jakarta Mail, Eclipse Angus): a plain-text message in words for
 * each alert raised and each alert cleared. STARTTLS and login when configured. Sent one at a
 * time on a thread of this channel; a message the server does not take is logged and dropped
 * (the log and the webhook still have it).
 */
final class MailChannel implements AlertChannel {
    private static final Logger log = LoggerFactory.getLogger(MailChannel.class);
    private static final String TIMEOUT_MILLIS = "10000";

    private final AlertsConfig.SmtpConfig smtp;
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;
    private final ExecutorService sender;

    MailChannel(AlertsConfig.SmtpConfig smtp) {
        this.smtp = smtp;
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        // A mail server that does not answer must not hold the channel's thread for ever.
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        if (smtp.starttls()) {
            // Required, not just enabled: a password must never cross in clear because a server dropped STARTTLS.
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
            properties.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        properties.put("mail.smtp.auth", String.valueOf(smtp.user() != null));
        this.session = Session.getInstance(properties);
        try {
            this.from = new InternetAddress(smtp.from(), true);
            this.to = new InternetAddress[smtp.to().size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(smtp.to().get(i), true);
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException("alerts.smtp: not an e-mail address: " + e.getRef(), e);
        }
        this.sender = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "alert-mail");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void firing(Alert alert) {
        send(alert, "[Printgate] " + alert.kind().title() + " on " + alert.subject() + " (" + alert.severity().key() + ")");
    }

    @Override
    public void resolved(Alert alert) {
        send(alert, "[Printgate] resolved: " + alert.kind().title() + " on " + alert.subject());
    }

    /** The body: the message first, then the facts, each on its own line. */
    static String text(Alert alert) {
        StringBuilder text = new StringBuilder();
        if (alert.isOpen()) {
            text.append(alert.message()).append("\n\n");
        } else {
            text.append("Cleared: ").append(alert.kind().title()).append(" on ").append(alert.subject())
                    .append(". It was: ").append(alert.message()).append("\n\n");
        }
        text.append("What:     ").append(alert.kind().title()).append('\n');
        text.append("Where:    ").append(alert.subject()).append('\n');
        text.append("Severity: ").append(alert.severity().key()).append('\n');
        text.append("Raised:   ").append(DateTimeFormatter.ISO_INSTANT.format(alert.raisedAt())).append('\n');
        if (!alert.isOpen()) {
            text.append("Cleared:  ").append(DateTimeFormatter.ISO_INSTANT.format(alert.clearedAt())).append('\n');
        }
        alert.details().forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        text.append("\nKey: ").append(alert.key()).append('\n');
        return text.toString();
    }

    private void send(Alert alert, String subject) {
        String body = text(alert);
        try {
            sender.execute(() -> {
                try {
                    MimeMessage message = new MimeMessage(session);
                    message.setFrom(from);
                    message.setRecipients(Message.RecipientType.TO, to);
                    message.setSubject(subject, StandardCharsets.UTF_8.name());
                    message.setText(body, StandardCharsets.UTF_8.name());
                    message.setSentDate(Date.from(alert.isOpen() ? alert.raisedAt() : alert.clearedAt()));
                    if (smtp.user() != null) {
                        Transport.send(message, smtp.user(), smtp.password());
                    } else {
                        Transport.send(message);
                    }
                } catch (MessagingException e) {
                    log.error("alert e-mail for {} through {}:{} failed: {}", alert.key(), smtp.host(), smtp.port(),
                            e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("alert e-mail closed; {} not sent", alert.key());
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
