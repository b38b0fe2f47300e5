package org.printgate.engine.config;

import java.net.URI;
import java.util.List;

/**
 * Where operators hear of trouble, and when a condition is trouble (the {@code alerts:} block;
 * {@link org.printgate.engine.alerts.OperatorAlerts}). Every key may be left out: the log
 * always gets the alerts, the webhook and e-mail only when configured.
 *
 * @param webhook a JSON POST per alert raised and per alert cleared; {@code watch.alert-webhook}
 *                is read here too when this is absent (the key it replaced)
 * @param webhookAttempts tries per message before it is given up (default 6)
 * @param webhookFirstRetryMs wait before the first retry, doubled at each one after (default 1000)
 * @param smtp e-mail, absent for none
 * @param diskFreePercent the data directory's disk is "near full" below this share of free space (default 10)
 * @param stallMinutes a job holding a go-ahead with no page done for this long is stalled (default 10)
 * @param waitMinutes a job waiting its turn this long is worth telling (default 60)
 * @param checkSeconds how often stalls, waits and the disk are checked (default 60)
 */
public record AlertsConfig(URI webhook, Integer webhookAttempts, Integer webhookFirstRetryMs, SmtpConfig smtp,
                           Integer diskFreePercent, Integer stallMinutes, Integer waitMinutes, Integer checkSeconds) {
    public static final AlertsConfig NONE = new AlertsConfig(null, null, null, null, null, null, null, null);

    public AlertsConfig {
        webhookAttempts = positive("alerts.webhook-attempts", webhookAttempts, 6);
        webhookFirstRetryMs = positive("alerts.webhook-first-retry-ms", webhookFirstRetryMs, 1000);
        diskFreePercent = diskFreePercent == null ? 10 : diskFreePercent;
        if (diskFreePercent < 0 || diskFreePercent > 100) {
            throw new IllegalArgumentException("alerts.disk-free-percent: need 0 to 100, got " + diskFreePercent);
        }
        stallMinutes = positive("alerts.stall-minutes", stallMinutes, 10);
        waitMinutes = positive("alerts.wait-minutes", waitMinutes, 60);
        checkSeconds = positive("alerts.check-seconds", checkSeconds, 60);
    }

    /** This configuration, with {@code fallback} as its webhook if it names none (the old {@code watch.alert-webhook}). */
    public AlertsConfig withWebhookFallback(URI fallback) {
        return webhook != null || fallback == null ? this : new AlertsConfig(fallback, webhookAttempts,
                webhookFirstRetryMs, smtp, diskFreePercent, stallMinutes, waitMinutes, checkSeconds);
    }

    private static int positive(String key, Integer value, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (value <= 0) {
            throw new IllegalArgumentException(key + ": need a number above 0, got " + value);
        }
        return value;
    }

    /**
     * An SMTP server to send alerts through.
     *
     * @param host the server's name or address
     * @param port default 587 with STARTTLS, else 25
     * @param from the sender address
     * @param to the operators' addresses, at least one
     * @param user login name, absent for no login
     * @param password login password
     * @param starttls require STARTTLS before anything else is sent (default false)
     */
    public record SmtpConfig(String host, Integer port, String from, List<String> to, String user, String password,
                             Boolean starttls) {
        public SmtpConfig {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("alerts.smtp.host: the mail server is required");
            }
            if (from == null || from.isBlank()) {
                throw new IllegalArgumentException("alerts.smtp.from: a sender address is required");
            }
            to = to == null ? List.of() : List.copyOf(to);
            if (to.isEmpty()) {
                throw new IllegalArgumentException("alerts.smtp.to: at least one address is required");
            }
            if (user != null && password == null) {
                throw new IllegalArgumentException("alerts.smtp.password: required with alerts.smtp.user");
            }
            starttls = starttls != null && starttls;
            port = port == null ? (starttls ? 587 : 25) : port;
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("alerts.smtp.port: need 1 to 65535, got " + port);
            }
        }

        /** The password is never logged. */
        @Override
        public String toString() {
            return "SmtpConfig[" + host + ":" + port + ", from " + from + " to " + to
                    + (user == null ? "" : ", as " + user) + (starttls ? ", STARTTLS" : "") + "]";
        }
    }
}
