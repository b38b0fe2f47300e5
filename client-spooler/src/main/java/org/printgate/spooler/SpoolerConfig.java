package org.printgate.spooler;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.printgate.spooler.identity.IdentityPolicy;

/**
 * The spooler's settings (YAML, kebab-case keys). Every field has a default, so a spooler runs
 * with only {@code --engine}.
 *
 * @param engine the engine's system URI, e.g. {@code ipp://printgate.example:8632/ipp/system}
 * @param token the Bearer token this workstation authenticates to the engine with
 * @param domain the domain of local users' identities: OS user "alice" prints as alice@domain
 * @param host the address to listen on: loopback only, never another
 * @param port the local IPP port (-1: any free port, for tests)
 * @param spool where documents and the journal live
 * @param maxAttempts forwarding attempts per go-ahead before the job is given back (6-7)
 * @param retryWaitSeconds wait between two attempts (6-8)
 * @param queueRefreshSeconds how often the whole list of queues shown here is asked for again, as a
 *     safety net (one Get-Printers; default 300): changes come as the engine's events, and the list
 *     is asked for after every new subscription too
 * @param progressPollMillis how often a printing job's progress is asked of the printer
 * @param heartbeatSeconds heartbeat period while printing; 0 = a third of the engine's stall timeout
 * @param identity whose word is taken for who is printing, and who acts on every job
 */
public record SpoolerConfig(URI engine, String token, String domain, String host, int port, Path spool,
                            @JsonProperty("max-attempts") int maxAttempts,
                            @JsonProperty("retry-wait-seconds") int retryWaitSeconds,
                            @JsonProperty("queue-refresh-seconds") int queueRefreshSeconds,
                            @JsonProperty("progress-poll-millis") int progressPollMillis,
                            @JsonProperty("heartbeat-seconds") int heartbeatSeconds,
                            IdentityPolicy identity) {

    public SpoolerConfig {
        engine = engine == null ? URI.create("ipp://127.0.0.1:8632/ipp/system") : engine;
        token = token == null ? "demo-spooler-token" : token;
        domain = domain == null ? "demo" : domain;
        host = host == null ? "127.0.0.1" : host;
        port = port == 0 ? 8631 : port;
        spool = spool == null ? Path.of("var/spool") : spool;
        maxAttempts = maxAttempts == 0 ? 3 : maxAttempts;
        retryWaitSeconds = retryWaitSeconds == 0 ? 5 : retryWaitSeconds;
        queueRefreshSeconds = queueRefreshSeconds == 0 ? 300 : queueRefreshSeconds;
        progressPollMillis = progressPollMillis == 0 ? 1000 : progressPollMillis;
        identity = identity == null ? IdentityPolicy.defaults() : identity;
        if (!host.equals("127.0.0.1") && !host.equals("::1") && !host.equals("localhost")) {
            throw new IllegalArgumentException("the spooler listens on loopback only, not " + host);
        }
    }

    public static SpoolerConfig defaults() {
        return new SpoolerConfig(null, null, null, null, 0, null, 0, 0, 0, 0, 0, null);
    }

    public static SpoolerConfig load(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        return yaml.readValue(file.toFile(), SpoolerConfig.class);
    }

    public SpoolerConfig withEngine(URI uri) {
        return new SpoolerConfig(uri, token, domain, host, port, spool, maxAttempts, retryWaitSeconds,
                queueRefreshSeconds, progressPollMillis, heartbeatSeconds, identity);
    }

    public SpoolerConfig withPort(int newPort) {
        return new SpoolerConfig(engine, token, domain, host, newPort, spool, maxAttempts, retryWaitSeconds,
                queueRefreshSeconds, progressPollMillis, heartbeatSeconds, identity);
    }

    public SpoolerConfig withSpool(Path directory) {
        return new SpoolerConfig(engine, token, domain, host, port, directory, maxAttempts, retryWaitSeconds,
                queueRefreshSeconds, progressPollMillis, heartbeatSeconds, identity);
    }

    public SpoolerConfig withRetries(int attempts, int waitSeconds) {
        return new SpoolerConfig(engine, token, domain, host, port, spool, attempts, waitSeconds,
                queueRefreshSeconds, progressPollMillis, heartbeatSeconds, identity);
    }

    public Duration retryWait() {
        return Duration.ofSeconds(retryWaitSeconds);
    }

    /** The engine identity of a local user: "alice" → "alice@domain"; "bob@other" stays as it is. */
    public String identityOf(String localUser) {
        return localUser.contains("@") ? localUser : localUser + "@" + domain;
    }
}
