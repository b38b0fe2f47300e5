package org.printgate.ipp.subscription;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.BooleanType;
import com.hp.jipp.encoding.MutableAttributeGroup;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription operations of a printer (RFC 3995 §11, ippget of RFC 3996 §5):
 * Create-Printer- and Create-Job-Subscriptions, Get-Subscription-Attributes, Get-Subscriptions,
 * Renew- and Cancel-Subscription, Get-Notifications. A user sees and changes only their own
 * subscriptions, an operator every one; another user's subscription does not exist for them.
 *
 * @param <T> the printer as one request addresses it
 */
public final class SubscriptionOperations<T> {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionOperations.class);
    /** my-subscriptions (RFC 3995 §11.2.4.1.4), which jipp's Types lacks. */
    static final BooleanType MY_SUBSCRIPTIONS = new BooleanType("my-subscriptions");
    /** notify-user-data is at most 63 octets (RFC 3995 §5.3.6). */
    private static final int MAX_USER_DATA = 63;

    private final SubscriptionAccess<T> access;

    private SubscriptionOperations(SubscriptionAccess<T> access) {
        this.access = access;
    }

    /** The table of these operations for printers reached through {@code access}. */
    public static <T> OperationTable<T> table(SubscriptionAccess<T> access) {
        SubscriptionOperations<T> operations = new SubscriptionOperations<>(access);
        return OperationTable.<T>builder()
                .on(Operation.createPrinterSubscriptions, operations::createPrinterSubscriptions)
                .on(Operation.createJobSubscriptions, operations::createJobSubscriptions)
                .on(Operation.getSubscriptionAttributes, operations::getSubscriptionAttributes)
                .on(Operation.getSubscriptions, operations::getSubscriptions)
                .on(Operation.renewSubscription, operations::renewSubscription)
                .on(Operation.cancelSubscription, operations::cancelSubscription)
                .on(Operation.getNotifications, operations::getNotifications)
                .build();
    }

    void createPrinterSubscriptions(T target, IppRequest request, IppResponse response) {
        create(target, request, response, 0);
    }

    /** Create-Job-Subscriptions (RFC 3995 §11.1.1): notify-job-id names a job of this printer the user may see. */
    void createJobSubscriptions(T target, IppRequest request, IppResponse response) {
        int jobId = request.operationValue(Types.notifyJobId)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "notify-job-id is missing"));
        access.checkJobSubscription(target, request, jobId);
        create(target, request, response, jobId);
    }

    /** One subscription per subscription-attributes group, each answered in its own group (RFC 3995 §11.1.2). */
    private void create(T target, IppRequest request, IppResponse response, long jobId) {
        String user = access.user(target, request);
        boolean operator = access.isOperator(target, request);
        String printer = access.printerName(target);
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
                int lease = jobId != 0 ? 0 : Subscriptions.lease(IppRequest.value(group, Types.notifyLeaseDuration).orElse(null));
                byte[] userData = IppRequest.value(group, Types.notifyUserData).orElse(null);
                if (userData != null && userData.length > MAX_USER_DATA) {
                    throw new IppException(Status.clientErrorRequestValueTooLong, "notify-user-data is longer than 63 octets");
                }
                Subscription created = access.subscriptions(target).create(user, operator, printer, jobId, events, userData, lease);
                answer.add(Types.notifySubscriptionId.of(created.id()));
                if (jobId == 0) {
                    answer.add(Types.notifyLeaseDuration.of(lease));
                }
            } catch (IppException e) {
                refused++;
                log.info("subscription for {} on {} refused: {}", user, printer, e.getMessage());
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
    private static Set<String> eventsOf(AttributeGroup group, MutableAttributeGroup answer) {
        if (IppRequest.value(group, Types.notifyRecipientUri).isPresent()) {
            throw new IppException(Status.clientErrorUriSchemeNotSupported,
                    "notify-recipient-uri: this printer sends no events; ask for them with notify-pull-method ippget");
        }
        String method = IppRequest.value(group, Types.notifyPullMethod)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "notify-pull-method (ippget) is missing"));
        if (!method.equals(Subscriptions.IPPGET)) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "notify-pull-method " + method);
        }
        List<String> asked = group.get(Types.notifyEvents.getName()) == null ? List.of(Subscriptions.JOB_COMPLETED)
                : group.getValues(Types.notifyEvents);
        Set<String> events = new LinkedHashSet<>();
        for (String event : asked) {
            if (Subscriptions.EVENTS_SUPPORTED.contains(event)) {
                events.add(event);
            }
        }
        if (events.isEmpty()) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported,
                    "notify-events " + asked + ": none is supported; supported: " + Subscriptions.EVENTS_SUPPORTED);
        }
        if (events.size() < asked.size()) {
            // The others are left out; the answer says which were kept (RFC 3995 §11.1.2 substituted values).
            answer.add(Types.notifyEvents.of(List.copyOf(events)));
        }
        return events;
    }

    void getSubscriptionAttributes(T target, IppRequest request, IppResponse response) {
        Subscription subscription = ownSubscription(target, request, response);
        RequestedAttributes.of(request, Set.of("all")).copy(subscription.attributes(
                        access.printerUri(target, subscription.printer()), access.subscriptions(target).milliseconds()),
                response.group(Tag.subscriptionAttributes));
    }

    /** Get-Subscriptions (RFC 3995 §11.2.4): the printer's subscriptions, or its job's with notify-job-id. */
    void getSubscriptions(T target, IppRequest request, IppResponse response) {
        int jobId = request.operationValue(Types.notifyJobId).orElse(0);
        int limit = request.operationValue(Types.limit).orElse(Integer.MAX_VALUE);
        boolean onlyOwn = !access.isOperator(target, request) || request.operationValue(MY_SUBSCRIPTIONS).orElse(false);
        RequestedAttributes wanted = RequestedAttributes.of(request, Set.of("all"));
        Subscriptions subscriptions = access.subscriptions(target);
        long now = subscriptions.milliseconds();
        subscriptions.list(access.printerName(target), jobId, access.user(target, request), onlyOwn).stream().limit(limit)
                .forEach(s -> wanted.copy(s.attributes(access.printerUri(target, s.printer()), now),
                        response.newGroup(Tag.subscriptionAttributes)));
    }

    void renewSubscription(T target, IppRequest request, IppResponse response) {
        Subscription subscription = ownSubscription(target, request, response);
        Integer asked = request.group(Tag.subscriptionAttributes).flatMap(g -> IppRequest.value(g, Types.notifyLeaseDuration)).orElse(null);
        int granted = access.subscriptions(target).renew(subscription, Subscriptions.lease(asked));
        response.group(Tag.subscriptionAttributes).add(Types.notifyLeaseDuration.of(granted));
    }

    void cancelSubscription(T target, IppRequest request, IppResponse response) {
        access.subscriptions(target).cancel(ownSubscription(target, request, response));
    }

    /** Get-Notifications (RFC 3996 §5.2): every subscription named must be the user's (or an operator's). */
    void getNotifications(T target, IppRequest request, IppResponse response) {
        List<Integer> ids = request.operationValues(Types.notifySubscriptionIds);
        if (ids.isEmpty()) {
            throw new IppException(Status.clientErrorBadRequest, "notify-subscription-ids is missing");
        }
        List<Integer> sequences = request.operationValues(Types.notifySequenceNumbers);
        String user = access.user(target, request);
        boolean operator = access.isOperator(target, request);
        Map<Integer, Integer> from = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            int id = ids.get(i);
            if (access.subscriptions(target).find(id, user, operator).isEmpty()) {
                response.unsupported(Types.notifySubscriptionIds.of(id));
                throw new IppException(Status.clientErrorNotFound, "no subscription " + id);
            }
            from.put(id, i < sequences.size() ? sequences.get(i) : 1);
        }
        access.subscriptions(target).poll(from, request.operationValue(Types.notifyWait).orElse(false), response,
                printer -> access.printerUri(target, printer));
    }

    /** The notify-subscription-id of the request, if the user may touch it; others' do not exist for them. */
    private Subscription ownSubscription(T target, IppRequest request, IppResponse response) {
        int id = request.operationValue(Types.notifySubscriptionId)
                .orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "notify-subscription-id is missing"));
        String printer = access.printerName(target);
        return access.subscriptions(target).find(id, access.user(target, request), access.isOperator(target, request))
                .filter(s -> s.printer().equals(printer))
                .orElseThrow(() -> {
                    response.unsupported(Types.notifySubscriptionId.of(id));
                    return new IppException(Status.clientErrorNotFound, "no subscription " + id + " on " + printer);
                });
    }
}
