package org.printgate.spooler.local;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.MutableAttributeGroup;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.encoding.UntypedEnum;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.OperationTable;
import org.printgate.ipp.RequestedAttributes;
import org.printgate.spooler.spool.SpoolJobs;

/**
 * The spooler as a print server rather than one printer: its printers and its default one, as
 * CUPS's clients ask any server they are pointed at ({@code lpstat -h}, {@code lp -h}, print
 * dialogs: CUPS-Get-Printers, CUPS-Get-Default) and as PWG 5100.22 §7.1.13 Get-Printers lists
 * a system's printers. The default printer is the first by name.
 */
final class LocalServerOperations {

    static final OperationTable<ServerTarget> TABLE = OperationTable.<ServerTarget>builder()
            .on(ExtraTypes.cupsGetDefault, LocalServerOperations::cupsGetDefault)
            .on(ExtraTypes.cupsGetPrinters, LocalServerOperations::cupsGetPrinters)
            .on(Operation.getPrinters, LocalServerOperations::getPrinters)
            .build();

    private LocalServerOperations() {}

    /** The server as one request addresses it. */
    record ServerTarget(String authority, List<Operation> operations, LocalPrinters printers, SpoolJobs jobs) {}

    /** The printer a request for the server itself means: the first by name, until one can be configured. */
    static Optional<LocalPrinter> defaultPrinter(LocalPrinters printers) {
        return printers.all().stream().findFirst();
    }

    static void cupsGetDefault(ServerTarget target, IppRequest request, IppResponse response) {
        // Is there a printer at all?
        LocalPrinter printer = defaultPrinter(target.printers())
                .orElseThrow(() -> new IppException(Status.clientErrorNotFound, "no printers yet: the engine has named no queues"));
        addPrinter(target, request, response, printer);
    }

    /** CUPS-Get-Printers: from first-printer-name on, those whose printer-type matches under printer-type-mask, up to limit. */
    static void cupsGetPrinters(ServerTarget target, IppRequest request, IppResponse response) {
        int limit = limit(request);
        String first = request.operationValue(ExtraTypes.firstPrinterName).map(name -> name.getValue()).orElse("");
        int type = request.operationValue(ExtraTypes.printerType).map(UntypedEnum::getCode).orElse(0);
        int mask = request.operationValue(ExtraTypes.printerTypeMask).map(UntypedEnum::getCode).orElse(0);
        int listed = 0;
        for (LocalPrinter printer : target.printers().all()) {
            if (printer.name().compareTo(first) < 0 || (printerType(target, printer) & mask) != (type & mask)) {
                continue;
            }
            if (listed++ == limit) {
                break;
            }
            addPrinter(target, request, response, printer);
        }
    }

    /** Get-Printers (PWG 5100.22 §7.1.13): every printer, up to limit. */
    static void getPrinters(ServerTarget target, IppRequest request, IppResponse response) {
        target.printers().all().stream().limit(limit(request)).forEach(printer -> addPrinter(target, request, response, printer));
    }

    private static int limit(IppRequest request) {
        int limit = request.operationValue(Types.limit).orElse(Integer.MAX_VALUE);
        if (limit < 1) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "limit must be at least 1");
        }
        return limit;
    }

    /**
     * One printer-attributes group: what requested-attributes asks for, and printer-name always,
     * so a client can tell the groups apart. device-uri (the real printer) only when named.
     */
    private static void addPrinter(ServerTarget target, IppRequest request, IppResponse response, LocalPrinter listed) {
        // Its capabilities are wanted now (printer-type says colour and duplex): fetched if not yet.
        LocalPrinter printer = target.printers().ready(listed.name(), Callers.of(request).user(request)).orElse(listed);
        List<Attribute<?>> attributes = new ArrayList<>(
                LocalPrinterAttributes.of(printer, target.authority(), target.operations(), target.jobs(), target.printers()));
        attributes.add(ExtraTypes.printerType.of(printerType(target, printer)));
        MutableAttributeGroup group = response.newGroup(Tag.printerAttributes);
        RequestedAttributes wanted = RequestedAttributes.of(request, Set.of("all"));
        if (!wanted.wants(Types.printerName.getName())) {
            group.put(Types.printerName.of(printer.name()));
        }
        wanted.copy(attributes, group);
        if (request.operationValues(Types.requestedAttributes).contains(ExtraTypes.deviceUri.getName())) {
            group.put(ExtraTypes.deviceUri.of(printer.deviceUri()));
        }
    }

    /** printer-type: the printer's own bits, and whether it is the server's default. */
    static int printerType(ServerTarget target, LocalPrinter printer) {
        boolean isDefault = defaultPrinter(target.printers()).filter(p -> p.name().equals(printer.name())).isPresent();
        return CupsPrinterType.of(printer) | (isDefault ? CupsPrinterType.DEFAULT : 0);
    }
}
