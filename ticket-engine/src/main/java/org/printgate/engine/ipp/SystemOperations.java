package org.printgate.engine.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.MutableAttributeGroup;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.NotifyEvent;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.List;
import java.util.Set;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.events.ClientEvents;
import org.printgate.engine.ticket.EngineEvent;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.ipp.DeferredAnswer;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.OperationTable;
import org.printgate.ipp.RequestedAttributes;
import org.printgate.protocol.PrintgateTypes;

/** Operations on the engine itself, {@code /ipp/system} (docs/ticket-protocol.md §6.2, §6.5, §6.10). */
final class SystemOperations {
    static final OperationTable<Targets.SystemTarget> TABLE = OperationTable.<Targets.SystemTarget>builder()
            .on(Operation.createSystemSubscriptions, SystemOperations::createSystemSubscriptions)
            .on(Operation.getNotifications, SystemOperations::getNotifications)
            .on(Operation.renewSubscription, SystemOperations::renewSubscription)
            .on(Operation.cancelSubscription, SystemOperations::cancelSubscription)
            .on(Operation.getSubscriptionAttributes, SystemOperations::getSubscriptionAttributes)
            .on(Operation.getPrinters, SystemOperations::getPrinters)
            .on(Operation.getSystemAttributes, SystemOperations::getSystemAttributes)
            .on(Operation.createPrinter, PrinterManagement::createPrinter)
            .on(Operation.updateActiveJobs, SystemOperations::updateActiveJobs)
            .on(Operation.cancelMyJobs, BulkCancel::cancelMyJobsEverywhere)
            .on(Operation.cancelJobs, BulkCancel::cancelJobsEverywhere)
            .build();

    /** What every subscription is given (docs/ticket-protocol.md §6.2). */
    private static final List<String> SUBSCRIBED_EVENTS = List.of(NotifyEvent.jobFetchable, NotifyEvent.jobStateChanged,
            NotifyEvent.printerStateChanged, NotifyEvent.printerCreated, NotifyEvent.printerDeleted,
            NotifyEvent.printerConfigChanged);

    private SystemOperations() {}

    /**
     * One subscription per client, for all its jobs (§6.2), leased: {@code notify-lease-duration}
     * as asked within the engine's range (none: the default; 0: the maximum), granted value answered.
     */
    static void createSystemSubscriptions(Targets.SystemTarget target, IppRequest request, IppResponse response) {
        java.time.Duration lease = grantedLease(target, request);
        int id = target.engine().events().subscribe(target.credential().name(), lease);
        MutableAttributeGroup group = response.group(Tag.subscriptionAttributes);
        group.add(Types.notifySubscriptionId.of(id));
        group.add(Types.notifyLeaseDuration.of((int) lease.toSeconds()));
    }

    /** Renew-Subscription (RFC 3995 §11.2.6): a client's own subscription, a new lease as Create-System-Subscriptions grants it. */
    static void renewSubscription(Targets.SystemTarget target, IppRequest request, IppResponse response) {
        int id = ownSubscription(target, request, response);
        java.time.Duration lease = grantedLease(target, request);
        if (!target.engine().events().renew(id, lease)) {
            throw new IppException(Status.clientErrorNotFound, "no subscription " + id);
        }
        response.group(Tag.subscriptionAttributes).add(Types.notifyLeaseDuration.of((int) lease.toSeconds()));
    }

    /** Cancel-Subscription (RFC 3995 §11.2.7): a client ends its own subscription; an operator any. */
    static void cancelSubscription(Targets.SystemTarget target, IppRequest request, IppResponse response) {
        int id = ownSubscription(target, request, response);
        if (!target.engine().events().cancel(id)) {
            throw new IppException(Status.clientErrorNotFound, "no subscription " + id);
        }
    }

    /**
     * Get-Subscription-Attributes (RFC 3995 §11.2.4): a client's own subscription, an operator's
     * any. The engine gives every subscription the same events by the same pull method (§6.2).
     */
    static void getSubscriptionAttributes(Targets.SystemTarget target, IppRequest request, IppResponse response) {
        int id = ownSubscription(target, request, response);
        ClientEvents.Description subscription = target.engine().events().describe(id)
                .orElseThrow(() -> new IppException(Status.clientErrorNotFound, "no subscription " + id));
        long leaseSeconds = Math.min(Integer.MAX_VALUE, subscription.lease().toSeconds());
        RequestedAttributes.of(request, Set.of("all")).copy(List.<Attribute<?>>of(
                Types.notifySubscriptionId.of(id),
                Types.notifySubscriberUserName.of(subscription.holder()),
                Types.notifyEvents.of(SUBSCRIBED_EVENTS),
                Types.notifyPullMethod.of("ippget"),
                Types.notifyLeaseDuration.of((int) leaseSeconds),
                Types.notifySequenceNumber.of(subscription.lastSequence()),
                Types.notifyTimeInterval.of(0),
                Types.notifyCharset.of(ExtraTypes.charsetUtf8),
                Types.notifyNaturalLanguage.of("en")), response.group(Tag.subscriptionAttributes));
    }

    /** The lease for the request's notify-lease-duration, within the engine's range (none: the default; 0: the maximum). */
    private static java.time.Duration grantedLease(Targets.SystemTarget target, IppRequest request) {
        Integer asked = request.group(Tag.subscriptionAttributes)
                .flatMap(group -> IppRequest.value(group, Types.notifyLeaseDuration)).orElse(null);
        if (asked != null && asked < 0) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "notify-lease-duration < 0");
        }
        return target.engine().book().timeouts().leaseFor(asked);
    }

    /**
     * The notify-subscription-id of the request, if the requester may touch that subscription:
     * its own, or any for an operator; others' do not exist for it (§2.5).
     */
    private static int ownSubscription(Targets.SystemTarget target, IppRequest request, IppResponse response) {
        int id = request.operationValue(Types.notifySubscriptionId)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "notify-subscription-id is missing"));
        java.util.Optional<String> holder = target.engine().events().holderOf(id);
        if (holder.isEmpty() || !(target.credential().isOperator() || holder.get().equals(target.credential().name()))) {
            response.unsupported(Types.notifySubscriptionId.of(id));
            throw new IppException(Status.clientErrorNotFound, "no subscription " + id);
        }
        return id;
    }

    /**
     * The long-poll (§6.5): events from the given sequence number on, at once or when one comes.
     * Acknowledged go-aheads (sequence numbers passed) are confirmed: the implicit confirm (§6.6).
     */
    static void getNotifications(Targets.SystemTarget target, IppRequest request, IppResponse response) {
        List<Integer> ids = request.operationValues(Types.notifySubscriptionIds);
        if (ids.isEmpty()) {
            throw new IppException(Status.clientErrorBadRequest, "notify-subscription-ids is missing");
        }
        int subscription = ids.get(0);
        List<Integer> sequences = request.operationValues(Types.notifySequenceNumbers);
        int from = sequences.isEmpty() ? 1 : sequences.get(0);
        boolean wait = request.operationValue(Types.notifyWait).orElse(false);
        String holder = target.credential().name();
        ClientEvents events = target.engine().events();
        // Is it this client's subscription? Others' do not exist for it (§2.5).
        // A lapsed lease (§6.2) looks the same: the client subscribes again and resynchronises.
        if (!events.holderOf(subscription).map(holder::equals).orElse(false)) {
            response.unsupported(Types.notifySubscriptionIds.of(subscription));
            throw new IppException(Status.clientErrorNotFound, "no subscription " + subscription);
        }
        DeferredAnswer answer = response.defer();
        TicketBook book = target.engine().book();
        boolean exists = events.poll(subscription, from, wait, (id, numbered) -> {
            response.operation().add(Types.notifyGetInterval.of(0));
            for (ClientEvents.Numbered event : numbered) {
                eventGroup(response.newGroup(Tag.eventNotificationAttributes), id, event, target.base());
            }
            answer.send();
        }, acknowledged -> acknowledged.stream()
                .filter(n -> n.event().kind().equals(EngineEvent.JOB_FETCHABLE))
                .forEach(n -> confirmQuietly(target, book, n.event())));
        if (!exists) {
            // Its lease ran out between the check above and the poll.
            response.unsupported(Types.notifySubscriptionIds.of(subscription));
            response.respond(Status.clientErrorNotFound, "no subscription " + subscription);
            answer.send();
        }
    }

    private static void confirmQuietly(Targets.SystemTarget target, TicketBook book, EngineEvent goAhead) {
        try {
            target.engine().apply(() -> book.confirm(goAhead.jobId(), goAhead.holder()));
        } catch (IppException e) {
            // The go-ahead ran out or the job moved on: the client learns it from its next request.
        }
    }

    private static void eventGroup(MutableAttributeGroup group, int subscription, ClientEvents.Numbered numbered,
                                   Targets.Base base) {
        EngineEvent event = numbered.event();
        group.add(Types.notifySubscriptionId.of(subscription));
        group.add(Types.notifySequenceNumber.of(numbered.sequence()));
        group.add(Types.notifySubscribedEvent.of(event.kind()));
        group.add(Types.notifyPrinterUri.of(base.queue(event.queue())));
        if (event.isPrinterEvent()) {
            boolean up = event.reasons().contains("none");
            group.add(Types.printerState.of(up ? com.hp.jipp.model.PrinterState.idle : com.hp.jipp.model.PrinterState.stopped));
            group.add(Types.printerStateReasons.of(event.reasons()));
            group.add(Types.printerStateMessage.of(event.message()));
            return;
        }
        group.add(Types.jobId.of((int) event.jobId()));
        group.add(Types.jobState.of(event.state().jobState()));
        group.add(Types.jobStateReasons.of(event.reasons()));
        if (event.deviceUri() != null) {
            group.add(PrintgateTypes.deviceUri.of(event.deviceUri()));
            group.add(PrintgateTypes.grantLease.of(event.leaseSeconds()));
        } else if (event.message() != null && !event.message().isEmpty()) {
            // Why the engine changed the job (§7): what the client's user reads. Not in the
            // go-ahead, whose bytes every job pays (§13).
            group.add(Types.jobStateMessage.of(event.message()));
        }
    }

    /**
     * Update-Active-Jobs (PWG 5100.18; §11.3): a client that restarted lists its live jobs and the
     * states it believes; the answer lists those the engine sees otherwise, and the client's live
     * jobs it did not list. Ids the engine does not know go back as unsupported.
     */
    static void updateActiveJobs(Targets.SystemTarget target, IppRequest request, IppResponse response) {
        List<Integer> ids = request.operationValues(Types.jobIds);
        List<JobState> states = request.operationValues(Types.outputDeviceJobStates);
        if (ids.size() != states.size() || ids.size() > 1000) {
            throw new IppException(Status.clientErrorBadRequest, "job-ids and output-device-job-states must pair up (at most 1000)");
        }
        TicketBook book = target.engine().book();
        String holder = target.credential().name();
        List<Integer> differing = new java.util.ArrayList<>();
        List<JobState> engineStates = new java.util.ArrayList<>();
        List<Integer> unknown = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            var ticket = book.ticket(ids.get(i)).filter(t -> t.holder().equals(holder));
            if (ticket.isEmpty()) {
                unknown.add(ids.get(i));
            } else if (!ticket.get().state().jobState().equals(states.get(i))) {
                differing.add(ids.get(i));
                engineStates.add(ticket.get().state().jobState());
            }
        }
        for (var ticket : book.liveTicketsOf(holder)) {
            if (!ids.contains((int) ticket.jobId())) {
                differing.add((int) ticket.jobId());
                engineStates.add(ticket.state().jobState());
            }
        }
        if (!differing.isEmpty()) {
            response.operation().add(Types.jobIds.of(differing));
            response.operation().add(Types.outputDeviceJobStates.of(engineStates));
        }
        if (!unknown.isEmpty()) {
            response.unsupported(Types.jobIds.of(unknown));
        }
    }

    /** The engine's state and its timers, which a spooler reads once at start (§6.10, §10). */
    static void getSystemAttributes(Targets.SystemTarget target, IppRequest request, IppResponse response) {
        MutableAttributeGroup group = response.group(Tag.systemAttributes);
        var timeouts = target.engine().book().timeouts();
        group.add(Types.systemName.of("printgate-engine"));
        group.add(Types.systemState.of(com.hp.jipp.model.SystemState.idle));
        group.add(Types.systemUpTime.of(target.engine().upTimeSeconds()));
        group.add(PrintgateTypes.timeouts.of(new com.hp.jipp.encoding.UntypedCollection(List.of(
                new com.hp.jipp.encoding.IntType("confirm").of((int) timeouts.confirm().toSeconds()),
                new com.hp.jipp.encoding.IntType("stall").of((int) timeouts.stall().toSeconds()),
                new com.hp.jipp.encoding.IntType("fail").of((int) timeouts.fail().toSeconds()),
                new com.hp.jipp.encoding.IntType("poll-hold").of((int) timeouts.pollHold().toSeconds()),
                new com.hp.jipp.encoding.IntType("subscription-lease").of((int) timeouts.subscriptionLease().toSeconds())))));
    }

    /**
     * The queues this client may use (PWG 5100.22 Get-Printers, §6.10), each with its status. With
     * {@code requesting-user-name} (an identity the credential may speak for) only the queues that
     * user may print on: a workstation spooler asks per logged-on user. With {@code printgate-deployed}
     * true only those the deployment policy shows this workstation and user (in the OS groups
     * {@code printgate-user-groups} names): what a spooler lists as local printers.
     */
    static void getPrinters(Targets.SystemTarget target, IppRequest request, IppResponse response) {
        Credential credential = target.credential();
        java.util.Optional<String> user = request.operationValue(Types.requestingUserName).map(n -> n.getValue());
        // May this credential speak for that user (§2.4)?
        if (user.isPresent() && !credential.mayActAs(user.get())) {
            throw new IppException(Status.clientErrorForbidden, "this credential may not act as " + user.get());
        }
        java.util.function.Predicate<QueueConfig> visible = user.isPresent()
                ? queue -> queue.allows(user.get())
                : queue -> credential.isOperator() || credential.identities().stream().anyMatch(queue::allows);
        // Which of them does the deployment policy show here?
        if (request.operationValue(PrintgateTypes.deployed).orElse(false)) {
            List<String> groups = request.operationValues(PrintgateTypes.userGroups).stream().map(n -> n.getValue()).toList();
            visible = visible.and(queue -> target.engine().deploys(credential, user.orElse(null), groups, queue));
        }
        List<String> requested = request.operationValues(Types.requestedAttributes);
        TicketBook book = target.engine().book();
        for (QueueConfig queue : book.queues()) {
            if (visible.test(queue)) {
                MutableAttributeGroup group = response.newGroup(Tag.printerAttributes);
                QueueOperations.statusWithConfigTime(target.engine(), target.base(), queue).stream()
                        .filter(a -> requested.isEmpty() || requested.contains("all") || requested.contains(a.getName()))
                        .forEach(group::add);
            }
        }
    }
}
