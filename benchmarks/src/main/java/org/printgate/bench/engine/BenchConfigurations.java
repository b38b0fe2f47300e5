package org.printgate.bench.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;

/**
 * The engine configurations the bench runs, written as the YAML an operator would write
 * (engine-demo.yaml), so they go through the same reader. The engine listens on loopback, port 0.
 */
final class BenchConfigurations {
    /**
     * The device of the byte-count queue: §13.1 assumes ipp://printer.example:631/ipp/print; a raw port
     * instead (4 characters shorter), because the printer watch would find no printer there and
     * stop the queue, while a socket:// device without SNMP is not watched.
     */
    static final String WIRE_DEVICE = "socket://127.0.0.1:9100";
    /** The byte-count client: queue and user as §13.1 assumes them; a 22-character token. */
    static final String WIRE_QUEUE = "q1";
    static final String WIRE_USER = "alice@corp";
    static final String WIRE_TOKEN = "wire-token-0123456789a";
    static final String PROBE_TOKEN = "bench-probe-token";

    private BenchConfigurations() {}

    static String token(int client) {
        return "bench-token-" + client;
    }

    static String user(int client) {
        return "user-%04d@bench".formatted(client);
    }

    static String lifecycleQueue(int index) {
        return "life-%03d".formatted(index);
    }

    static String saturatedQueue(int index) {
        return "wait-%03d".formatted(index);
    }

    /**
     * The load engine: a credential per client, {@code lifecycleQueues} queues of
     * {@code maxJobs} for throughput, {@code saturatedQueues} queues of one job for the
     * go-ahead latency, and the byte-count queue.
     */
    static EngineConfig load(int clients, int lifecycleQueues, int maxJobs, int saturatedQueues) {
        StringBuilder yaml = new StringBuilder("host: 127.0.0.1\nport: 0\nprinters:\n");
        // Raw-port printers without SNMP: the printer watch keeps them without checking them.
        for (int q = 0; q < lifecycleQueues; q++) {
            yaml.append("  - {name: %s, device-uri: \"socket://127.0.0.1:9100\", max-jobs: %d}\n"
                    .formatted(lifecycleQueue(q), maxJobs));
        }
        for (int q = 0; q < saturatedQueues; q++) {
            yaml.append("  - {name: %s, device-uri: \"socket://127.0.0.1:9100\", max-jobs: 1}\n"
                    .formatted(saturatedQueue(q)));
        }
        yaml.append("  - {name: %s, device-uri: \"%s\", max-jobs: 1}\n".formatted(WIRE_QUEUE, WIRE_DEVICE));
        yaml.append("credentials:\n");
        for (int c = 0; c < clients; c++) {
            yaml.append(spooler("ws-%04d".formatted(c), token(c), user(c)));
        }
        yaml.append(spooler("ws-wire", WIRE_TOKEN, WIRE_USER));
        yaml.append(operator());
        return read(yaml.toString());
    }

    /**
     * The capacity engine: no configured printers (the bench creates its queues at run time, as
     * operators do), one credential to ask it questions, and printing jobs that never go silent
     * for the length of the run: stall and fail timers of a day, so the queues stay full.
     */
    static EngineConfig capacity() {
        String yaml = "host: 127.0.0.1\nport: 0\n"
                + "timeouts: {stall: 86400, fail: 86400}\n"
                + "credentials:\n" + spooler("ws-probe", PROBE_TOKEN, "probe@bench") + operator();
        return read(yaml);
    }

    /** The console's user: few PBKDF2 rounds, the bench measures pages, not the login. */
    private static String operator() {
        return "  - {name: %s, role: operator, password-pbkdf2: \"%s\"}\n".formatted(OPERATOR,
                Authenticator.hashPassword(OPERATOR_PASSWORD.toCharArray(), 1000));
    }

    /** The operator who signs in to the capacity engine's console. */
    static final String OPERATOR = "bench-operator";
    static final String OPERATOR_PASSWORD = "bench-operator-password";

    private static String spooler(String name, String token, String identity) {
        return "  - {name: %s, role: spooler, token-sha256: %s, identities: [\"%s\"]}\n"
                .formatted(name, Authenticator.sha256Hex(token), identity);
    }

    private static EngineConfig read(String yaml) {
        try {
            return EngineConfig.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("bench configuration", e);
        }
    }
}
