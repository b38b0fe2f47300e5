package org.printgate.engine.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.printgate.engine.auth.Role;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Timeouts;

/**
 * The engine's configuration file (YAML): where it listens, where it keeps its data, its
 * printers, who may talk to it, and its timers. See {@code engine-demo.yaml} for every key.
 */
public record EngineConfig(String host, Integer port, String data, List<PrinterConfig> printers,
                           List<CredentialConfig> credentials, TimeoutsConfig timeouts, ClientPolicy clientPolicy,
                           WatchConfig watch, TlsConfig tls, DeploymentPolicy deployment, AlertsConfig alerts,
                           AccountingConfig accounting, MetricsConfig metrics) {

    public EngineConfig {
        host = host == null ? "0.0.0.0" : host;
        port = port == null ? 8632 : port;
        data = data == null ? "var/engine" : data;
        printers = printers == null ? List.of() : List.copyOf(printers);
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
        timeouts = timeouts == null ? new TimeoutsConfig(null, null, null, null, null, null, null, null) : timeouts;
        clientPolicy = clientPolicy == null ? ClientPolicy.NONE : clientPolicy;
        watch = watch == null ? new WatchConfig(null, null, null, null) : watch;
        deployment = deployment == null ? DeploymentPolicy.SHOW_ALL : deployment;
        // watch.alert-webhook came first; it still works when alerts: names no webhook.
        alerts = (alerts == null ? AlertsConfig.NONE : alerts).withWebhookFallback(watch.alertWebhook());
        accounting = accounting == null ? AccountingConfig.DEFAULTS : accounting;
        metrics = metrics == null ? MetricsConfig.DEFAULTS : metrics;
    }

    /** A configuration without a metrics block (as before there was one): the defaults. */
    public EngineConfig(String host, Integer port, String data, List<PrinterConfig> printers,
                        List<CredentialConfig> credentials, TimeoutsConfig timeouts, ClientPolicy clientPolicy,
                        WatchConfig watch, TlsConfig tls, DeploymentPolicy deployment, AlertsConfig alerts,
                        AccountingConfig accounting) {
        this(host, port, data, printers, credentials, timeouts, clientPolicy, watch, tls, deployment, alerts, accounting, null);
    }

    /** A configuration without an accounting block (as before there was one): the defaults. */
    public EngineConfig(String host, Integer port, String data, List<PrinterConfig> printers,
                        List<CredentialConfig> credentials, TimeoutsConfig timeouts, ClientPolicy clientPolicy,
                        WatchConfig watch, TlsConfig tls, DeploymentPolicy deployment, AlertsConfig alerts) {
        this(host, port, data, printers, credentials, timeouts, clientPolicy, watch, tls, deployment, alerts, null);
    }

    /** A configuration without an alerts block (as before there was one). */
    public EngineConfig(String host, Integer port, String data, List<PrinterConfig> printers,
                        List<CredentialConfig> credentials, TimeoutsConfig timeouts, ClientPolicy clientPolicy,
                        WatchConfig watch, TlsConfig tls, DeploymentPolicy deployment) {
        this(host, port, data, printers, credentials, timeouts, clientPolicy, watch, tls, deployment, null);
    }

    /**
     * TLS for the engine's port (docs/ticket-protocol.md §2.2): when given, the port speaks only
     * TLS and every URI the engine hands out is ipps://.
     *
     * @param keystore a PKCS#12 file with the engine's key and certificate chain
     * @param password the keystore's password
     */
    public record TlsConfig(String keystore, String password) {
        public javax.net.ssl.SSLContext toSslContext() {
            try (InputStream in = Files.newInputStream(Path.of(keystore))) {
                java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
                char[] secret = password == null ? new char[0] : password.toCharArray();
                store.load(in, secret);
                javax.net.ssl.KeyManagerFactory keys =
                        javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, secret);
                javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
                context.init(keys.getKeyManagers(), null, null);
                return context;
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("cannot load the TLS keystore " + keystore + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The printer watch (docs/ticket-protocol.md §5): check intervals in seconds, and where
     * operators are alerted when a printer stops (7-2).
     */
    public record WatchConfig(Integer upInterval, Integer downInterval, Integer checkTimeout, URI alertWebhook) {
        public org.printgate.engine.watch.WatchTimers toTimers() {
            var d = org.printgate.engine.watch.WatchTimers.DEFAULTS;
            return new org.printgate.engine.watch.WatchTimers(
                    upInterval == null ? d.upInterval() : Duration.ofSeconds(upInterval),
                    downInterval == null ? d.downInterval() : Duration.ofSeconds(downInterval),
                    checkTimeout == null ? d.checkTimeout() : Duration.ofSeconds(checkTimeout));
        }
    }

    /** The same configuration on another port. */
    public EngineConfig withPort(int newPort) {
        return new EngineConfig(host, newPort, data, printers, credentials, timeouts, clientPolicy, watch, tls, deployment, alerts, accounting,
                metrics);
    }

    /**
     * A printer and its queue.
     *
     * @param deviceUri ipp://, ipps:// or socket:// — the scheme is the mechanism clients use
     * @param snmpUri snmp://community@host:port, or absent
     * @param maxJobs concurrent go-aheads (default 1 for socket, 2 for ipp)
     * @param maxKOctets KiB in flight, 0 = no limit
     * @param allowedUsers user@domain, *@domain or * (default *)
     * @param capabilities for a socket:// device, which cannot be asked: what it can do, keyed by
     *                     IPP attribute name (see {@link org.printgate.engine.device.DeviceCapabilities});
     *                     read at every start, absent = a monochrome one-sided PostScript/PDF A4/Letter printer
     * @param groups deployment groups the queue is in ({@link DeploymentPolicy}: which workstations show it);
     *               read at every start, like capabilities
     */
    public record PrinterConfig(String name, URI deviceUri, URI snmpUri, Integer maxJobs, Long maxKOctets,
                                List<String> allowedUsers, String location, java.util.Map<String, Object> capabilities,
                                List<String> groups) {
        public PrinterConfig {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        public QueueConfig toQueue() {
            int jobs = maxJobs != null ? maxJobs : "socket".equalsIgnoreCase(deviceUri.getScheme()) ? 1 : 2;
            return new QueueConfig(name, deviceUri, snmpUri, jobs, maxKOctets == null ? 0 : maxKOctets, allowedUsers, location);
        }
    }

    /**
     * Someone who may talk to the engine. Secrets are given as digests, never in clear: tokens as
     * SHA-256 (hex), passwords as PBKDF2 (or, weakly, SHA-256).
     *
     * @param tokenSha256 for Bearer tokens (spoolers)
     * @param passwordSha256 for Basic passwords (people, tools), the fast hash (weak, warned at start); the user is {@code name}
     * @param identities user@domain patterns this credential may act for
     * @param maxLiveJobs tickets it may hold that have not ended (§6.3 check 9); default 10,000
     * @param passwordPbkdf2 for Basic passwords, the slow hash
     *                       {@code pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64} ({@code printgate engine --hash-password});
     *                       preferred to {@code passwordSha256}, which is accepted with a warning
     * @param queue for role {@code device} only: the queue of the printer that holds it (docs/firmware.md §1)
     * @param outputDeviceUuid for role {@code device} only: that printer's {@code printer-uuid}, {@code urn:uuid:…}
     */
    public record CredentialConfig(String name, Role role, String tokenSha256, String passwordSha256,
                                   List<String> identities, Integer maxLiveJobs, String passwordPbkdf2,
                                   String queue, String outputDeviceUuid) {
        public CredentialConfig {
            identities = identities == null ? List.of() : List.copyOf(identities);
        }
    }

    /**
     * Timers in seconds (docs/ticket-protocol.md §10); absent keys keep their defaults.
     * {@code incoming}: how long a ticket may wait for its details before it is aborted (default 900).
     */
    public record TimeoutsConfig(Integer confirm, Integer stall, Integer fail, Integer pollHold, Integer maxAttempts,
                                 Integer subscriptionLease, Integer subscriptionLeaseMax, Integer incoming) {
        public Timeouts toTimeouts() {
            Timeouts d = Timeouts.DEFAULTS;
            return new Timeouts(
                    confirm == null ? d.confirm() : Duration.ofSeconds(confirm),
                    stall == null ? d.stall() : Duration.ofSeconds(stall),
                    fail == null ? d.fail() : Duration.ofSeconds(fail),
                    pollHold == null ? d.pollHold() : Duration.ofSeconds(pollHold),
                    maxAttempts == null ? d.maxAttempts() : maxAttempts,
                    subscriptionLease == null ? d.subscriptionLease() : Duration.ofSeconds(subscriptionLease),
                    subscriptionLeaseMax == null ? d.subscriptionLeaseMax() : Duration.ofSeconds(subscriptionLeaseMax),
                    incoming == null ? d.incoming() : Duration.ofSeconds(incoming));
        }
    }

    public static EngineConfig load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static EngineConfig read(InputStream in) throws IOException {
        return MAPPER.readValue(in, EngineConfig.class);
    }

    /** The demo configuration shipped in the jar. */
    public static EngineConfig demo() {
        try (InputStream in = EngineConfig.class.getResourceAsStream("/engine-demo.yaml")) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
}
