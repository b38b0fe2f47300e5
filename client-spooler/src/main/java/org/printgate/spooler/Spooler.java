package org.printgate.spooler;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.printgate.ipp.IppClient;
import org.printgate.ipp.IppServer;
import org.printgate.protocol.client.EngineTransport;
import org.printgate.protocol.client.TicketClient;
import org.printgate.spooler.forward.IppForwarder;
import org.printgate.spooler.forward.PageCounter;
import org.printgate.spooler.forward.SocketForwarder;
import org.printgate.spooler.identity.LocalCallers;
import org.printgate.spooler.local.LocalIppService;
import org.printgate.spooler.local.LocalPrinters;
import org.printgate.spooler.spool.SpoolFiles;
import org.printgate.spooler.spool.SpoolJobs;
import org.printgate.spooler.spool.SpoolJournal;
import org.printgate.spooler.ticket.Forwarders;
import org.printgate.spooler.ticket.TicketAgent;

/**
 * One running client spooler: the durable spool, the local IPP endpoint on loopback, and the
 * agent that negotiates tickets and forwards documents.
 */
public final class Spooler implements AutoCloseable {
    private final SpoolJournal journal;
    private final SpoolJobs jobs;
    private final LocalPrinters printers = new LocalPrinters();
    private final PageCounter pageCounter;
    private final TicketAgent agent;
    private final IppServer server;
    private final EngineTransport engineTransport;

    private Spooler(SpoolerConfig config, Clock clock, Scheduler scheduler) throws IOException {
        this.journal = new SpoolJournal(config.spool());
        this.jobs = new SpoolJobs(journal, new SpoolFiles(config.spool().resolve("documents")));
        this.pageCounter = new PageCounter(Duration.ofSeconds(2));
        Duration poll = Duration.ofMillis(config.progressPollMillis());
        // One HTTP client (one selector thread, one connection pool) for the printers; the engine
        // has its own HTTP/2 connection.
        IppClient http = new IppClient();
        Forwarders forwarders = new Forwarders(new IppForwarder(http, pageCounter, poll, Duration.ofMinutes(2)),
                new SocketForwarder(pageCounter, poll, Duration.ofMinutes(2)));
        this.engineTransport = EngineTransport.create();
        TicketClient engine = TicketClient.using(engineTransport, config.engine(), "Bearer " + config.token());
        this.agent = new TicketAgent(config, engine, jobs, printers, forwarders, clock, scheduler);
        // The endpoint first: an OS print dialog may ask while the engine is still being reached.
        this.server = IppServer.builder(new LocalIppService(printers, jobs, agent,
                        LocalCallers.ofThisPlatform(config.identity())))
                .listen(config.host(), Math.max(0, config.port())).build().start();
        agent.start();
    }

    /** A spooler on wall time. */
    public static Spooler start(SpoolerConfig config) throws IOException {
        return start(config, Clock.systemUTC(), Scheduler.system());
    }

    /**
     * A spooler whose ticket agent takes "now" from {@code clock} and runs its timers (retries,
     * heartbeats, refreshes) on {@code scheduler}: tests pass a clock they advance by hand.
     */
    public static Spooler start(SpoolerConfig config, Clock clock, Scheduler scheduler) throws IOException {
        return new Spooler(config, clock, scheduler);
    }

    public int port() {
        return server.port();
    }

    public SpoolJobs jobs() {
        return jobs;
    }

    public LocalPrinters printers() {
        return printers;
    }

    @Override
    public void close() {
        server.close();
        agent.close();
        engineTransport.close();
        try {
            pageCounter.close();
        } catch (IOException e) {
            // Closing a UDP socket: nothing to do about a failure.
        }
        journal.close();
    }
}
