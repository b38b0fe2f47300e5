package org.printgate.engine.alerts;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Properties;
import org.printgate.engine.config.AlertsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts by e-mail over SMTP (Jakarta Mail, Eclipse Angus): a plain-text message in words for
 * each alert raised and each alert cleared. STARTTLS and login when configured.
 * <p>
 * Messages wait in an {@link AlertOutbox} kept in the data directory (the webhook's kind), and
 * go out one at a time, in order, on a thread of this channel. A mail server that cannot be
 * reached (connection refused, timed out) is waited for with a doubling wait, across restarts;
 * one that answers with an error (a refused address, a failed login) gets {@link #ATTEMPTS}
 * tries per message, then the message is logged and dropped (the log and the webhook have it).
 */
final class MailChannel implements AlertChannel {
    private static final Logger log = LoggerFactory.getLogger(MailChannel.class);
    private static final String TIMEOUT_MILLIS = "10000";
    /** Tries per message when the server answers with an error; there is no key for it (the webhook's are its own). */
    static final int ATTEMPTS = 6;
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final AlertsConfig.SmtpConfig smtp;
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;
    private final AlertOutbox outbox;

    /** Mail through {@code smtp}, whose waiting messages are kept in {@code outboxFile}. */
    MailChannel(AlertsConfig.SmtpConfig smtp, Path outboxFile, AlertOutbox.RetryTimer retries) {
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
        // After the addresses are checked: a bad one stops the start without the file left open.
        this.outbox = new AlertOutbox("alert e-mail through " + smtp.host() + ":" + smtp.port(), "alert-mail", outboxFile,
                this::send, ATTEMPTS, FIRST_RETRY, AlertOutbox.CAPACITY, retries);
    }

    @Override
    public void firing(Alert alert) {
        offer(alert, "firing", "[Printgate] " + alert.kind().title() + " on " + alert.subject() + " (" + alert.severity().key() + ")");
    }

    @Override
    public void resolved(Alert alert) {
        offer(alert, "resolved", "[Printgate] resolved: " + alert.kind().title() + " on " + alert.subject());
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

    /** The message as its outbox keeps it: subject, sent date and text (each can be rebuilt after a restart). */
    private void offer(Alert alert, String status, String subject) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            AlertOutbox.writeBytes(out, subject.getBytes(StandardCharsets.UTF_8));
            out.writeLong((alert.isOpen() ? alert.raisedAt() : alert.clearedAt()).toEpochMilli());
            AlertOutbox.writeBytes(out, text(alert).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        outbox.offer(new AlertOutbox.Message(alert.key(), status, bytes.toByteArray()));
    }

    /** One attempt, on the outbox's thread. */
    private AlertOutbox.Attempt send(byte[] kept) {
        MimeMessage message = new MimeMessage(session);
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(kept));
            String subject = new String(AlertOutbox.readBytes(in), StandardCharsets.UTF_8);
            Date sent = new Date(in.readLong());
            String body = new String(AlertOutbox.readBytes(in), StandardCharsets.UTF_8);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, to);
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(body, StandardCharsets.UTF_8.name());
            message.setSentDate(sent);
        } catch (IOException | MessagingException e) {
            log.error("alert e-mail: a kept message cannot be read or built ({}); dropped", e.toString());
            return AlertOutbox.Attempt.refused(e.toString());
        }
        try {
            if (smtp.user() != null) {
                Transport.send(message, smtp.user(), smtp.password());
            } else {
                Transport.send(message);
            }
            return AlertOutbox.Attempt.delivered();
        } catch (MessagingException e) {
            return neverReached(e) ? AlertOutbox.Attempt.unreachable(e.toString()) : AlertOutbox.Attempt.failed(e.toString());
        }
    }

    /** Did the server never answer (refused, timed out, cut)? Angus Mail then has an I/O error among the causes. */
    private static boolean neverReached(MessagingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** Stops sending; what was not sent is kept for the next start. */
    @Override
    public void close() {
        outbox.close();
    }

    /** The waiting messages, for tests. */
    AlertOutbox outbox() {
        return outbox;
    }
}
