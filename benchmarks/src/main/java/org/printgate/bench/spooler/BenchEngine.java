package org.printgate.bench.spooler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.ticket.Ticket;

/**
 * The ticket engine the bench's spoolers talk to, in the bench's JVM, with ten raw-socket
 * queues (or, for the scale phase, thousands) whose printer is the bench's {@link DiscardingSink} (no SNMP: nothing but the forward
 * touches the sink). {@link #ACCEPT} stays paused, so jobs sent there are only accepted and
 * spooled; {@link #FORWARD} is paused until the bench lets its one big job go.
 */
final class BenchEngine implements AutoCloseable {
    static final String ACCEPT = "accept";
    static final String FORWARD = "forward";
    static final int QUEUES = 10;

    private final Engine engine;

    BenchEngine(Path directory, int sinkPort) {
        this(directory, sinkPort, QUEUES);
    }

    /** The same engine with {@code queues} queues in all: a large site, for the scale phase. */
    BenchEngine(Path directory, int sinkPort, int queues) {
        String others = IntStream.range(2, queues).mapToObj(i -> queue("queue-" + i, sinkPort))
                .collect(Collectors.joining());
        String yaml = """
                host: 127.0.0.1
                port: 0
                printers:
                %s%s%s
                credentials:
                  - {name: bench-spooler, role: spooler, token-sha256: %s, identities: ["*@%s"], max-live-jobs: 10000000}
                  - {name: bench-forward-spooler, role: spooler, token-sha256: %s, identities: ["*@%s"]}
                """.formatted(queue(ACCEPT, sinkPort), queue(FORWARD, sinkPort), others,
                Authenticator.sha256Hex(SpoolerProcess.TOKEN), SpoolerProcess.DOMAIN,
                Authenticator.sha256Hex(SpoolerProcess.FORWARD_TOKEN), SpoolerProcess.DOMAIN);
        try {
            this.engine = Engine.start(EngineConfig.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))),
                    Clock.systemUTC(), directory);
        } catch (IOException e) {
            throw new IllegalStateException("the bench's engine configuration does not read", e);
        }
        setPaused(ACCEPT, true);
        setPaused(FORWARD, true);
    }

    /** A raw queue on the sink that takes PDF and PCL (a socket printer says nothing of itself). */
    private static String queue(String name, int sinkPort) {
        return """
                  - name: %s
                    device-uri: socket://127.0.0.1:%d
                    max-jobs: 1
                    capabilities: {document-format-supported: [application/pdf, application/vnd.hp-pcl, application/octet-stream]}
                """.formatted(name, sinkPort);
    }

    int port() {
        return engine.port();
    }

    /** Pause-Printer / Resume-Printer, as an operator would, durable like every change. */
    void setPaused(String queue, boolean paused) {
        engine.apply(() -> engine.book().setPaused(queue, paused));
    }

    /** The live ticket on {@code queue}, if there is one. */
    Optional<Ticket> liveTicket(String queue) {
        return engine.book().liveTickets(queue).stream().findFirst();
    }

    /** Tickets on {@code queue} that have not ended. */
    int liveTicketCount(String queue) {
        return engine.book().liveTickets(queue).size();
    }

    Optional<Ticket> ticket(long jobId) {
        return engine.book().ticket(jobId);
    }

    @Override
    public void close() {
        engine.close();
    }
}
