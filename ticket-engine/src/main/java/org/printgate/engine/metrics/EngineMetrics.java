package org.printgate.engine.metrics;

import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.concurrent.atomic.LongAdder;
import org.printgate.engine.Engine;
import org.printgate.engine.RequestCounts;
import org.printgate.engine.config.MetricsConfig;
import org.printgate.engine.ticket.Change;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketState;
import org.printgate.engine.watch.PrinterWatch;
import org.printgate.probe.WatchState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's meters, in Prometheus's text format for {@code /metrics} (names after Prometheus's
 * conventions: {@code printgate_} prefix, base units, {@code _total} on counters).
 * <p>
 * Counters and histograms are fed as things happen ({@link #commit}, the IPP
 * service's {@link RequestCounts}). Gauges are read once per scrape, in {@link #scrape}, from
 * counts the engine keeps as things change: the ticket book's tickets by state (live and ended
 * within the retention) and the watch's printers by last verdict, each O(1) whatever the size
 * of the site; per-queue series only while there are at most {@code queue-labels-limit} queues,
 * so 200,000 queues do not become 200,000 series (nor a walk of them).
 */
public final class EngineMetrics {
    private static final Logger log = LoggerFactory.getLogger(EngineMetrics.class);
    /** A printer the watch has no verdict on yet, or cannot check (a raw device without SNMP). */
    static final String UNKNOWN = "unknown";

    private final Engine engine;
    private final java.time.Clock clock;
    private final int queueLabelsLimit;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer goAhead;
    private final Timer commitLatency;
    private final CommitMeasures commits = new CommitMeasures(this);
    private final Counter durableCommits;
    private final Counter failedCommits;
    private final Counter heartbeatsMissed;
    private final MultiGauge queueWaiting;
    private final MultiGauge queueGranted;
    /** The operation/status pairs whose counter is registered already. */
    private final Set<RequestCounts.Key> requestSeries = new HashSet<>();
    // The snapshot the gauges read, taken at the start of each scrape (under the scrape's lock).
    private final Map<TicketState, Long> ticketsByState = new EnumMap<>(TicketState.class);
    private final Map<String, Long> printersByState = new java.util.HashMap<>();
    private boolean overLimitLogged;

    /**
     * Meters of {@code engine}, which they read only at scrape time (so it may still be starting).
     *
     * @param clock the engine's clock, against which tickets' request times are taken
     */
    public EngineMetrics(Engine engine, java.time.Clock clock, MetricsConfig config) {
        this.engine = engine;
        this.clock = clock;
        this.queueLabelsLimit = config.queueLabelsLimit();
        this.goAhead = Timer.builder("printgate.go.ahead")
                .description("From a ticket's request to its first go-ahead going out to its spooler")
                .serviceLevelObjectives(seconds(0.01), seconds(0.05), seconds(0.1), seconds(0.5), seconds(1),
                        seconds(5), seconds(10), seconds(30), seconds(60), seconds(300), seconds(900), seconds(3600))
                .register(registry);
        this.commitLatency = Timer.builder("printgate.store.commit")
                .description("From a change handed to the store to its group commit being durable")
                .serviceLevelObjectives(seconds(0.0005), seconds(0.001), seconds(0.0025), seconds(0.005),
                        seconds(0.01), seconds(0.025), seconds(0.05), seconds(0.1), seconds(0.25), seconds(1))
                .register(registry);
        this.durableCommits = Counter.builder("printgate.store.commits").description("Changes made durable")
                .tag("outcome", "ok").register(registry);
        this.failedCommits = Counter.builder("printgate.store.commits").description("Changes made durable")
                .tag("outcome", "failed").register(registry);
        this.heartbeatsMissed = Counter.builder("printgate.heartbeats.missed")
                .description("Printing jobs whose spooler's heartbeat did not come in time (the job stalled)")
                .register(registry);
        for (TicketState state : TicketState.values()) {
            Gauge.builder("printgate.tickets", ticketsByState, counts -> counts.getOrDefault(state, 0L))
                    .description("Tickets the engine holds, live and ended within the retention, by state")
                    .tag("state", state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .register(registry);
        }
        for (String state : List.of("up", "degraded", "down", UNKNOWN)) {
            Gauge.builder("printgate.printers", printersByState, counts -> counts.getOrDefault(state, 0L))
                    .description("Printers by the watch's last verdict").tag("state", state).register(registry);
        }
        Gauge.builder("printgate.queues", engine, e -> e.book().queueCount())
                .description("Queues the engine has").register(registry);
        this.queueWaiting = MultiGauge.builder("printgate.queue.waiting.tickets")
                .description("Tickets not ended and not granted, per queue (only up to metrics.queue-labels-limit queues)")
                .register(registry);
        this.queueGranted = MultiGauge.builder("printgate.queue.granted.tickets")
                .description("Tickets holding a queue's capacity, per queue (only up to metrics.queue-labels-limit queues)")
                .register(registry);
    }

    private static Duration seconds(double value) {
        return Duration.ofNanos((long) (value * 1e9));
    }

    /**
     * Runs {@code commit}, the store's commit of {@code change}, measuring it: its latency and
     * outcome, and once durable the change's first go-aheads and missed heartbeats. Called under
     * the book's lock, where the change was made.
     */
    public CompletableFuture<Void> commit(Change change, Supplier<CompletableFuture<Void>> commit) {
        return commits.commit(change, commit);
    }

    /**
     * Go-aheads are measured from now on, their tickets found with {@code tickets}: called once
     * the stored tickets are back, so that the go-aheads a restart sends again are not counted.
     */
    public void measureGoAheads(LongFunction<Ticket> tickets) {
        commits.measureGoAheads(tickets);
    }

    void committed(long nanos, boolean ok) {
        (ok ? durableCommits : failedCommits).increment();
        commitLatency.record(Duration.ofNanos(nanos));
    }

    /** A first go-ahead went out for a ticket requested at {@code requestedMillis} (the engine's clock). */
    void wentAhead(long requestedMillis) {
        goAhead.record(Duration.ofMillis(Math.max(0, clock.millis() - requestedMillis)));
    }

    void heartbeatMissed() {
        heartbeatsMissed.increment();
    }

    /** The Prometheus text of every meter, the gauges computed now. */
    public synchronized String scrape() {
        takeSnapshot();
        return registry.scrape();
    }

    private void takeSnapshot() {
        ticketsByState.clear();
        ticketsByState.putAll(engine.book().countByState());
        printersByState.clear();
        PrinterWatch watch = engine.watch();
        for (WatchState state : WatchState.values()) {
            printersByState.put(nameOf(state), watch.printersIn(state));
        }
        printersByState.put(UNKNOWN, watch.printersWithoutVerdict());
        perQueueRows();
        registerNewRequestSeries();
    }

    private static String nameOf(WatchState state) {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }

    private void perQueueRows() {
        List<QueueConfig> queues = engine.book().queueCount() <= queueLabelsLimit ? engine.book().queues() : List.of();
        if (queues.isEmpty() && engine.book().queueCount() > queueLabelsLimit) {
            if (!overLimitLogged) {
                log.info("{} queues, more than metrics.queue-labels-limit {}: no per-queue series on /metrics",
                        engine.book().queueCount(), queueLabelsLimit);
                overLimitLogged = true;
            }
        } else {
            overLimitLogged = false;
        }
        List<MultiGauge.Row<?>> waiting = new ArrayList<>(queues.size());
        List<MultiGauge.Row<?>> granted = new ArrayList<>(queues.size());
        for (QueueConfig queue : queues) {
            // A queue deleted since the list was taken has no counts: left out of this scrape.
            try {
                Tags tags = Tags.of("queue", queue.name());
                waiting.add(MultiGauge.Row.of(tags, engine.book().queuedJobCount(queue.name())));
                granted.add(MultiGauge.Row.of(tags, engine.book().grantedJobs(queue.name())));
            } catch (org.printgate.ipp.IppException gone) {
                log.debug("queue {} went during a scrape", queue.name());
            }
        }
        queueWaiting.register(waiting, true);
        queueGranted.register(granted, true);
    }

    /** A counter for each operation/status pair answered so far; a few dozen at most. */
    private void registerNewRequestSeries() {
        engine.requests().answers().forEach((key, count) -> {
            if (requestSeries.add(key)) {
                FunctionCounter.builder("printgate.ipp.requests", count, LongAdder::sum)
                        .description("IPP requests answered, by operation and status")
                        .tags("operation", operationName(key.operation()), "status", statusName(key.status()))
                        .register(registry);
            }
        });
    }

    static String operationName(int code) {
        String name = Operation.Companion.get(code).getName();
        // jipp names codes it does not know "???": the vendor ones (0x4000 up) keep their number.
        return name.contains("?") ? String.format("0x%04x", code) : name;
    }

    static String statusName(int code) {
        String name = Status.Companion.get(code).getName();
        return name.contains("?") ? String.format("0x%04x", code) : name;
    }
}
