package org.printgate.engine.alerts;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.printgate.engine.config.AlertsConfig;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.probe.PrinterStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's alerts to operators (issue 17): the {@link AlertBoard}, the channels configured
 * under {@code alerts:} (the log always, a webhook, e-mail), and the sources — the printer
 * watch, the client software check, and the checks of stalled jobs and disk space, run on the
 * engine's scheduler every {@code alerts.check-seconds}. The webhook's and e-mail's messages not
 * sent yet are kept under the data directory ({@value #OUTBOX_DIRECTORY}) and sent after a restart.
 */
public final class OperatorAlerts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OperatorAlerts.class);
    /** Under the data directory: the messages of the webhook and e-mail not sent yet. */
    static final String OUTBOX_DIRECTORY = "alert-outbox";

    private final AlertBoard board;
    private final List<AlertChannel> channels;
    private final PrinterAlerts printers;
    private final JobStallCheck jobs;
    private final DiskSpaceCheck disk;
    private ScheduledFuture<?> checks;

    private OperatorAlerts(AlertsConfig config, Clock clock, TicketBook book, Path dataDirectory,
                           AlertOutbox.RetryTimer retries) {
        List<AlertChannel> configured = new ArrayList<>();
        configured.add(new LogChannel());
        URI webhook = config.webhook();
        // Messages not sent yet are kept here across restarts, a file per channel.
        Path outboxes = dataDirectory.resolve(OUTBOX_DIRECTORY);
        try {
            if (webhook != null) {
                String scheme = webhook.getScheme() == null ? "" : webhook.getScheme().toLowerCase(java.util.Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new IllegalArgumentException("alerts.webhook: need an http:// or https:// URL, got " + webhook);
                }
                configured.add(new WebhookChannel(webhook, config.webhookAttempts(),
                        Duration.ofMillis(config.webhookFirstRetryMs()), outboxes.resolve("webhook.db"), retries));
            }
            if (config.smtp() != null) {
                configured.add(new MailChannel(config.smtp(), outboxes.resolve("mail.db"), retries));
            }
        } catch (RuntimeException e) {
            // A later channel's bad configuration: the earlier ones' files must not stay locked.
            configured.forEach(AlertChannel::close);
            throw e;
        }
        this.channels = List.copyOf(configured);
        this.board = new AlertBoard(clock, channels);
        this.printers = new PrinterAlerts(board);
        this.jobs = new JobStallCheck(board, book, clock, Duration.ofMinutes(config.stallMinutes()),
                Duration.ofMinutes(config.waitMinutes()));
        this.disk = new DiskSpaceCheck(board, dataDirectory, config.diskFreePercent());
        log.info("alerts go to the log{}{}", webhook == null ? "" : ", " + webhook,
                config.smtp() == null ? "" : ", e-mail " + config.smtp());
    }

    /**
     * The alerts of an engine: {@code book} for its jobs, {@code dataDirectory} for its disk.
     * The periodic checks start with {@link #checkEvery}.
     */
    public static OperatorAlerts create(AlertsConfig config, Clock clock, TicketBook book, Path dataDirectory) {
        return new OperatorAlerts(config, clock, book, dataDirectory, AlertOutbox.RetryTimer.REAL);
    }

    /** As {@link #create(AlertsConfig, Clock, TicketBook, Path)}, with the channels' retries timed by {@code retries} (tests). */
    static OperatorAlerts create(AlertsConfig config, Clock clock, TicketBook book, Path dataDirectory,
                                 AlertOutbox.RetryTimer retries) {
        return new OperatorAlerts(config, clock, book, dataDirectory, retries);
    }

    /** The channels configured, the log first. */
    List<AlertChannel> channels() {
        return channels;
    }

    /** Runs {@link #check()} every {@code period} on {@code scheduler} (the engine's timer thread). */
    public synchronized void checkEvery(ScheduledExecutorService scheduler, Duration period) {
        if (checks != null) {
            checks.cancel(false);
        }
        checks = scheduler.scheduleWithFixedDelay(this::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The open alerts and their history, for the console. */
    public AlertBoard board() {
        return board;
    }

    /** The watch saw {@code queue}'s printer change. */
    public void printerChanged(String queue, PrinterStatus status) {
        printers.printerChanged(queue, status);
    }

    /** The queue was deleted: its printer's alerts clear. */
    public void queueDeleted(String queue) {
        printers.forget(queue);
    }

    /**
     * A client was refused for its software (3-11..3-13).
     *
     * @param client the credential it used (its workstation)
     * @param software what it runs, e.g. "application Printgate Spooler 0.1.0"
     * @param why what it must do, e.g. "must be upgraded to 0.2.0"
     */
    public void clientRefused(String client, String software, String why) {
        board.raise(AlertKind.CLIENT_TOO_OLD, client, Severity.WARNING, "client " + client + " runs " + software
                + ", which is refused: " + why + ". Its users cannot print until it is upgraded.", details(client, software));
    }

    private static Map<String, String> details(String client, String software) {
        Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("client", client);
        details.put("software", software);
        return details;
    }

    /** A client's software passed the check: an alert of it being too old clears. Cheap when none is open. */
    public void clientAccepted(String client) {
        if (board.isOpen(AlertKind.CLIENT_TOO_OLD, client)) {
            board.clear(AlertKind.CLIENT_TOO_OLD, client);
        }
    }

    /** Checks for stalled and long-waiting jobs and a disk near full, now. */
    public void check() {
        try {
            jobs.check();
        } catch (RuntimeException e) {
            log.error("the check of stalled jobs failed", e);
        }
        try {
            disk.check();
        } catch (RuntimeException e) {
            log.error("the check of the disk failed", e);
        }
    }

    @Override
    public synchronized void close() {
        if (checks != null) {
            checks.cancel(false);
        }
        channels.forEach(AlertChannel::close);
    }
}
