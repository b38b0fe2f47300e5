package org.printgate.engine.ipp;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.MutableAttributeGroup;
import com.hp.jipp.encoding.Name;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.function.BiFunction;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.ticket.Change;
import org.printgate.engine.ticket.QueueEdit;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.protocol.PrintgateTypes;

/**
 * Operators manage printers at run time (docs/ticket-protocol.md §6.11): Create-Printer,
 * Set-Printer-Attributes, Delete-Printer, Pause-Printer and Resume-Printer, Disable-Printer and
 * Enable-Printer. Changes are stored
 * like tickets and survive a restart.
 */
final class PrinterManagement {
    private PrinterManagement() {}

    static void requireOperator(Credential credential) {
        if (!credential.isOperator()) {
            throw new IppException(Status.clientErrorForbidden, "only operators manage printers");
        }
    }

    /** Create-Printer (PWG 5100.22) on the system: a new queue for a printer. */
    static void createPrinter(Targets.SystemTarget target, IppRequest request, IppResponse response) {
        requireOperator(target.credential());
        AttributeGroup printer = request.group(Tag.printerAttributes)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "no printer attributes"));
        String name = IppRequest.value(printer, Types.printerName).map(Name::getValue)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "printer-name is missing"));
        QueueEdit.requireNewName(target.engine().book(), name);
        target.engine().putQueue(editFrom(printer).newQueue(name));
        MutableAttributeGroup group = response.group(Tag.printerAttributes);
        group.add(Types.printerName.of(name));
        group.add(Types.printerUriSupported.of(target.base().queue(name)));
    }

    /** Set-Printer-Attributes on a queue: device, capacity, access list, location. */
    static void setPrinterAttributes(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        requireOperator(target.credential());
        AttributeGroup printer = request.group(Tag.printerAttributes)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "no printer attributes"));
        target.engine().putQueue(editFrom(printer).applyTo(target.queue()));
    }

    static void deletePrinter(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        requireOperator(target.credential());
        target.engine().deleteQueue(target.queue().name());
    }

    static void pausePrinter(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        changeQueueState(target, (book, queue) -> book.setPaused(queue, true));
    }

    static void resumePrinter(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        changeQueueState(target, (book, queue) -> book.setPaused(queue, false));
        target.engine().watch().checkNow(target.queue().name());
    }

    /** Disable-Printer: the queue refuses new tickets (server-error-not-accepting-jobs); those it has go on (§6.11). */
    static void disablePrinter(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        changeQueueState(target, (book, queue) -> book.setAccepting(queue, false));
    }

    /** Enable-Printer: the queue takes new tickets again. */
    static void enablePrinter(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        changeQueueState(target, (book, queue) -> book.setAccepting(queue, true));
    }

    /** An operator's change to the target queue's state in the book, applied as every change is (durably, then told). */
    private static void changeQueueState(Targets.QueueTarget target, BiFunction<TicketBook, String, Change> change) {
        requireOperator(target.credential());
        target.engine().applyToQueue(target.queue().name(), () -> change.apply(target.engine().book(), target.queue().name()));
    }

    /** The change the request's printer attributes ask for; checked by {@link QueueEdit}, as the console's forms are. */
    private static QueueEdit editFrom(AttributeGroup printer) {
        return new QueueEdit(
                IppRequest.value(printer, PrintgateTypes.deviceUri).orElse(null),
                printer.get(PrintgateTypes.snmpUri.getName()) == null ? null : IppRequest.value(printer, PrintgateTypes.snmpUri),
                IppRequest.value(printer, PrintgateTypes.maxJobs).orElse(null),
                IppRequest.value(printer, PrintgateTypes.maxKOctets).map(Integer::longValue).orElse(null),
                printer.get(PrintgateTypes.allowedUsers.getName()) == null ? null
                        : printer.getValues(PrintgateTypes.allowedUsers).stream().map(Name::getValue).toList(),
                IppRequest.value(printer, Types.printerLocation).map(t -> t.getValue()).orElse(null));
    }
}
