package org.printgate.engine.watch;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.probe.Firmware;
import org.printgate.probe.NoAnswerException;
import org.printgate.probe.PrinterStateReasons;
import org.printgate.probe.PrinterStatus;
import org.printgate.probe.ProbeReading;
import org.printgate.probe.SnmpPrinterProbe;
import org.printgate.probe.WatchState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the printer behind every queue (docs/ticket-protocol.md §5, claim 15, step 7-1): SNMP
 * when the queue has an snmp URI, IPP Get-Printer-Attributes when its device is ipp/ipps, both
 * when both. Each printer is checked every {@link WatchTimers#upInterval()} while up or
 * degraded, every {@link WatchTimers#downInterval()} while down or not answering, and at once on
 * {@link #checkNow}. Two checks in a row with no answer from any source make it unreachable:
 * {@code offline-error}.
 * <p>
 * The listener hears of a printer when its state or its {@code -error}/{@code -warning} reasons
 * change, not on every check. Calls for one queue come one at a time, in order, on the
 * caller's scheduler.
 * <p>
 * Threads: timing and result handling run on the caller's scheduler and never block; SNMP is
 * asynchronous on one shared session; the blocking IPP exchanges run on a pool of this watch,
 * each cut off at the check timeout. So a hung printer delays no other printer's check.
 */
public final class PrinterWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PrinterWatch.class);

    /** §5: "two failed checks in a row mean unreachable". */
    static final int FAILED_CHECKS_FOR_UNREACHABLE = 2;
    /** Most IPP exchanges (and name lookups) at once; more wait, counting against their timeout. */
    private static final int IO_THREADS = 64;

    /** Hears of printers whose condition changed. */
    public interface Listener {
        /** {@code queue}'s printer is now {@code status}; called on the watch's scheduler, keep it short. */
        void printerChanged(String queue, PrinterStatus status);

        /**
         * A check of {@code queue}'s printer ended, whatever it found (after {@link #printerChanged}
         * when it found news). A check asked for while one ran ends with the one run after it.
         */
        default void checked(String queue) {
        }

        /** A check read capabilities of {@code queue}'s device other than those it had (a new tray, a new firmware). */
        default void capabilitiesChanged(String queue) {
        }
    }

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final WatchTimers timers;
    private final Listener listener;
    private final ThreadPoolExecutor io;
    private final SnmpPrinterProbe snmp;
    private final IppPrinterProbe ipp;
    private final ConcurrentMap<String, WatchedPrinter> printers = new ConcurrentHashMap<>();
    /**
     * How many watched printers have each last verdict (by {@link WatchState} ordinal; the last
     * slot: no verdict yet, or cannot be checked), kept as verdicts change under each printer's
     * lock: /metrics reads them instead of walking 200,000 printers.
     */
    private final java.util.concurrent.atomic.AtomicLongArray byVerdict =
            new java.util.concurrent.atomic.AtomicLongArray(WatchState.values().length + 1);
    private static final int NO_VERDICT = WatchState.values().length;
    /** The printers whose last verdict is degraded, by queue name: the console lists the first few. */
    private final java.util.concurrent.ConcurrentSkipListMap<String, WatchedPrinter> degraded =
            new java.util.concurrent.ConcurrentSkipListMap<>();
    private volatile boolean closed;

    /**
     * @param clock stamps {@link PrinterStatus#readAt()}
     * @param scheduler runs the timers and the handling of results; the caller's, not shut down by {@link #close()}
     * @param timers intervals and check timeout
     * @param listener hears of changes
     * @throws IOException if the SNMP socket cannot be opened
     */
    public PrinterWatch(Clock clock, ScheduledExecutorService scheduler, WatchTimers timers, Listener listener)
            throws IOException {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.listener = Objects.requireNonNull(listener, "listener");
        AtomicInteger threadCount = new AtomicInteger();
        this.io = new ThreadPoolExecutor(IO_THREADS, IO_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "printer-watch-io-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        io.allowCoreThreadTimeOut(true);
        this.snmp = new SnmpPrinterProbe(timers.checkTimeout(), io);
        this.ipp = new IppPrinterProbe(timers.checkTimeout(), io);
    }

    /**
     * Starts watching {@code queue}'s printer and checks it at once; a queue already watched
     * with another configuration starts afresh (its status is forgotten), with the same one
     * nothing changes. A socket:// queue without an snmp URI cannot be watched: it is kept
     * without a status.
     */
    public void watch(QueueConfig queue) {
        if (closed) {
            throw new IllegalStateException("the printer watch is closed");
        }
        WatchedPrinter fresh = new WatchedPrinter(queue);
        WatchedPrinter[] replaced = new WatchedPrinter[1];
        WatchedPrinter current = printers.compute(queue.name(), (name, old) -> {
            if (old != null && old.config.equals(queue)) {
                return old;
            }
            replaced[0] = old;
            // Counted here, where it becomes the watched one: compute runs once per key at a time.
            byVerdict.incrementAndGet(NO_VERDICT);
            return fresh;
        });
        if (replaced[0] != null) {
            retire(replaced[0]);
        }
        if (current == fresh) {
            if (!checkable(queue)) {
                log.warn("{}: cannot be watched: {} has no IPP status and the queue no snmp URI", queue.name(),
                        queue.deviceUri());
                return;
            }
            check(fresh, true);
        }
    }

    /** Stops watching {@code queue}; false if it was not watched. Nothing more is heard of it. */
    public boolean unwatch(String queue) {
        WatchedPrinter removed = printers.remove(queue);
        if (removed == null) {
            return false;
        }
        retire(removed);
        return true;
    }

    /**
     * Checks {@code queue}'s printer now (a client reported trouble, a heartbeat went missing, an
     * operator resumed it). Requests that come while a check runs are folded into one more
     * check right after it. False if the queue is not watched or cannot be checked.
     */
    public boolean checkNow(String queue) {
        WatchedPrinter printer = printers.get(queue);
        if (printer == null || !checkable(printer.config)) {
            return false;
        }
        check(printer, true);
        return true;
    }

    /** The printer's last status; empty before its first verdict or when it cannot be watched. */
    public Optional<PrinterStatus> status(String queue) {
        WatchedPrinter printer = printers.get(queue);
        return printer == null ? Optional.empty() : Optional.ofNullable(printer.status);
    }

    /**
     * The capability attributes of {@code queue}'s ipp/ipps device from its last answer
     * (docs/ticket-protocol.md §6.10); empty before the device first answered, and for raw devices.
     */
    public Optional<List<com.hp.jipp.encoding.Attribute<?>>> capabilities(String queue) {
        WatchedPrinter printer = printers.get(queue);
        return printer == null ? Optional.empty() : Optional.ofNullable(printer.capabilities);
    }

    /**
     * The firmware {@code queue}'s ipp/ipps device last said it runs, kept while it does not answer;
     * {@link Firmware#UNKNOWN} before it first said, and for raw and SNMP-only devices.
     */
    public Firmware firmware(String queue) {
        WatchedPrinter printer = printers.get(queue);
        return printer == null ? Firmware.UNKNOWN : printer.firmware;
    }

    /**
     * Asks {@code queue}'s ipp/ipps device for its capabilities now, outside the regular checks
     * (a client wants them before the device's first answer), and keeps them. Completes with an
     * empty list for a queue that is not watched or whose device does not speak IPP; fails when the
     * device does not answer within the check timeout.
     */
    public CompletableFuture<List<com.hp.jipp.encoding.Attribute<?>>> fetchCapabilities(String queue) {
        WatchedPrinter printer = printers.get(queue);
        if (printer == null || !speaksIpp(printer.config.deviceUri())) {
            return CompletableFuture.completedFuture(List.of());
        }
        return ipp.read(printer.config.deviceUri()).thenApply(reading -> {
            if (!reading.capabilities().isEmpty()) {
                printer.capabilities = reading.capabilities();
            }
            return reading.capabilities();
        });
    }

    /** How many checks in a row got no answer (0 when the last one did). */
    public int failedChecks(String queue) {
        WatchedPrinter printer = printers.get(queue);
        if (printer == null) {
            return 0;
        }
        synchronized (printer) {
            return printer.failures;
        }
    }

    /** How many watched printers have {@code state} as their last verdict: kept as verdicts change, O(1). */
    public long printersIn(WatchState state) {
        return byVerdict.get(state.ordinal());
    }

    /** How many watched printers have no verdict: not checked yet, or they cannot be (a raw device without SNMP). */
    public long printersWithoutVerdict() {
        return byVerdict.get(NO_VERDICT);
    }

    /**
     * The queues whose printer's last verdict is degraded, by name: a live view, whose size is
     * {@link #printersIn}(DEGRADED) (its own {@code size()} walks it).
     */
    public java.util.NavigableSet<String> degradedQueues() {
        return java.util.Collections.unmodifiableNavigableSet(degraded.keySet());
    }

    /** The queues being watched. */
    public Set<String> queues() {
        return Set.copyOf(printers.keySet());
    }

    /** Stops every check and closes the SNMP session and the IPP pool; the scheduler stays the caller's. */
    @Override
    public void close() {
        closed = true;
        for (WatchedPrinter printer : printers.values()) {
            retire(printer);
        }
        io.shutdownNow();
        try {
            snmp.close();
        } catch (IOException e) {
            log.warn("closing the SNMP session", e);
        }
    }

    // ---- one check ----

    private static boolean checkable(QueueConfig queue) {
        return queue.snmpUri() != null || speaksIpp(queue.deviceUri());
    }

    private static boolean speaksIpp(URI deviceUri) {
        String scheme = deviceUri.getScheme() == null ? "" : deviceUri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("ipp") || scheme.equals("ipps");
    }

    /** Starts a check unless one runs; a request during a run asks for one more after it. */
    private void check(WatchedPrinter printer, boolean requested) {
        synchronized (printer) {
            if (printer.retired || closed) {
                return;
            }
            if (printer.running) {
                printer.again |= requested;
                return;
            }
            printer.running = true;
            printer.cancelTimer();
        }
        launch(printer);
    }

    /** Sends the probes; nothing here blocks. The result is handled on the scheduler. */
    private void launch(WatchedPrinter printer) {
        List<CompletableFuture<ProbeReading>> probes = new ArrayList<>(2);
        if (printer.config.snmpUri() != null) {
            probes.add(snmp.read(printer.config.snmpUri()));
        }
        if (speaksIpp(printer.config.deviceUri())) {
            probes.add(ipp.read(printer.config.deviceUri()));
        }
        CompletableFuture.allOf(probes.toArray(CompletableFuture<?>[]::new))
                .whenCompleteAsync((ignored, failure) -> {
                    try {
                        finish(printer, probes);
                    } catch (RuntimeException e) {
                        // A bug or a reading we cannot make sense of must not end the watch of this printer.
                        log.error("{}: handling a check failed", printer.config.name(), e);
                        synchronized (printer) {
                            printer.running = false;
                            printer.again = false;
                            if (!printer.retired && !closed) {
                                schedule(printer);
                            }
                        }
                    }
                }, scheduler);
    }

    private void finish(WatchedPrinter printer, List<CompletableFuture<ProbeReading>> probes) {
        List<ProbeReading> readings = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<ProbeReading> probe : probes) {
            try {
                readings.add(probe.join());
            } catch (CompletionException e) {
                failures.add(e.getCause() != null ? e.getCause() : e);
            } catch (CancellationException e) {
                failures.add(e);
            }
        }
        // What does the printer look like now, and is that news?
        PrinterStatus news = null;
        boolean capabilitiesChanged = false;
        synchronized (printer) {
            if (printer.retired || closed) {
                return;
            }
            PrinterStatus before = printer.status;
            if (!readings.isEmpty()) {
                printer.failures = 0;
                printer.status = merge(readings);
                List<com.hp.jipp.encoding.Attribute<?>> read = readings.stream().map(ProbeReading::capabilities)
                        .filter(c -> !c.isEmpty()).findFirst().orElse(null);
                readings.stream().map(ProbeReading::firmware).filter(Firmware::isKnown).findFirst()
                        .ifPresent(f -> printer.firmware = f);
                if (read != null) {
                    capabilitiesChanged = printer.capabilities != null && !settled(printer.capabilities).equals(settled(read));
                    printer.capabilities = read;
                }
            } else {
                printer.failures++;
                log.debug("{}: check {} without answer: {}", printer.config.name(), printer.failures, failures);
                if (printer.failures >= FAILED_CHECKS_FOR_UNREACHABLE) {
                    printer.status = unreachable(failures);
                }
            }
            if (printer.status != null && !printer.status.sameCondition(before)) {
                news = printer.status;
            }
            recount(printer, before);
        }
        // Still "running" while the listener hears: requests meanwhile fold into one more check.
        if (news != null) {
            tell(printer.config.name(), news);
        }
        if (capabilitiesChanged) {
            try {
                listener.capabilitiesChanged(printer.config.name());
            } catch (RuntimeException e) {
                log.error("{}: telling of new capabilities failed", printer.config.name(), e);
            }
        }
        boolean again;
        synchronized (printer) {
            if (printer.retired || closed) {
                return;
            }
            again = printer.again;
            printer.again = false;
            if (!again) {
                printer.running = false;
                schedule(printer);
            }
        }
        if (again) {
            launch(printer);
            return;
        }
        try {
            listener.checked(printer.config.name());
        } catch (RuntimeException e) {
            log.warn("{}: the printer listener failed", printer.config.name(), e);
        }
    }

    /** The sources' readings as one status (§5.1): reasons merged, SNMP's counter first. */
    private PrinterStatus merge(List<ProbeReading> readings) {
        List<String> reasons = PrinterStateReasons.merge(readings.stream().map(ProbeReading::reasons).toList());
        long pageCount = -1;
        String deviceMessage = "";
        List<PrinterStatus.Supply> supplies = List.of();
        List<PrinterStatus.InputTray> trays = List.of();
        for (ProbeReading reading : readings) {
            pageCount = pageCount >= 0 ? pageCount : reading.pageCount();
            deviceMessage = !deviceMessage.isEmpty() ? deviceMessage : reading.deviceMessage();
            supplies = !supplies.isEmpty() ? supplies : reading.supplies();
            trays = !trays.isEmpty() ? trays : reading.trays();
        }
        return PrinterStatus.of(reasons, PrinterStateReasons.message(reasons, deviceMessage), pageCount, supplies,
                trays, clock.instant());
    }

    /** No source answered twice in a row: offline-error, "No answer from host:port". */
    private PrinterStatus unreachable(List<Throwable> failures) {
        List<String> silent = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (Throwable failure : failures) {
            if (failure instanceof NoAnswerException noAnswer) {
                silent.add(noAnswer.address());
            } else {
                other.add(String.valueOf(failure.getMessage()));
            }
        }
        List<String> parts = new ArrayList<>();
        if (!silent.isEmpty()) {
            parts.add("No answer from " + String.join(", ", silent.stream().distinct().toList()));
        }
        parts.addAll(other);
        return PrinterStatus.of(List.of(PrinterStateReasons.OFFLINE + PrinterStateReasons.ERROR),
                String.join("; ", parts), -1, List.of(), List.of(), clock.instant());
    }

    private void tell(String queue, PrinterStatus status) {
        log.info("{}: {} {} ({})", queue, status.state(), status.reasons(), status.message());
        try {
            listener.printerChanged(queue, status);
        } catch (RuntimeException e) {
            log.warn("{}: the printer listener failed", queue, e);
        }
    }

    /** The next regular check: sooner while the printer is down or did not answer. */
    private void schedule(WatchedPrinter printer) {
        boolean down = printer.failures > 0 || printer.status == null || printer.status.state() == WatchState.DOWN;
        long delay = (down ? timers.downInterval() : timers.upInterval()).toMillis();
        try {
            printer.timer = scheduler.schedule(() -> check(printer, false), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.warn("{}: the scheduler refused the next check; the printer is no longer watched", printer.config.name());
        }
    }

    /** The printer is no longer watched: no more checks, and out of the counts. Once only. */
    private void retire(WatchedPrinter printer) {
        synchronized (printer) {
            if (printer.retired) {
                return;
            }
            printer.retired = true;
            printer.cancelTimer();
            byVerdict.decrementAndGet(slotOf(printer.status));
            degraded.remove(printer.config.name(), printer);
        }
    }

    /** The printer's status changed from {@code before}: the counts follow. Called under the printer's lock. */
    private void recount(WatchedPrinter printer, PrinterStatus before) {
        int was = slotOf(before);
        int is = slotOf(printer.status);
        if (was != is) {
            byVerdict.decrementAndGet(was);
            byVerdict.incrementAndGet(is);
        }
        if (is == WatchState.DEGRADED.ordinal()) {
            degraded.put(printer.config.name(), printer);
        } else {
            degraded.remove(printer.config.name(), printer);
        }
    }

    private static int slotOf(PrinterStatus status) {
        return status == null ? NO_VERDICT : status.state().ordinal();
    }

    /**
     * Printers by last verdict by a walk of every watched printer (not those retired by
     * {@link #close}), O(printers): what the kept counts must equal (tests). Keys: the states'
     * names, and "none" for no verdict.
     */
    java.util.Map<String, Long> countByVerdictByWalking() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        for (WatchedPrinter printer : printers.values()) {
            synchronized (printer) {
                if (!printer.retired) {
                    counts.merge(printer.status == null ? "none" : printer.status.state().name(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    /** One watched printer; its fields are guarded by itself, {@link #status} is read without. */
    /**
     * The capabilities that make a change worth telling spoolers of: not the supply levels, which
     * move with every page printed.
     */
    private static List<com.hp.jipp.encoding.Attribute<?>> settled(List<com.hp.jipp.encoding.Attribute<?>> capabilities) {
        return capabilities.stream().filter(a -> !a.getName().startsWith("marker-") && !a.getName().startsWith("printer-supply"))
                .toList();
    }

    private static final class WatchedPrinter {
        final QueueConfig config;
        volatile PrinterStatus status;
        /** The device's capability attributes as it last gave them (ipp/ipps only). */
        volatile List<com.hp.jipp.encoding.Attribute<?>> capabilities;
        /** The firmware the device last said it runs (ipp/ipps only). */
        volatile Firmware firmware = Firmware.UNKNOWN;
        int failures;
        boolean running;
        boolean again;
        boolean retired;
        ScheduledFuture<?> timer;

        WatchedPrinter(QueueConfig config) {
            this.config = config;
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
