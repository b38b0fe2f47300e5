package org.printgate.engine.ipp;

import com.hp.jipp.encoding.MutableAttributeGroup;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.List;
import java.util.Optional;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.OperationTable;

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
                target.credential().name(), jobName, priority, kOctets, impressions, requestKey)).subject();
        response.group(Tag.jobAttributes).putAll(EngineJobAttributes.summary(ticket, target.base()));
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
        String which = request.operationValue(Types.whichJobs).orElse("not-completed");
        int limit = request.operationValue(Types.limit).orElse(Integer.MAX_VALUE);
        TicketBook book = target.engine().book();
        List<Ticket> tickets = switch (which) {
            case "not-completed" -> book.liveTickets(target.queue().name());
            case "completed" -> book.endedTickets(target.queue().name());
            case "all" -> {
                List<Ticket> all = new java.util.ArrayList<>(book.liveTickets(target.queue().name()));
                all.addAll(book.endedTickets(target.queue().name()));
                yield all;
            }
            default -> throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "which-jobs " + which);
        };
        List<String> requested = request.operationValues(Types.requestedAttributes);
        int count = 0;
        for (Ticket ticket : tickets) {
            if (count >= limit) {
                break;
            }
            if (!JobOperations.maySee(target.credential(), ticket)) {
                continue;
            }
            MutableAttributeGroup group = response.newGroup(Tag.jobAttributes);
            EngineJobAttributes.of(ticket, target.base(), book).stream()
                    .filter(a -> requested.contains("all") || (requested.isEmpty()
                            ? a.getName().equals("job-id") || a.getName().equals("job-uri") : requested.contains(a.getName())))
                    .forEach(group::add);
            count++;
        }
    }

    /** The queue as clients see it: state, capacity, where the printer is (§6.10). */
    static void getPrinterAttributes(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        TicketBook book = target.engine().book();
        QueueConfig queue = target.queue();
        MutableAttributeGroup group = response.group(Tag.printerAttributes);
        boolean up = book.isUp(queue.name());
        int granted = book.grantedJobs(queue.name());
        group.add(Types.printerName.of(queue.name()));
        group.add(Types.printerUriSupported.of(target.base().queue(queue.name())));
        group.add(Types.printerLocation.of(queue.location()));
        group.add(Types.printerState.of(!up ? PrinterState.stopped : granted > 0 ? PrinterState.processing : PrinterState.idle));
        group.add(Types.printerIsAcceptingJobs.of(true));
        group.add(Types.printerStateReasons.of(up ? List.of("none") : book.downReasons(queue.name())));
        group.add(Types.queuedJobCount.of(book.queuedJobCount(queue.name())));
        group.add(PrintgateTypes.deviceUri.of(queue.deviceUri()));
        group.add(PrintgateTypes.maxJobs.of(queue.maxJobs()));
        group.add(PrintgateTypes.maxKOctets.of((int) Math.min(Integer.MAX_VALUE, queue.maxKOctets())));
        group.add(PrintgateTypes.grantedJobs.of(granted));
        group.add(PrintgateTypes.grantedKOctets.of((int) Math.min(Integer.MAX_VALUE, book.grantedKOctets(queue.name()))));
        if (target.credential().isOperator()) {
            group.add(PrintgateTypes.allowedUsers.of(queue.allowedUsers().stream().map(com.hp.jipp.encoding.Name::new).toList()));
        }
    }
}
