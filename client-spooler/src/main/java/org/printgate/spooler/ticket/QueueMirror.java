package org.printgate.spooler.ticket;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.printgate.protocol.PrintgateTypes;
import org.printgate.protocol.client.TicketClient;
import org.printgate.protocol.client.TicketException;
import org.printgate.spooler.SpoolerConfig;
import org.printgate.spooler.local.LocalPrinter;
import org.printgate.spooler.local.LocalPrinters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the local printers in step with the engine's queues at a cost that does not grow with
 * the site (docs/ticket-protocol.md §6.10, §7): the whole list of the queues the engine's
 * deployment policy shows here is asked for at start, after every new subscription (events may
 * have been missed) and on a slow safety timer; in between, the engine's queue events say which
 * one queue to look up again. A queue not shown is looked up when a request names it. Each
 * queue's capabilities (the real printer's, as the engine knows them) are fetched when a request
 * first needs them and kept, in a file of their own, until the queue's printer-config-change-time
 * moves. The remembered list is written only when it changed.
 */
final class QueueMirror implements LocalPrinters.Source {
    private static final Logger log = LoggerFactory.getLogger(QueueMirror.class);

    /** What a one-queue lookup asks: the Get-Printers group's attributes, and whether the queue is shown here. */
    private static final List<String> STATUS = List.of(Types.printerName.getName(), PrintgateTypes.deviceUri.getName(),
            PrintgateTypes.snmpUri.getName(), Types.printerLocation.getName(), Types.printerState.getName(),
            Types.printerStateReasons.getName(), Types.printerIsAcceptingJobs.getName(),
            Types.printerConfigChangeTime.getName(), PrintgateTypes.deployed.getName());
    /** The capability attributes asked of the engine for a queue. */
    private static final List<String> CAPABILITIES = List.of("all");
    /** How long a request waits for a queue's capabilities before the defaults serve it. */
    private static final Duration CAPABILITIES_WAIT = Duration.ofSeconds(3);

    private final TicketClient engine;
    private final LocalPrinters printers;
    private final SpoolerConfig config;
    /** The local account whose queues are listed. */
    private final String account;
    private final Path remembered;
    private final CapabilityFiles capabilityFiles;
    /** printer-config-change-time of each queue known here, as the engine last said. */
    private final Map<String, Integer> configTimes = new ConcurrentHashMap<>();
    /** OS groups by local account, asked once between two full refreshes. */
    private final Map<String, List<String>> groups = new ConcurrentHashMap<>();
    /** What the remembered list holds now: it is written again only when this changes. */
    private List<PrinterListFile.Entry> written;

    /**
     * @param account the local account whose queues are shown
     * @param spool where the remembered list ({@code printers.ipp}) and the capabilities
     *     ({@code capabilities/}) are kept, so that a spooler started while the engine is away
     *     still shows its printers and takes jobs for them
     */
    QueueMirror(TicketClient engine, LocalPrinters printers, SpoolerConfig config, String account, Path spool) {
        this.engine = engine;
        this.printers = printers;
        this.config = config;
        this.account = account;
        this.remembered = spool.resolve("printers.ipp");
        this.capabilityFiles = new CapabilityFiles(spool.resolve("capabilities"));
        List<PrinterListFile.Entry> entries = PrinterListFile.read(remembered);
        for (PrinterListFile.Entry entry : entries) {
            printers.put(entry.printer());
            configTimes.put(entry.name(), entry.configChangeTime());
        }
        this.written = entries;
        printers.supplyFrom(this);
    }

    /** Asks the engine for the whole list now; throws when it cannot be reached (the old list stays). */
    void refresh() throws IOException {
        groups.clear();
        List<LocalPrinter> shown = new ArrayList<>();
        for (AttributeGroup queue : engine.deployedPrinters(config.identityOf(account), groupsOf(account))) {
            shown.add(described(queue));
        }
        // The timer's refresh and a resubscription's may end together: one changes the list at a time.
        synchronized (this) {
            printers.putAll(shown);
            printers.retainOnly(shown.stream().map(LocalPrinter::name).toList());
            remember();
        }
    }

    /**
     * The engine's news of one queue (§7): a deleted queue goes; any other is looked up again
     * (its state, its configuration, whether it is still shown here and still the user's). News
     * of a queue this spooler neither shows nor was asked for is not its business.
     */
    void follow(String queue, boolean deleted) {
        Optional<LocalPrinter> known = printers.get(queue);
        if (deleted) {
            forget(queue);
            return;
        }
        try {
            AttributeGroup answer = engine.queueFor(queue, config.identityOf(account), groupsOf(account), STATUS);
            boolean shown = Boolean.TRUE.equals(answer.getValue(PrintgateTypes.deployed));
            if (shown || known.isPresent()) {
                keep(answer, shown);
            }
        } catch (TicketException e) {
            if (e.status().equals(Status.clientErrorNotFound) || e.status().equals(Status.clientErrorNotAuthorized)) {
                forget(queue);
            }
        } catch (IOException e) {
            log.info("queue {} not looked up: {}", queue, e.toString());
            return;
        }
        synchronized (this) {
            remember();
        }
    }

    /** A queue a request names that is not known here: usable if the user may use it, listed if shown. */
    @Override
    public Optional<LocalPrinter> lookUp(String name, String user) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,126}")) {
            return Optional.empty();
        }
        try {
            AttributeGroup answer = engine.queueFor(name, config.identityOf(user), groupsOf(user), STATUS);
            keep(answer, Boolean.TRUE.equals(answer.getValue(PrintgateTypes.deployed)) && user.equals(account));
            synchronized (this) {
                remember();
            }
            return printers.get(name);
        } catch (IOException e) {
            // Not the user's, not there, or the engine is away: no printer by that name here.
            log.info("queue {} for {} not looked up: {}", name, user, e.toString());
            return Optional.empty();
        }
    }

    /**
     * The real printer's capabilities: from their file while the queue's configuration has not
     * changed since, else asked of the engine and kept. While the engine is away, the file's
     * whatever their age; none when there is no file (the defaults serve meanwhile).
     */
    @Override
    public List<Attribute<?>> capabilitiesOf(LocalPrinter printer) {
        String name = printer.name();
        Integer changed = configTimes.get(name);
        Optional<CapabilityFiles.Kept> kept = capabilityFiles.read(name);
        if (kept.isPresent() && changed != null && kept.get().configChangeTime() == changed) {
            return kept.get().capabilities();
        }
        try {
            // A print dialog is waiting on this: a few seconds, then the defaults, and asked again next time.
            AttributeGroup answer = engine.queue(name, CAPABILITIES, CAPABILITIES_WAIT);
            // An IPP printer that has not answered the engine yet: the defaults now, asked again next time.
            if (answer == null || answer.get(Types.documentFormatSupported.getName()) == null) {
                return kept.map(CapabilityFiles.Kept::capabilities).orElse(null);
            }
            Integer stamp = answer.getValue(Types.printerConfigChangeTime);
            List<Attribute<?>> capabilities = List.copyOf(answer);
            capabilityFiles.write(name, stamp != null ? stamp : changed != null ? changed : 0, capabilities);
            return capabilities;
        } catch (IOException e) {
            log.info("capabilities of {} not available now: {}", name, e.toString());
            return kept.map(CapabilityFiles.Kept::capabilities).orElse(null);
        }
    }

    /** A queue as the engine describes it, shown here or only usable; its capabilities kept unless its configuration changed. */
    private LocalPrinter keep(AttributeGroup queue, boolean shown) {
        LocalPrinter printer = described(queue);
        if (shown) {
            printers.put(printer);
        } else {
            printers.putUnlisted(printer);
        }
        return printer;
    }

    /** A queue as the engine describes it, with the capabilities known here unless its configuration changed. */
    private LocalPrinter described(AttributeGroup queue) {
        String name = queue.getValue(Types.printerName).getValue();
        URI device = queue.getValue(PrintgateTypes.deviceUri);
        URI snmp = queue.getValue(PrintgateTypes.snmpUri);
        boolean up = !PrinterState.stopped.equals(queue.getValue(Types.printerState));
        List<String> reasons = queue.getValues(Types.printerStateReasons);
        boolean accepting = !Boolean.FALSE.equals(queue.getValue(Types.printerIsAcceptingJobs));
        String location = queue.getValue(Types.printerLocation) == null ? "" : queue.getValue(Types.printerLocation).getValue();
        Integer changed = queue.getValue(Types.printerConfigChangeTime);
        Integer before = changed == null ? configTimes.get(name) : configTimes.put(name, changed);
        if (before != null && changed != null && !before.equals(changed)) {
            printers.forgetCapabilities(name);
        }
        List<Attribute<?>> known = printers.get(name).map(LocalPrinter::capabilities).orElse(List.of());
        return new LocalPrinter(name, device, snmp, up, reasons, accepting, location, known);
    }

    private void forget(String queue) {
        printers.remove(queue);
        configTimes.remove(queue);
        capabilityFiles.delete(queue);
        synchronized (this) {
            remember();
        }
    }

    private List<String> groupsOf(String user) {
        return groups.computeIfAbsent(user, OsGroups::of);
    }

    /** Writes the list down if it is not what the file holds already. */
    private void remember() {
        List<PrinterListFile.Entry> entries = printers.all().stream()
                .map(p -> PrinterListFile.Entry.of(p, configTimes.getOrDefault(p.name(), 0)))
                .sorted(Comparator.comparing(PrinterListFile.Entry::name)).toList();
        if (!entries.equals(written)) {
            PrinterListFile.write(remembered, entries);
            written = entries;
        }
    }
}
