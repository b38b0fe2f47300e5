package org.printgate.spooler.ticket;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.printgate.protocol.PrintgateTypes;
import org.printgate.protocol.client.TicketClient;
import org.printgate.spooler.local.LocalPrinter;
import org.printgate.spooler.local.LocalPrinters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the local printers in step with the engine's queues (new, removed, renamed, up or down:
 * the engine tells a spooler of printer changes only while it has jobs there), each with
 * the real printer's capabilities as the engine knows them (for IPP printers, their own
 * Get-Printer-Attributes answer; for socket printers, the engine's configuration).
 */
final class QueueMirror {
    private static final Logger log = LoggerFactory.getLogger(QueueMirror.class);

    /** The capability attributes asked of the engine for each queue. */
    private static final List<String> CAPABILITIES = List.of("all");

    private final TicketClient engine;
    private final LocalPrinters printers;
    private final String identity;

    private final java.nio.file.Path remembered;
    private final java.util.Map<String, Instant> capabilitiesAskedAt = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Duration CAPABILITIES_MAX_AGE = Duration.ofMinutes(5);
    private final Clock clock;

    /**
     * @param remembered where the last list is kept, so that a spooler started while the engine
     *     is away still shows its printers and takes jobs for them
     * @param clock what "now" is, for the capabilities' age
     */
    QueueMirror(TicketClient engine, LocalPrinters printers, String identity, java.nio.file.Path remembered, Clock clock) {
        this.engine = engine;
        this.clock = clock;
        this.printers = printers;
        this.identity = identity;
        this.remembered = remembered;
        for (LocalPrinter printer : PrinterListFile.read(remembered)) {
            printers.put(printer);
        }
    }

    /** Asks the engine for the queues now; throws when it cannot be reached (the old list stays). */
    void refresh() throws IOException {
        List<String> names = new ArrayList<>();
        for (AttributeGroup queue : engine.printers(identity)) {
            String name = queue.getValue(Types.printerName).getValue();
            names.add(name);
            URI device = queue.getValue(PrintgateTypes.deviceUri);
            URI snmp = queue.getValue(PrintgateTypes.snmpUri);
            boolean up = !PrinterState.stopped.equals(queue.getValue(Types.printerState));
            List<String> reasons = queue.getValues(Types.printerStateReasons);
            boolean accepting = !Boolean.FALSE.equals(queue.getValue(Types.printerIsAcceptingJobs));
            String location = queue.getValue(Types.printerLocation) == null ? "" : queue.getValue(Types.printerLocation).getValue();
            List<Attribute<?>> known = printers.get(name).map(LocalPrinter::capabilities).orElse(List.of());
            // Capabilities change rarely: asked for when a queue is new, then every few minutes.
            Instant askedAt = capabilitiesAskedAt.get(name);
            boolean stale = known.isEmpty() || askedAt == null || clock.instant().isAfter(askedAt.plus(CAPABILITIES_MAX_AGE));
            List<Attribute<?>> capabilities = stale ? capabilitiesOf(name, known) : known;
            if (stale && capabilities != known) {
                capabilitiesAskedAt.put(name, clock.instant());
            }
            printers.put(new LocalPrinter(name, device, snmp, up, reasons, accepting, location, capabilities));
        }
        // The timer's refresh and a resubscription's may end together: one writes the file at a time.
        synchronized (this) {
            printers.retainOnly(names);
            PrinterListFile.write(remembered, printers.all());
        }
    }

    private List<Attribute<?>> capabilitiesOf(String queue, List<Attribute<?>> known) {
        try {
            AttributeGroup answer = engine.queue(queue, CAPABILITIES);
            return answer == null ? known : List.copyOf(answer);
        } catch (IOException e) {
            log.info("capabilities of {} not available yet: {}", queue, e.toString());
            return known;
        }
    }
}
