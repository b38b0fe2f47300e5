package org.printgate.spooler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.printgate.ipp.IppClient;
import org.printgate.ipp.IppServer;
import org.printgate.protocol.client.EngineTransport;
import org.printgate.protocol.client.TicketClient;
import org.printgate.spooler.discovery.DnsSdAdvertiser;
import org.printgate.spooler.discovery.PrinterService;
import org.printgate.spooler.forward.IppForwarder;
import org.printgate.spooler.forward.PageCounter;
import org.printgate.spooler.forward.SocketForwarder;
import org.printgate.spooler.identity.LocalCallers;
import org.printgate.spooler.identity.UnixSocketRelay;
import org.printgate.spooler.local.LocalIppService;
import org.printgate.spooler.local.LocalPrinters;
import org.printgate.spooler.local.LocalSubscriptions;
import org.printgate.spooler.local.QueueControls;
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
    private final DnsSdAdvertiser advertiser;
    private final Optional<UnixSocketRelay> unixSocket;

    private Spooler(SpoolerConfig config, Clock clock, Scheduler scheduler) throws IOException {
        this.journal = new SpoolJournal(config.spool());
        this.jobs = new SpoolJobs(journal, new SpoolFiles(config.spool().resolve("documents")));
        this.pageCounter = new PageCounter(Duration.ofSeconds(2));
        Duration poll = Duration.ofMillis(config.progressPollMillis());
        // One HTTP client (one selector thread, one connection pool) for the printers; the engine
        // has its own HTTP/2 connection.
        IppClient http = new IppClient();
        org.printgate.spooler.forward.ForwardedBytes forwarded = new org.printgate.spooler.forward.ForwardedBytes();
        Forwarders forwarders = new Forwarders(new IppForwarder(http, pageCounter, poll, Duration.ofMinutes(2), forwarded),
                new SocketForwarder(pageCounter, poll, Duration.ofMinutes(2), forwarded));
        this.engineTransport = EngineTransport.create();
        TicketClient engine = TicketClient.using(engineTransport, config.engine(), "Bearer " + config.token());
        this.agent = new TicketAgent(config, engine, jobs, printers, forwarders, clock, scheduler);
        // What operators of this computer set on its queues (paused, disabled) lasts across restarts.
        QueueControls controls = QueueControls.keptIn(config.spool().resolve("queue-controls.txt"), clock);
        printers.controlledBy(controls);
        agent.pauseWith(controls::isPaused);
        // The local printers' ippget subscriptions hear every job change and every printer change.
        LocalSubscriptions subscriptions = new LocalSubscriptions(clock, scheduler, printers, jobs);
        jobs.onChange(subscriptions::jobChanged);
        printers.onChange(subscriptions::printersChanged);
        controls.onChange(subscriptions::printerMayHaveChanged);
        // The endpoint first: an OS print dialog may ask while the engine is still being reached.
        LocalCallers callers = LocalCallers.ofThisPlatform(config.identity());
        // /metrics needs no credential: this listener is on loopback only (SpoolerConfig).
        var metrics = new org.printgate.spooler.metrics.SpoolerMetrics(jobs, forwarded, agent::engineReachable);
        this.server = IppServer.builder(new LocalIppService(printers, jobs, agent, callers, subscriptions))
                .route("/metrics", new org.printgate.ipp.MetricsPage(metrics::scrape, org.printgate.ipp.MetricsPage.loopbackOnly()))
                .listen(config.host(), Math.max(0, config.port())).build().start();
        // The CLI's way in, as cupsd's: the kernel names whoever connects to the socket.
        Path socket = config.identity().socket() != null ? config.identity().socket() : config.spool().resolve("spooler.sock");
        this.unixSocket = UnixSocketRelay.start(socket, new InetSocketAddress(config.host(), server.port()));
        unixSocket.ifPresent(callers::relayedBy);
        // Print dialogs and CUPS find each local printer over DNS-SD on loopback; the list follows the engine's.
        this.advertiser = DnsSdAdvertiser.forThisPlatform();
        int port = server.port();
        advertiser.start(() -> printers.all().stream().map(printer -> PrinterService.of(printer, port)).toList());
        printers.onChange(advertiser::changed);
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

    /** The DNS-SD names the local printers are advertised under, by queue (empty without a responder). */
    public Map<String, String> advertisedNames() {
        return advertiser.advertisedNames();
    }

    /** The Unix domain socket local clients may use instead of the port, if the platform has one. */
    public Optional<Path> unixSocket() {
        return unixSocket.map(UnixSocketRelay::path);
    }

    @Override
    public void close() {
        unixSocket.ifPresent(UnixSocketRelay::close);
        advertiser.close();
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
