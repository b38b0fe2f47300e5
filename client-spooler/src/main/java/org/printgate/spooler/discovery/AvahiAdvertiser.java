package org.printgate.spooler.discovery;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advertises the local printers through avahi-daemon over the D-Bus system bus: one entry group
 * per queue ({@code AddService}, {@code AddServiceSubtype}, {@code Commit}) on the loopback
 * interface, IPv4, and one group for the host name they point at, {@value #HOST}, whose
 * address record is 127.0.0.1 on loopback only.
 * <p>
 * What avahi holds is brought in line with the wanted services on one thread of its own: new
 * queues registered, changed TXT records updated in place, removed queues withdrawn. A name that
 * someone else holds (avahi refuses it at once, or the group's state becomes COLLISION after
 * probing) is replaced by "NAME (2)", "NAME (3)"... and logged. When avahi-daemon or the bus
 * goes away everything is registered again once it is back (NameOwnerChanged, the disconnect
 * callback, and retries with a growing wait as a fallback).
 * <p>
 * avahi-daemon holds at most {@code objects-per-client-max} (default 1,024) entry groups for one
 * client: past that, queues are not advertised, and one line says how many. Before that, the
 * spooler advertises at most {@link #MOST_ADVERTISED} queues, the first by name: a print dialog
 * listing hundreds of printers helps nobody (the engine's deployment policy picks what a
 * desktop shows), and each advertised queue costs avahi, the bus and the spooler memory. The rest
 * still print by their URL and are in {@code lpstat -h localhost:8631 -p}.
 */
final class AvahiAdvertiser implements DnsSdAdvertiser {
    private static final Logger log = LoggerFactory.getLogger(AvahiAdvertiser.class);

    /**
     * The SRV target of every service. avahi takes no bare "localhost" as a host name, and its own
     * host name may have no address on loopback; CUPS connects to "localhost" for any service seen
     * on the loopback interface anyway (http-support.c), so this name only has to resolve for
     * browsers that resolve it themselves, to 127.0.0.1.
     */
    static final String HOST = "localhost.local";
    private static final String LOOPBACK_ADDRESS = "127.0.0.1";
    private static final String LOOPBACK = "lo";
    private static final UInt32 NO_FLAGS = new UInt32(0);
    private static final int MAX_ATTEMPTS = 100;
    static final int MOST_ADVERTISED = 200;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);
    /*
     * dbus-java hands avahi's errors (org.freedesktop.Avahi.CollisionError, ...TooManyObjectsError)
     * over as a plain DBusExecutionException whose message is avahi_strerror's text.
     */
    private static final String COLLISION = "Local name collision";
    private static final String TOO_MANY_OBJECTS = "Too many objects";

    /** One queue's group, as avahi holds it. */
    private static final class Registration {
        final DBusPath path;
        final AvahiEntryGroup group;
        final String name;
        final int attempt;
        PrinterService service;

        Registration(PrinterService service, DBusPath path, AvahiEntryGroup group, String name, int attempt) {
            this.service = service;
            this.path = path;
            this.group = group;
            this.name = name;
            this.attempt = attempt;
        }
    }

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "printgate-dnssd");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Map<String, String> advertised = new ConcurrentHashMap<>();
    private volatile Supplier<Collection<PrinterService>> wanted = List::of;

    // Touched on the worker thread only.
    private DBusConnection bus;
    private AvahiServer server;
    private int loopback;
    private AvahiEntryGroup hostGroup;
    private DBusPath hostGroupPath;
    private final Map<String, Registration> registered = new HashMap<>();
    private Duration retryWait = FIRST_RETRY;
    private ScheduledFuture<?> retry;
    private boolean toldAbsent;
    private boolean toldFull;
    private boolean toldMost;
    private boolean closed;

    @Override
    public void start(Supplier<Collection<PrinterService>> services) {
        wanted = services;
        changed();
    }

    @Override
    public void changed() {
        if (pending.compareAndSet(false, true)) {
            try {
                worker.execute(this::reconcile);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Closed: nothing is advertised any more.
            }
        }
    }

    @Override
    public Map<String, String> advertisedNames() {
        return Map.copyOf(advertised);
    }

    @Override
    public void close() {
        try {
            worker.submit(this::withdrawAll).get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.debug("DNS-SD: withdrawing the services did not finish: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Already closed.
        }
        worker.shutdownNow();
    }

    /** The services to advertise, by queue: the first {@code most} by queue name. */
    static Map<String, PrinterService> advertisedOf(Collection<PrinterService> services, int most) {
        Map<String, PrinterService> chosen = new LinkedHashMap<>();
        services.stream().sorted(Comparator.comparing(PrinterService::queue)).limit(most)
                .forEach(service -> chosen.put(service.queue(), service));
        return chosen;
    }

    /** Brings avahi's groups in line with the wanted services. */
    private void reconcile() {
        pending.set(false);
        if (closed || !ready()) {
            return;
        }
        Collection<PrinterService> all = wanted.get();
        Map<String, PrinterService> want = advertisedOf(all, MOST_ADVERTISED);
        if (all.size() > MOST_ADVERTISED && !toldMost) {
            toldMost = true;
            log.warn("DNS-SD: this desktop is shown {} queues; the first {} by name are advertised (the engine's deployment "
                    + "policy chooses what a desktop shows)", all.size(), MOST_ADVERTISED);
        }
        try {
            for (Iterator<Registration> it = registered.values().iterator(); it.hasNext(); ) {
                Registration registration = it.next();
                if (!want.containsKey(registration.service.queue())) {
                    free(registration.group);
                    it.remove();
                    advertised.remove(registration.service.queue());
                    log.info("DNS-SD: withdrew \"{}\" (queue {} is gone)", registration.name, registration.service.queue());
                }
            }
            int refused = 0;
            for (PrinterService service : want.values()) {
                Registration registration = registered.get(service.queue());
                if (registration == null) {
                    refused += register(service, 1) ? 0 : 1;
                } else if (registration.service.port() != service.port() || !registration.service.name().equals(service.name())) {
                    free(registration.group);
                    registered.remove(service.queue());
                    refused += register(service, 1) ? 0 : 1;
                } else if (!registration.service.txt().equals(service.txt())) {
                    registration.group.updateServiceTxt(loopback, AvahiEntryGroup.IPV4, NO_FLAGS, registration.name,
                            PrinterService.TYPE, "", service.txt().bytes());
                    registration.service = service;
                }
            }
            if (refused > 0 && !toldFull) {
                toldFull = true;
                log.warn("DNS-SD: avahi-daemon took no more entry groups from this spooler (objects-per-client-max): "
                        + "{} of {} queues are not advertised", refused, want.size());
            }
        } catch (DBusExecutionException e) {
            // avahi-daemon went away in the middle: NameOwnerChanged says when it is back.
            lost("avahi-daemon stopped answering (" + e.getMessage() + ")");
        }
    }

    /** Connected to the bus, avahi answering and running, the host name published; else a retry is due. */
    private boolean ready() {
        try {
            if (bus == null) {
                bus = connect();
            }
            if (server == null) {
                AvahiServer candidate = bus.getRemoteObject(AvahiServer.BUS_NAME, "/", AvahiServer.class);
                int state = candidate.getState();
                if (state != AvahiServer.RUNNING) {
                    // It tells the end of registering its host name by a StateChanged signal.
                    log.debug("DNS-SD: avahi-daemon is in state {}; waiting for it to run", state);
                    retryLater();
                    return false;
                }
                loopback = candidate.getNetworkInterfaceIndexByName(LOOPBACK);
                server = candidate;
                log.info("DNS-SD: advertising queues on {} (interface {}) through avahi-daemon {}", LOOPBACK, loopback,
                        candidate.getVersionString());
                toldAbsent = false;
                retryWait = FIRST_RETRY;
            }
            if (hostGroup == null) {
                publishHost();
            }
            return true;
        } catch (DBusException | DBusExecutionException e) {
            absent(e);
            return false;
        }
    }

    private DBusConnection connect() throws DBusException {
        // One thread each: the spooler exports nothing and takes a few signals; dbus-java's default
        // pools cost a desktop's spooler resident memory for threads that never run.
        DBusConnection connection = DBusConnectionBuilder.forSystemBus().withShared(false)
                .receivingThreadConfig().withSignalThreadCount(1).withErrorHandlerThreadCount(1)
                .withMethodCallThreadCount(1).withMethodReturnThreadCount(1).connectionConfig()
                .withDisconnectCallback(new IDisconnectCallback() {
                    @Override
                    public void disconnectOnError(java.io.IOException e) {
                        onWorker(() -> busLost(e.toString()));
                    }
                }).build();
        connection.addSigHandler(DBus.NameOwnerChanged.class, signal -> {
            if (AvahiServer.BUS_NAME.equals(signal.name)) {
                onWorker(() -> avahiOwnerChanged(signal.newOwner));
            }
        });
        connection.addSigHandler(AvahiServer.StateChanged.class, signal -> onWorker(() -> serverStateChanged(signal.state())));
        connection.addSigHandler(AvahiEntryGroup.StateChanged.class,
                signal -> onWorker(() -> groupStateChanged(signal.getPath(), signal.state(), signal.error())));
        return connection;
    }

    /** The address record of {@link #HOST}: 127.0.0.1, on loopback only, with no reverse record to clash over. */
    private void publishHost() {
        hostGroupPath = server.entryGroupNew();
        hostGroup = group(hostGroupPath);
        try {
            hostGroup.addAddress(loopback, AvahiEntryGroup.IPV4, new UInt32(AvahiEntryGroup.NO_REVERSE), HOST, LOOPBACK_ADDRESS);
            hostGroup.commit();
        } catch (DBusExecutionException e) {
            // Another program holds the name with another address: services still resolve through CUPS's "localhost".
            log.warn("DNS-SD: could not publish {} as {}: {}", HOST, LOOPBACK_ADDRESS, e.getMessage());
        }
    }

    /**
     * Registers {@code service} under the name for {@code attempt}, or the next free one when
     * avahi already holds that name for another. Returns false when avahi refuses more groups.
     */
    private boolean register(PrinterService service, int firstAttempt) {
        for (int attempt = firstAttempt; attempt <= MAX_ATTEMPTS; attempt++) {
            String name = service.nameForAttempt(attempt);
            DBusPath path;
            try {
                path = server.entryGroupNew();
            } catch (DBusExecutionException e) {
                if (TOO_MANY_OBJECTS.equals(e.getMessage())) {
                    return false;
                }
                throw e;
            }
            AvahiEntryGroup group = group(path);
            try {
                group.addService(loopback, AvahiEntryGroup.IPV4, NO_FLAGS, name, PrinterService.TYPE, "", HOST,
                        new UInt16(service.port()), service.txt().bytes());
                for (String subtype : PrinterService.SUBTYPES) {
                    group.addServiceSubtype(loopback, AvahiEntryGroup.IPV4, NO_FLAGS, name, PrinterService.TYPE, "", subtype);
                }
                group.commit();
            } catch (DBusExecutionException e) {
                free(group);
                if (!COLLISION.equals(e.getMessage())) {
                    throw e;
                }
                log.info("DNS-SD: the name \"{}\" is taken on this machine; trying \"{}\" for queue {}", name,
                        service.nameForAttempt(attempt + 1), service.queue());
                continue;
            }
            registered.put(service.queue(), new Registration(service, path, group, name, attempt));
            log.debug("DNS-SD: registering \"{}\" for queue {}", name, service.queue());
            return true;
        }
        log.warn("DNS-SD: queue {} is not advertised: {} names were all taken", service.queue(), MAX_ATTEMPTS);
        return true;
    }

    private void groupStateChanged(String path, int state, String error) {
        if (hostGroupPath != null && hostGroupPath.getPath().equals(path)) {
            if (state == AvahiEntryGroup.COLLISION || state == AvahiEntryGroup.FAILURE) {
                log.warn("DNS-SD: the address record of {} was refused ({}); CUPS still reaches the printers as localhost", HOST, error);
            }
            return;
        }
        Registration registration = registered.values().stream().filter(r -> r.path.getPath().equals(path)).findFirst().orElse(null);
        if (registration == null) {
            return;
        }
        String queue = registration.service.queue();
        switch (state) {
            case AvahiEntryGroup.ESTABLISHED -> {
                advertised.put(queue, registration.name);
                log.debug("DNS-SD: queue {} is advertised as \"{}\"", queue, registration.name);
            }
            case AvahiEntryGroup.COLLISION -> {
                // Another host or program probed the same name first (RFC 6762 §9): move on to the next.
                free(registration.group);
                registered.remove(queue);
                advertised.remove(queue);
                log.info("DNS-SD: the name \"{}\" is taken on the network; trying \"{}\" for queue {}", registration.name,
                        registration.service.nameForAttempt(registration.attempt + 1), queue);
                try {
                    register(registration.service, registration.attempt + 1);
                } catch (DBusExecutionException e) {
                    lost("avahi-daemon stopped answering (" + e.getMessage() + ")");
                }
            }
            case AvahiEntryGroup.FAILURE -> log.warn("DNS-SD: avahi-daemon could not advertise queue {} as \"{}\": {}", queue,
                    registration.name, error);
            default -> {
            }
        }
    }

    private void serverStateChanged(int state) {
        if (state == AvahiServer.RUNNING) {
            // After a host name change avahi runs again; every group is registered anew.
            log.info("DNS-SD: avahi-daemon is running again; advertising the queues anew");
            withdrawGroups();
            server = null;
            reconcile();
        }
    }

    private void avahiOwnerChanged(String newOwner) {
        forget();
        if (newOwner == null || newOwner.isEmpty()) {
            log.info("DNS-SD: avahi-daemon stopped; the queues are advertised again when it is back");
        } else {
            log.info("DNS-SD: avahi-daemon started; advertising the queues");
            reconcile();
        }
    }

    private void busLost(String why) {
        if (closed) {
            return;
        }
        bus = null;
        forget();
        log.info("DNS-SD: lost the D-Bus system bus ({}); the queues are advertised again when it is back", why);
        retryLater();
    }

    private void lost(String why) {
        // Whatever avahi may still hold of ours would clash with the next registration.
        withdrawGroups();
        if (hostGroup != null) {
            free(hostGroup);
        }
        forget();
        log.info("DNS-SD: {}; the queues are advertised again when it is back", why);
        retryLater();
    }

    /** What avahi held is gone with it (or with our connection): nothing to free. */
    private void forget() {
        server = null;
        hostGroup = null;
        hostGroupPath = null;
        registered.clear();
        advertised.clear();
        toldFull = false;
    }

    /** No bus or no avahi: said once, then tried again with a growing wait. */
    private void absent(Exception e) {
        if (!toldAbsent) {
            toldAbsent = true;
            log.info("DNS-SD: queues are not advertised: {} ({}); the spooler works without, and tries again",
                    bus == null ? "no D-Bus system bus" : "avahi-daemon does not answer", e.getMessage());
        } else {
            log.debug("DNS-SD: still no responder: {}", e.toString());
        }
        server = null;
        retryLater();
    }

    private void retryLater() {
        if (closed || (retry != null && !retry.isDone())) {
            return;
        }
        retry = worker.schedule(this::reconcile, retryWait.toMillis(), TimeUnit.MILLISECONDS);
        retryWait = retryWait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retryWait.multipliedBy(2);
    }

    private void withdrawAll() {
        closed = true;
        if (retry != null) {
            retry.cancel(false);
        }
        if (bus != null) {
            try {
                withdrawGroups();
                if (hostGroup != null) {
                    free(hostGroup);
                }
            } catch (DBusExecutionException e) {
                log.debug("DNS-SD: withdrawing: {}", e.toString());
            }
            bus.disconnect();
            bus = null;
        }
        forget();
    }

    private void withdrawGroups() {
        for (Registration registration : registered.values()) {
            free(registration.group);
        }
        registered.clear();
        advertised.clear();
    }

    private AvahiEntryGroup group(DBusPath path) {
        try {
            return bus.getRemoteObject(AvahiServer.BUS_NAME, path.getPath(), AvahiEntryGroup.class);
        } catch (DBusException e) {
            throw new DBusExecutionException("entry group " + path.getPath() + ": " + e.getMessage());
        }
    }

    private static void free(AvahiEntryGroup group) {
        try {
            group.free();
        } catch (DBusExecutionException e) {
            // Gone already (avahi restarted): nothing left to withdraw.
        }
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed.
        }
    }
}
