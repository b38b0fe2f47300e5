package org.printgate.spooler.local;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.BooleanType;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.OperationTable;
import org.printgate.ipp.RequestedAttributes;
import org.printgate.spooler.identity.LocalCaller;
import org.printgate.spooler.local.LocalPrinterOperations.PrinterTarget;
import org.printgate.spooler.spool.SpoolJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription operations of a local printer (RFC 3995 §11, ippget of RFC 3996 §5):
 * Create-Printer- and Create-Job-Subscriptions, Get-Subscription-Attributes, Get-Subscriptions,
 * Renew- and Cancel-Subscription, Get-Notifications. A user sees and changes only their own
 * subscriptions, an operator every one; another user's subscription does not exist for them.
 */
final class SubscriptionOperations {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionOperations.class);
    /** my-subscriptions (RFC 3995 §11.2.4.1.4), which jipp's Types lacks. */
    static final BooleanType MY_SUBSCRIPTIONS = new BooleanType("my-subscriptions");

    static final OperationTable<PrinterTarget> TABLE = OperationTable.<PrinterTarget>builder()
            .on(Operation.createPrinterSubscriptions, SubscriptionOperations::createPrinterSubscriptions)
            .on(Operation.createJobSubscriptions, SubscriptionOperations::createJobSubscriptions)
            .on(Operation.getSubscriptionAttributes, SubscriptionOperations::getSubscriptionAttributes)
            .on(Operation.getSubscriptions, SubscriptionOperations::getSubscriptions)
            .on(Operation.renewSubscription, SubscriptionOperations::renewSubscription)
            .on(Operation.cancelSubscription, SubscriptionOperations::cancelSubscription)
            .on(Operation.getNotifications, SubscriptionOperations::getNotifications)
            .build();

    private SubscriptionOperations() {}

    static void createPrinterSubscriptions(PrinterTarget target, IppRequest request, IppResponse response) {
        create(target, request, response, 0);
    }

    /** Create-Job-Subscriptions (RFC 3995 §11.1.1): notify-job-id names a job of this printer the user may see. */
    static void createJobSubscriptions(PrinterTarget target, IppRequest request, IppResponse response) {
        int jobId = request.operationValue(Types.notifyJobId)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "notify-job-id is missing"));
        SpoolJob job = target.jobs().get(jobId).filter(j -> j.queue().equals(target.printer().name()))
                .orElseThrow(() -> new IppException(Status.clientErrorNotFound, "no job " + jobId + " on " + target.printer().name()));
        // Is it the user's job (or are they an operator)?
        if (!Callers.of(request).mayTouch(job.user(), request)) {
            throw new IppException(Status.clientErrorNotAuthorized, "job " + jobId + " belongs to another user");
        }
        // Has it ended? Its events are over (RFC 3995 §11.1.1: client-error-not-possible).
        if (job.phase().isFinal()) {
            throw new IppException(Status.clientErrorNotPossible, "job " + jobId + " has ended; it will raise no more events");
        }
        create(target, request, response, jobId);
    }

    /** One subscription per subscription-attributes group, each answered in its own group (RFC 3995 §11.1.2). */
    private static void create(PrinterTarget target, IppRequest request, IppResponse response, long jobId) {
        LocalCaller caller = Callers.of(request);
        String user = caller.user(request);
        boolean operator = caller.mayAdminister(request);
        List<AttributeGroup> groups = request.packet().getAttributeGroups().stream()
                .filter(group -> group.getTag().equals(Tag.subscriptionAttributes)).toList();
        if (groups.isEmpty()) {
            throw new IppException(Status.clientErrorBadRequest, "no subscription-attributes group");
        }
        int refused = 0;
        for (AttributeGroup group : groups) {
            var answer = response.newGroup(Tag.subscriptionAttributes);
            try {
                Set<String> events = eventsOf(group, answer);
                int lease = jobId != 0 ? 0 : LocalSubscriptions.lease(IppRequest.value(group, Types.notifyLeaseDuration).orElse(null));
                byte[] userData = IppRequest.value(group, Types.notifyUserData).orElse(null);
                if (userData != null && userData.length > 63) {
                    throw new IppException(Status.clientErrorRequestValueTooLong, "notify-user-data is longer than 63 octets");
                }
                LocalSubscription created = target.subscriptions().create(user, operator, target.printer().name(), jobId, events,
                        userData, lease);
                answer.add(Types.notifySubscriptionId.of(created.id));
                if (jobId == 0) {
                    answer.add(Types.notifyLeaseDuration.of(lease));
                }
            } catch (IppException e) {
                refused++;
                log.info("subscription for {} on {} refused: {}", user, target.printer().name(), e.getMessage());
                answer.add(Types.notifyStatusCode.of(e.status()));
            }
        }
        if (refused == groups.size()) {
            response.respond(Status.clientErrorIgnoredAllSubscriptions, "no subscription was made: see notify-status-code");
        } else if (refused > 0) {
            response.respond(Status.successfulOkIgnoredSubscriptions, refused + " of " + groups.size() + " subscriptions were not made");
        }
    }

    /** notify-events of one group, checked; ippget only: a push recipient is refused (RFC 3995 §5.3.1). */
    private static Set<String> eventsOf(AttributeGroup group, com.hp.jipp.encoding.MutableAttributeGroup answer) {
        if (IppRequest.value(group, Types.notifyRecipientUri).isPresent()) {
            throw new IppException(Status.clientErrorUriSchemeNotSupported,
                    "notify-recipient-uri: this printer sends no events; ask for them with notify-pull-method ippget");
        }
        String method = IppRequest.value(group, Types.notifyPullMethod)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "notify-pull-method (ippget) is missing"));
        if (!method.equals(LocalSubscriptions.IPPGET)) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "notify-pull-method " + method);
        }
        List<String> asked = group.get(Types.notifyEvents.getName()) == null ? List.of(LocalSubscriptions.JOB_COMPLETED)
                : group.getValues(Types.notifyEvents);
        Set<String> events = new LinkedHashSet<>();
        for (String event : asked) {
            if (LocalSubscriptions.EVENTS_SUPPORTED.contains(event)) {
                events.add(event);
            }
        }
        if (events.isEmpty()) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported,
                    "notify-events " + asked + ": none is supported; supported: " + LocalSubscriptions.EVENTS_SUPPORTED);
        }
        if (events.size() < asked.size()) {
            // The others are left out; the answer says which were kept (RFC 3995 §11.1.2 substituted values).
            answer.add(Types.notifyEvents.of(List.copyOf(events)));
        }
        return events;
    }

    static void getSubscriptionAttributes(PrinterTarget target, IppRequest request, IppResponse response) {
        LocalSubscription subscription = ownSubscription(target, request, response);
        RequestedAttributes.of(request, Set.of("all")).copy(subscription.attributes(
                        LocalJobAttributes.printerUri(target.authority(), subscription.queue), target.subscriptions().milliseconds()),
                response.group(Tag.subscriptionAttributes));
    }

    /** Get-Subscriptions (RFC 3995 §11.2.4): the printer's subscriptions, or its job's with notify-job-id. */
    static void getSubscriptions(PrinterTarget target, IppRequest request, IppResponse response) {
        LocalCaller caller = Callers.of(request);
        int jobId = request.operationValue(Types.notifyJobId).orElse(0);
        int limit = request.operationValue(Types.limit).orElse(Integer.MAX_VALUE);
        boolean onlyOwn = !caller.mayAdminister(request) || request.operationValue(MY_SUBSCRIPTIONS).orElse(false);
        RequestedAttributes wanted = RequestedAttributes.of(request, Set.of("all"));
        long now = target.subscriptions().milliseconds();
        target.subscriptions().list(target.printer().name(), jobId, caller.user(request), onlyOwn).stream().limit(limit)
                .forEach(s -> wanted.copy(s.attributes(LocalJobAttributes.printerUri(target.authority(), s.queue), now),
                        response.newGroup(Tag.subscriptionAttributes)));
    }

    static void renewSubscription(PrinterTarget target, IppRequest request, IppResponse response) {
        LocalSubscription subscription = ownSubscription(target, request, response);
        Integer asked = request.group(Tag.subscriptionAttributes).flatMap(g -> IppRequest.value(g, Types.notifyLeaseDuration)).orElse(null);
        int granted = target.subscriptions().renew(subscription, LocalSubscriptions.lease(asked));
        response.group(Tag.subscriptionAttributes).add(Types.notifyLeaseDuration.of(granted));
    }

    static void cancelSubscription(PrinterTarget target, IppRequest request, IppResponse response) {
        target.subscriptions().cancel(ownSubscription(target, request, response));
    }

    /** Get-Notifications (RFC 3996 §5.2): every subscription named must be the user's (or an operator's). */
    static void getNotifications(PrinterTarget target, IppRequest request, IppResponse response) {
        List<Integer> ids = request.operationValues(Types.notifySubscriptionIds);
        if (ids.isEmpty()) {
            throw new IppException(Status.clientErrorBadRequest, "notify-subscription-ids is missing");
        }
        List<Integer> sequences = request.operationValues(Types.notifySequenceNumbers);
        LocalCaller caller = Callers.of(request);
        Map<Integer, Integer> from = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            int id = ids.get(i);
            if (target.subscriptions().find(id, caller.user(request), caller.mayAdminister(request)).isEmpty()) {
                response.unsupported(Types.notifySubscriptionIds.of(id));
                throw new IppException(Status.clientErrorNotFound, "no subscription " + id);
            }
            from.put(id, i < sequences.size() ? sequences.get(i) : 1);
        }
        target.subscriptions().poll(from, request.operationValue(Types.notifyWait).orElse(false), response, target.authority());
    }

    /** The notify-subscription-id of the request, if the user may touch it; others' do not exist for them. */
    private static LocalSubscription ownSubscription(PrinterTarget target, IppRequest request, IppResponse response) {
        int id = request.operationValue(Types.notifySubscriptionId)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "notify-subscription-id is missing"));
        LocalCaller caller = Callers.of(request);
        return target.subscriptions().find(id, caller.user(request), caller.mayAdminister(request))
                .filter(s -> s.queue.equals(target.printer().name()))
                .orElseThrow(() -> {
                    response.unsupported(Types.notifySubscriptionId.of(id));
                    return new IppException(Status.clientErrorNotFound, "no subscription " + id + " on " + target.printer().name());
                });
    }
}
