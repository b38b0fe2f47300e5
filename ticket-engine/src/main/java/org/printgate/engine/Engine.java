package org.printgate.engine;

import com.hp.jipp.encoding.Attribute;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.clients.ClientsSeen;
import org.printgate.engine.config.EngineConfig;
import org.printgate.engine.device.DeviceCapabilities;
import org.printgate.engine.events.ClientEvents;
import org.printgate.engine.events.QueueNews;
import org.printgate.engine.ipp.EngineIppService;
import org.printgate.engine.store.MapDbTicketStore;
import org.printgate.engine.store.TicketStore;
import org.printgate.engine.ticket.Change;
import org.printgate.engine.ticket.EngineEvent;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.engine.alerts.OperatorAlerts;
import org.printgate.engine.watch.PrinterWatch;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.IppServer;
import org.printgate.probe.PrinterStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ticket engine: its book of queues and tickets, the durable store behind it, the clients'
 * event queues, the timers, and the IPP service on port 8632. {@link #apply} is the one way
 * state changes: the change is made, written durably, and only then are events delivered and
 * the caller answered.
 */
public final class Engine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final EngineConfig config;
    private final TicketBook book;
    private final TicketStore store;
    /** The store's accounting side: daily totals, raw rows by end, retention (docs/reports.md). */
    private final org.printgate.engine.store.AccountingStore accounting;
    private final org.printgate.engine.report.AccountingRetention retention;
    private final ClientEvents events;
    private final ScheduledExecutorService scheduler;
    private final IppServer server;
    private final PrinterWatch watch;
    private final OperatorAlerts alerts;
    private final Authenticator authenticator;
    private final Clock clock;
    private final long startedNanos = System.nanoTime();
    /** The answer of the request this thread is handling, if any ({@link #answerWhenDurable}). */
    private final ThreadLocal<IppResponse> answering = new ThreadLocal<>();
    /** The configured capabilities of raw devices, by queue (§6.10). */
    private final java.util.Map<String, List<Attribute<?>>> configuredCapabilities = new java.util.HashMap<>();
    /** The configured deployment groups, by queue (DeploymentPolicy). */
    private final java.util.Map<String, List<String>> deploymentGroups = new java.util.HashMap<>();
    /**
     * printer-config-change-time of each queue, Unix seconds: the last change of its configuration
     * or its device's capabilities seen in this run (the engine's start for those unchanged since).
     */
    private final java.util.Map<String, Integer> configChangedAt = new java.util.concurrent.ConcurrentHashMap<>();
    private final int startedAtSeconds;
    private final RequestCounts requests = new RequestCounts();
    private final ClientsSeen clientsSeen;
    /** What managed printers last reported of themselves (docs/firmware.md §3.1), kept across restarts. */
    private final org.printgate.engine.store.DeviceReportStore deviceReports;
    /** What /metrics shows; its gauges read this engine at scrape time only. */
    private final org.printgate.engine.metrics.EngineMetrics metrics;
    private final QueueNews queueNews;

    private Engine(EngineConfig config, Clock clock, Path dataDirectory) {
        this.config = config;
        this.clock = clock;
        // A mistyped capabilities block stops the start, instead of misleading every client later.
        for (EngineConfig.PrinterConfig printer : config.printers()) {
            if (printer.capabilities() != null) {
                try {
                    configuredCapabilities.put(printer.name(), DeviceCapabilities.configured(printer.capabilities()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(printer.name() + ": capabilities: " + e.getMessage(), e);
                }
            }
        }
        for (EngineConfig.PrinterConfig printer : config.printers()) {
            deploymentGroups.put(printer.name(), printer.groups());
        }
        this.startedAtSeconds = (int) (clock.millis() / 1000);
        this.authenticator = new Authenticator(config.credentials());
        this.book = new TicketBook(clock, config.timeouts().toTimeouts());
        this.metrics = new org.printgate.engine.metrics.EngineMetrics(this, clock, config.metrics());
        MapDbTicketStore mapDb = new MapDbTicketStore(dataDirectory, config.accounting().zoneId());
        this.accounting = mapDb;
        this.store = mapDb;
        this.scheduler = Executors.newScheduledThreadPool(1, task -> {
            Thread thread = new Thread(task, "engine-timers");
            thread.setDaemon(true);
            return thread;
        });
        this.events = new ClientEvents(scheduler, book.timeouts().pollHold().toMillis(), clock);
        this.queueNews = new QueueNews(events, authenticator::named);
        TicketStore.Snapshot snapshot = store.load(clock.millis() - TicketBook.ENDED_RETENTION_MILLIS);
        // Stored queues win; configured ones are created on the first start (§6.11).
        snapshot.queues().forEach(book::addQueue);
        for (EngineConfig.PrinterConfig printer : config.printers()) {
            if (book.queue(printer.name()).isEmpty()) {
                apply(() -> book.addQueue(printer.toQueue()));
            }
        }
        apply(() -> book.restore(snapshot.tickets(), snapshot.recentlyEnded(), snapshot.nextJobId()));
        metrics.measureGoAheads(jobId -> book.ticket(jobId).orElse(null));
        log.info("restored {} live tickets", snapshot.tickets().size());
        this.alerts = OperatorAlerts.create(config.alerts(), clock, book, dataDirectory);
        // Kept under the data directory, written behind every few seconds: the console's clients page survives a restart.
        this.clientsSeen = ClientsSeen.open(dataDirectory, clock);
        this.deviceReports = org.printgate.engine.store.DeviceReportStore.open(dataDirectory);
        alerts.checkEvery(scheduler, java.time.Duration.ofSeconds(config.alerts().checkSeconds()));
        try {
            this.watch = new PrinterWatch(clock, scheduler, config.watch().toTimers(), new PrinterWatch.Listener() {
                @Override
                public void printerChanged(String queue, PrinterStatus status) {
                    Engine.this.printerChanged(queue, status);
                }

                @Override
                public void checked(String queue) {
                    printerChecked(queue);
                }

                @Override
                public void capabilitiesChanged(String queue) {
                    Engine.this.capabilitiesChanged(queue);
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot start the printer watch", e);
        }
        book.queues().forEach(watch::watch);
        EngineIppService service = new EngineIppService(this, authenticator);
        IppServer.Builder builder = IppServer.builder(service).listen(config.host(), config.port())
                .route("/metrics", new org.printgate.ipp.MetricsPage(metrics::scrape,
                        new org.printgate.engine.metrics.OperatorsOnly(authenticator)))
                .route("/reports", new org.printgate.engine.report.ReportsRoute(accounting,
                        new org.printgate.engine.report.ReportAccess(authenticator)))
                // The operator's web console (issue 17): its pages and actions, behind its own login.
                .route("/console", new org.printgate.engine.console.Console(this, dataDirectory, clock, config.tls() != null))
                .maxAttributesBytes(64 * 1024).workerThreads(64).http2(true);
        if (config.tls() != null) {
            builder.tls(config.tls().toSslContext());
        } else {
            log.warn("no TLS configured: credentials cross the network in clear; use on trusted networks only");
        }
        this.server = builder.build().start();
        scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        this.retention = new org.printgate.engine.report.AccountingRetention(accounting, clock,
                config.accounting().rawRowsDays()).start();
    }

    /** Starts an engine: restores its store and listens. */
    public static Engine start(EngineConfig config, Clock clock, Path dataDirectory) {
        return new Engine(config, clock, dataDirectory);
    }

    /**
     * Makes a change durable, then delivers its events. Changes are queued for the disk in the
     * order they were made (under the book's lock), so the store never sees them out of order.
     * Called while {@link #answerWhenDurable} runs a request, it returns at once and the request's
     * answer waits for the commit (no thread waits meanwhile); called anywhere else, it returns
     * once the change is durable and its events are out.
     */
    public Change apply(Supplier<Change> operation) {
        Change change;
        CompletableFuture<Void> delivered;
        synchronized (book) {
            change = operation.get();
            if (change.isEmpty()) {
                return change;
            }
            // Events go out on the thread that made the change durable. Attached under the lock,
            // so they go out in the order of the commits (earlier ones are completed first).
            delivered = metrics.commit(change, () -> store.commit(change, book.nextJobId()))
                    .thenRun(() -> events.publish(change.events()));
        }
        IppResponse answer = answering.get();
        if (answer != null) {
            // Every one of them: a commit that failed fails the answer, even if a later one went through.
            answer.answerAfter(delivered);
            if (!change.printersToCheck().isEmpty()) {
                // Not on the committer: releasing held go-aheads applies a change of its own.
                delivered.thenRunAsync(() -> checkPrinters(change), scheduler);
            }
        } else {
            delivered.join();
            checkPrinters(change);
        }
        return change;
    }

    /**
     * Runs a request's handler so that its answer goes out once every change it applied is
     * durable: the thread is free meanwhile, and the answer is sent by the store's committer.
     */
    public void answerWhenDurable(IppResponse response, RequestHandler handler) throws java.io.IOException {
        answering.set(response);
        try {
            handler.handle();
        } finally {
            answering.remove();
        }
    }

    /** A request's handler, for {@link #answerWhenDurable}. */
    public interface RequestHandler {
        void handle() throws java.io.IOException;
    }

    private void checkPrinters(Change change) {
        if (watch == null) {
            return;
        }
        for (String queue : change.printersToCheck()) {
            if (!watch.checkNow(queue)) {
                // Nothing to check it with (a raw device without SNMP): nothing to wait for.
                printerChecked(queue);
            }
        }
    }

    private void printerChecked(String queue) {
        try {
            apply(() -> book.printerChecked(queue));
        } catch (RuntimeException e) {
            log.error("could not release the go-aheads held for {}", queue, e);
        }
    }

    /** The watch saw a printer change (fig. 7, 7-1..7-3): no grants while down; clients and operators told. */
    private void printerChanged(String queue, PrinterStatus status) {
        alerts.printerChanged(queue, status);
        try {
            applyToQueue(queue, () -> book.setPrinterUp(queue, status.state().allowsGrants(), status.reasons(), status.message()));
        } catch (RuntimeException e) {
            log.error("could not record the state of {}", queue, e);
        }
    }

    /** Creates or changes a queue at run time (Create-Printer, Set-Printer-Attributes) and watches it. */
    public void putQueue(org.printgate.engine.ticket.QueueConfig queue) {
        applyToQueue(queue.name(), () -> book.addQueue(queue));
        watch.watch(queue);
    }

    /** Deletes an empty queue (Delete-Printer) and stops watching it. */
    public void deleteQueue(String name) {
        applyToQueue(name, () -> book.removeQueue(name));
        watch.unwatch(name);
        alerts.queueDeleted(name);
    }

    /** A queue as its spoolers see it: its configuration, and whether and why it may print. */
    private record QueueView(org.printgate.engine.ticket.QueueConfig config, List<String> reasons) {
        /** The configuration without what its state events carry (accepting, paused). */
        org.printgate.engine.ticket.QueueConfig setUp() {
            return config.withAcceptingJobs(true).withPaused(false);
        }
    }

    private QueueView viewOf(String queue) {
        return book.queue(queue).map(config -> new QueueView(config, book.isUp(queue) ? List.of("none")
                : book.downReasons(queue))).orElse(null);
    }

    /**
     * {@link #apply} for a change to one queue, which also tells every subscribed client that may
     * use the queue what became of it (§7): created, deleted, reconfigured, or another state. So
     * spoolers follow the queues without asking for the list again.
     */
    public Change applyToQueue(String queue, Supplier<Change> operation) {
        return apply(() -> {
            QueueView before = viewOf(queue);
            Change change = operation.get();
            QueueView after = viewOf(queue);
            org.printgate.engine.ticket.QueueConfig was = before == null ? null : before.config();
            org.printgate.engine.ticket.QueueConfig is = after == null ? null : after.config();
            if (before == null && after != null) {
                configChangedAt.put(queue, (int) (clock.millis() / 1000));
                queueNews.tell(change, EngineEvent.PRINTER_CREATED, queue, null, is, after.reasons(), "created");
            } else if (before != null && after == null) {
                configChangedAt.remove(queue);
                queueNews.tell(change, EngineEvent.PRINTER_DELETED, queue, was, null, List.of("none"), "deleted");
            } else if (before != null) {
                if (!before.setUp().equals(after.setUp())) {
                    configChangedAt.put(queue, (int) (clock.millis() / 1000));
                    queueNews.tell(change, EngineEvent.PRINTER_CONFIG_CHANGED, queue, was, is, after.reasons(), "changed");
                }
                if (!before.reasons().equals(after.reasons()) || was.acceptingJobs() != is.acceptingJobs()) {
                    queueNews.tell(change, EngineEvent.PRINTER_STATE_CHANGED, queue, was, is, after.reasons(),
                            is.acceptingJobs() ? "state changed" : "not accepting jobs");
                }
            }
            return change;
        });
    }

    /** The watch read other capabilities from a device: spoolers that keep the old ones hear of it. */
    private void capabilitiesChanged(String queue) {
        try {
            apply(() -> {
                Change change = new Change();
                book.queue(queue).ifPresent(config -> {
                    configChangedAt.put(queue, (int) (clock.millis() / 1000));
                    queueNews.tell(change, EngineEvent.PRINTER_CONFIG_CHANGED, queue, config, config,
                            viewOf(queue).reasons(), "capabilities changed");
                });
                return change;
            });
        } catch (RuntimeException e) {
            log.error("could not tell of {}'s new capabilities", queue, e);
        }
    }

    /** printer-config-change-time of {@code queue} (Unix seconds): spoolers keep its capabilities while it stays. */
    public int configChangeTime(String queue) {
        return configChangedAt.getOrDefault(queue, startedAtSeconds);
    }

    /**
     * Does the deployment policy show {@code queue} on the workstation of {@code credential} to
     * {@code user} (null: none named) in OS groups {@code userGroups}? Whether the user may use it
     * is the access list's question, asked apart.
     */
    public boolean deploys(org.printgate.engine.auth.Credential credential, String user,
                           java.util.Collection<String> userGroups, org.printgate.engine.ticket.QueueConfig queue) {
        return config.deployment().shows(credential.name(), user, userGroups, queue.name(),
                deploymentGroups.getOrDefault(queue.name(), List.of()), queue.location());
    }

    /** Requests received, by operation. */
    public RequestCounts requests() {
        return requests;
    }

    /**
     * What the device behind {@code queue} can do (docs/ticket-protocol.md §6.10): for ipp/ipps
     * devices their own capability attributes as the watch last read them, fetched now when it has
     * none yet (empty if the device does not answer); for raw devices the queue's configured
     * {@code capabilities}, or the defaults.
     */
    public List<Attribute<?>> capabilities(org.printgate.engine.ticket.QueueConfig queue) {
        String scheme = queue.deviceUri().getScheme() == null ? "" : queue.deviceUri().getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("ipp") && !scheme.equals("ipps")) {
            return configuredCapabilities.getOrDefault(queue.name(), DeviceCapabilities.DEFAULTS);
        }
        java.util.Optional<List<Attribute<?>>> known = watch.capabilities(queue.name());
        if (known.isPresent()) {
            return known.get();
        }
        try {
            return watch.fetchCapabilities(queue.name())
                    .get(config.watch().toTimers().checkTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.debug("{}: no capabilities from the device: {}", queue.name(), e.toString());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Seconds since this engine started (system-up-time). */
    public int upTimeSeconds() {
        return (int) Math.max(1, (System.nanoTime() - startedNanos) / 1_000_000_000L);
    }

    /** The clients heard from: software, system, last seen (the console's clients page). */
    public ClientsSeen clientsSeen() {
        return clientsSeen;
    }

    /** Managed printers' reports by queue (Update-Output-Device-Attributes). */
    public org.printgate.engine.store.DeviceReportStore deviceReports() {
        return deviceReports;
    }

    /** Is a device credential bound to {@code queue}, so that its printer reports itself (docs/firmware.md §1)? */
    public boolean managed(String queue) {
        return authenticator.deviceOf(queue).isPresent();
    }

    /**
     * What {@code queue}'s managed printer last reported; empty when the queue is not managed, or
     * the report came from another device than the one its credential is bound to now.
     */
    public java.util.Optional<org.printgate.engine.store.DeviceReport> deviceReport(String queue) {
        return authenticator.deviceOf(queue).flatMap(device -> deviceReports.last(queue)
                .filter(report -> report.outputDevice().equals(device.device().outputDeviceUuid())));
    }

    /** The engine's clock (the tests' when they give one). */
    public Clock clock() {
        return clock;
    }

    /** Alerts to operators: the open ones and their history on {@code alerts().board()}. */
    public OperatorAlerts alerts() {
        return alerts;
    }

    public PrinterWatch watch() {
        return watch;
    }

    /** Runs the timers (go-ahead leases, heartbeats, subscription leases); driven every second, and by tests. */
    public void tick() {
        try {
            apply(book::tick);
        } catch (RuntimeException e) {
            log.error("timer pass failed", e);
        }
        List<Integer> lapsed = events.expireLeases();
        if (!lapsed.isEmpty()) {
            log.info("subscriptions {} not polled within their lease: dropped", lapsed);
        }
    }

    /** Who may talk to the engine, and how often a password hash had to be derived. */
    public Authenticator authenticator() {
        return authenticator;
    }

    public TicketBook book() {
        return book;
    }

    public ClientEvents events() {
        return events;
    }

    public TicketStore store() {
        return store;
    }

    /** Accounting totals and raw rows, for reports and exports. */
    public org.printgate.engine.store.AccountingStore accounting() {
        return accounting;
    }

    /** The retention of raw accounting rows (runs daily; tests run it at once). */
    public org.printgate.engine.report.AccountingRetention retention() {
        return retention;
    }

    public EngineConfig config() {
        return config;
    }

    public int port() {
        return server.port();
    }

    /** The engine's system URI as a client on this machine reaches it. */
    public URI systemUri() {
        return URI.create(scheme() + "://127.0.0.1:" + port() + "/ipp/system");
    }

    /** ipps when the port speaks TLS, else ipp. */
    public String scheme() {
        return config.tls() != null ? "ipps" : "ipp";
    }

    @Override
    public void close() {
        server.close();
        watch.close();
        alerts.close();
        clientsSeen.close();
        deviceReports.close();
        scheduler.shutdownNow();
        retention.close();
        store.close();
    }
}
