package org.printgate.engine.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.MutableAttributeGroup;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.RequestedAttribute;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import com.hp.jipp.model.WhichJobs;
import java.util.List;
import java.util.Optional;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.device.DeviceCapabilities;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.engine.ticket.TicketState;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.OperationTable;
import org.printgate.protocol.PrintgateTypes;

/** Operations on a printer's queue, {@code /ipp/print/<queue>} (docs/ticket-protocol.md §6.3, §6.10). */
final class QueueOperations {
    static final OperationTable<Targets.QueueTarget> TABLE = OperationTable.<Targets.QueueTarget>builder()
            .on(Operation.createJob, QueueOperations::createJob)
            .on(Operation.validateJob, QueueOperations::validateJob)
            .on(Operation.getJobs, QueueOperations::getJobs)
            .on(Operation.getPrinterAttributes, QueueOperations::getPrinterAttributes)
            .on(Operation.setPrinterAttributes, PrinterManagement::setPrinterAttributes)
            .on(Operation.deletePrinter, PrinterManagement::deletePrinter)
            .on(Operation.pausePrinter, PrinterManagement::pausePrinter)
            .on(Operation.resumePrinter, PrinterManagement::resumePrinter)
            .on(Operation.disablePrinter, PrinterManagement::disablePrinter)
            .on(Operation.enablePrinter, PrinterManagement::enablePrinter)
            .on(Operation.cancelMyJobs, BulkCancel::cancelMyJobsOnQueue)
            .on(Operation.cancelJobs, BulkCancel::cancelJobsOnQueue)
            .on(Operation.updateOutputDeviceAttributes, OutputDeviceOperations::updateOutputDeviceAttributes)
            .build();

    /** The highest job-priority a user gets unless an operator sets more (§9.1). */
    static final int USER_MAX_PRIORITY = 50;
    private static final int MAX_NAME = 255;

    private QueueOperations() {}

    /** A ticket request (3-1..3-5): a job id at once, or the reason there is none. */
    static void createJob(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        String user = checkTicketRequest(target, request, response);
        TicketBook book = target.engine().book();
        String jobName = request.operationValue(Types.jobName).map(n -> n.getValue()).orElse("untitled");
        int priority = jobPriority(target, request);
        long kOctets = request.operationValue(Types.jobKOctets).orElse(-1);
        int impressions = request.operationValue(Types.jobImpressions).orElse(-1);
        if (jobName.length() > MAX_NAME) {
            throw new IppException(Status.clientErrorRequestValueTooLong, "job-name is longer than 255");
        }
        if (kOctets < -1 || impressions < -1) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "sizes must not be negative");
        }
        String requestKey = requestKey(request);
        Ticket ticket = target.engine().apply(() -> book.request(target.queue().name(), user,
                target.credential().name(), jobName, priority, kOctets, impressions, requestKey,
                target.credential().maxLiveJobs())).subject();
        response.group(Tag.jobAttributes).putAll(EngineJobAttributes.summaryWithPlace(ticket, target.base(), book));
    }

    /** SHA-256 of the whole request, request-id included: a resend byte for byte is the same request (§11.1). */
    private static String requestKey(IppRequest request) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            request.packet().write(bytes);
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Create-Job's checks without a ticket (§6.3). */
    static void validateJob(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        checkTicketRequest(target, request, response);
    }

    /** The checks of 3-2, in the order of §6.3; returns the user the ticket is for. */
    private static String checkTicketRequest(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        Credential credential = target.credential();
        // Who is the ticket for, and may this credential act for them (claim 11)?
        Optional<String> named = request.operationValue(Types.requestingUserName).map(n -> n.getValue());
        String user = named.orElseGet(credential::soleIdentity);
        if (user == null) {
            throw new IppException(Status.clientErrorBadRequest, "requesting-user-name (user@domain) is missing");
        }
        if (!credential.mayActAs(user)) {
            throw new IppException(Status.clientErrorForbidden, "this credential may not print as " + user);
        }
        // Is the client software one we accept (3-11, 3-13)?
        target.software().check(credential, request, response);
        // May the user print here (3-9)? If not, say where they may (3-10).
        QueueConfig queue = target.queue();
        if (!queue.allows(user)) {
            target.base().offerAllowedPrinters(target.engine().book(), user, response);
            throw new IppException(Status.clientErrorNotAuthorized, user + " may not print on " + queue.name());
        }
        // Is the queue taking new tickets, or has an operator disabled it (§6.11)?
        if (!queue.acceptingJobs()) {
            throw new IppException(Status.serverErrorNotAcceptingJobs, queue.name() + " is not accepting jobs");
        }
        return user;
    }

    private static int jobPriority(Targets.QueueTarget target, IppRequest request) {
        int requested = request.group(Tag.jobAttributes)
                .flatMap(group -> IppRequest.value(group, Types.jobPriority)).orElse(USER_MAX_PRIORITY);
        if (requested < 1 || requested > 100) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "job-priority must be 1-100");
        }
        return target.credential().isOperator() ? requested : Math.min(requested, USER_MAX_PRIORITY);
    }

    /** The queue's jobs; a non-operator sees only its own (§2.5). */
    static void getJobs(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        String which = request.operationValue(Types.whichJobs).orElse(WhichJobs.notCompleted);
        int limit = request.operationValue(Types.limit).orElse(Integer.MAX_VALUE);
        TicketBook book = target.engine().book();
        List<Ticket> tickets = switch (which) {
            case WhichJobs.notCompleted -> book.liveTickets(target.queue().name());
            case WhichJobs.completed -> book.endedTickets(target.queue().name());
            case WhichJobs.all -> {
                List<Ticket> all = new java.util.ArrayList<>(book.liveTickets(target.queue().name()));
                all.addAll(book.endedTickets(target.queue().name()));
                yield all;
            }
            default -> throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "which-jobs " + which);
        };
        List<String> requested = request.operationValues(Types.requestedAttributes);
        int count = 0;
        // Live tickets come in schedule order, so the waiting ones' places are counted on the way
        // (everyone's, also those this client may not see): one pass, not one count per ticket.
        int waitingBefore = 0;
        for (Ticket ticket : tickets) {
            if (count >= limit) {
                break;
            }
            int place = ticket.state() == TicketState.QUEUED ? waitingBefore++ : 0;
            if (!JobOperations.maySee(target.credential(), ticket)) {
                continue;
            }
            MutableAttributeGroup group = response.newGroup(Tag.jobAttributes);
            EngineJobAttributes.of(ticket, target.base(), book, place).stream()
                    .filter(a -> requested.contains("all") || (requested.isEmpty()
                            ? a.getName().equals("job-id") || a.getName().equals("job-uri") : requested.contains(a.getName())))
                    .forEach(group::add);
            count++;
        }
    }

    /**
     * The queue as clients see it (§6.10): state, capacity, where the printer is, and what the
     * device can do. With {@code requested-attributes} only those (a group name such as
     * {@code printer-description}, or {@code all}, asks for everything); the device is not asked
     * for its capabilities unless some are wanted.
     */
    static void getPrinterAttributes(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        TicketBook book = target.engine().book();
        QueueConfig queue = target.queue();
        Credential credential = target.credential();
        List<String> requested = request.operationValues(Types.requestedAttributes);
        boolean everything = requested.isEmpty() || requested.stream().anyMatch(ALL_GROUPS::contains);
        java.util.function.Predicate<String> wanted = name -> everything || requested.contains(name);
        List<Attribute<?>> attributes = new java.util.ArrayList<>(statusWithConfigTime(target.engine(), target.base(), queue));
        // Asked for a user (a spooler looking up a queue a job names, §6.10): may the credential
        // speak for them, may they use the queue, and does the deployment policy show it to them?
        Optional<String> user = request.operationValue(Types.requestingUserName).map(n -> n.getValue());
        if (user.isPresent()) {
            if (!credential.mayActAs(user.get())) {
                throw new IppException(Status.clientErrorForbidden, "this credential may not act as " + user.get());
            }
            if (!queue.allows(user.get())) {
                target.base().offerAllowedPrinters(book, user.get(), response);
                throw new IppException(Status.clientErrorNotAuthorized, user.get() + " may not print on " + queue.name());
            }
            List<String> groups = request.operationValues(PrintgateTypes.userGroups).stream().map(n -> n.getValue()).toList();
            attributes.add(PrintgateTypes.deployed.of(target.engine().deploys(credential, user.get(), groups, queue)));
        }
        attributes.add(PrintgateTypes.maxJobs.of(queue.maxJobs()));
        attributes.add(PrintgateTypes.maxKOctets.of((int) Math.min(Integer.MAX_VALUE, queue.maxKOctets())));
        attributes.add(PrintgateTypes.grantedJobs.of(book.grantedJobs(queue.name())));
        attributes.add(PrintgateTypes.grantedKOctets.of((int) Math.min(Integer.MAX_VALUE, book.grantedKOctets(queue.name()))));
        if (target.credential().isOperator()) {
            attributes.add(PrintgateTypes.allowedUsers.of(queue.allowedUsers().stream().map(com.hp.jipp.encoding.Name::new).toList()));
            attributes.addAll(FirmwareAttributes.of(target.engine(), queue.name()));
        }
        if (everything || requested.stream().anyMatch(DeviceCapabilities::isCapability)) {
            attributes.addAll(target.engine().capabilities(queue));
        }
        MutableAttributeGroup group = response.group(Tag.printerAttributes);
        attributes.stream().filter(a -> wanted.test(a.getName())).forEach(group::add);
    }

    /** requested-attributes values that ask for every attribute the engine has (RFC 8011 §4.2.5.1). */
    private static final java.util.Set<String> ALL_GROUPS = java.util.Set.of(RequestedAttribute.all,
            RequestedAttribute.printerDescription, RequestedAttribute.jobTemplate);

    /**
     * {@link #status}, and printer-config-change-time (Unix seconds): a spooler keeps the queue's
     * capabilities until it changes.
     */
    static List<Attribute<?>> statusWithConfigTime(org.printgate.engine.Engine engine, Targets.Base base, QueueConfig queue) {
        List<Attribute<?>> status = status(engine.book(), base, queue);
        status.add(Types.printerConfigChangeTime.of(engine.configChangeTime(queue.name())));
        return status;
    }

    /**
     * What a client needs to know of a queue at a glance, in Get-Printer-Attributes and in each
     * Get-Printers group: its names, its device, its state and how many tickets wait on it.
     */
    static List<Attribute<?>> status(TicketBook book, Targets.Base base, QueueConfig queue) {
        boolean up = book.isUp(queue.name());
        int granted = book.grantedJobs(queue.name());
        List<Attribute<?>> status = new java.util.ArrayList<>(List.of(
                Types.printerName.of(queue.name()),
                Types.printerUriSupported.of(base.queue(queue.name())),
                PrintgateTypes.deviceUri.of(queue.deviceUri()),
                Types.printerLocation.of(queue.location()),
                Types.printerState.of(!up ? PrinterState.stopped : granted > 0 ? PrinterState.processing : PrinterState.idle),
                Types.printerStateReasons.of(up ? List.of("none") : book.downReasons(queue.name())),
                Types.printerIsAcceptingJobs.of(queue.acceptingJobs()),
                Types.queuedJobCount.of(book.queuedJobCount(queue.name()))));
        // A spooler counts the pages of a raw socket printer with its SNMP page counter (seed 001).
        if (queue.snmpUri() != null) {
            status.add(PrintgateTypes.snmpUri.of(queue.snmpUri()));
        }
        return status;
    }
}
