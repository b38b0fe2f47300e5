package org.printgate.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.DelimiterTag;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.MutableAttributeGroup;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response being built for one request. {@link #respond} is the one way to set the status:
 * it only ever raises it (an error is never overwritten by a later success) and logs it.
 */
public final class IppResponse {
    private static final Logger log = LoggerFactory.getLogger(IppResponse.class);

    private Status status = Status.successfulOk;
    private String message;
    private final MutableAttributeGroup operation = AttributeGroup.mutableGroupOf(Tag.operationAttributes);
    private final MutableAttributeGroup unsupported = AttributeGroup.mutableGroupOf(Tag.unsupportedAttributes);
    /** Object groups in the order they were opened; Get-Jobs adds one job group per job. */
    private final List<MutableAttributeGroup> groups = new ArrayList<>();
    private final Map<DelimiterTag, MutableAttributeGroup> firstGroupByTag = new LinkedHashMap<>();

    private org.printgate.ipp.internal.Deferral deferred;
    /** What must be done before this response may go out (changes being made durable). */
    private final List<java.util.concurrent.CompletableFuture<?>> awaited = new ArrayList<>(1);

    public IppResponse() {
        operation.add(Types.attributesCharset.of(ExtraTypes.charsetUtf8));
        operation.add(Types.attributesNaturalLanguage.of("en"));
    }

    /** Raises the status (never lowers it) and sets the status-message that goes with it. */
    public IppResponse respond(Status newStatus, String statusMessage) {
        if (newStatus.getCode() >= status.getCode()) {
            status = newStatus;
            message = statusMessage;
        }
        if (newStatus.getCode() >= 0x0400) {
            log.info("{}: {}", newStatus, statusMessage);
        } else {
            log.debug("{}: {}", newStatus, statusMessage);
        }
        return this;
    }

    /**
     * Answers later: the handler returns at once and the thread is free; the server sends this
     * response when {@link DeferredAnswer#send()} is called.
     */
    public synchronized DeferredAnswer defer() {
        if (deferred == null) {
            deferred = new org.printgate.ipp.internal.Deferral();
        }
        return deferred;
    }

    /**
     * Sends this response only once {@code stage} has completed, without holding the thread
     * meanwhile: a service that answers only what is durable hands in its pending commit here.
     * If the stage fails, the answer is server-error-internal-error. May be called more than once;
     * the response then waits for all.
     */
    public synchronized void answerAfter(java.util.concurrent.CompletionStage<?> stage) {
        awaited.add(stage.toCompletableFuture());
    }

    /** What the response waits for before it is sent (for the server); null if nothing. */
    public synchronized java.util.concurrent.CompletableFuture<?> readiness() {
        return switch (awaited.size()) {
            case 0 -> null;
            case 1 -> awaited.get(0);
            default -> java.util.concurrent.CompletableFuture.allOf(awaited.toArray(java.util.concurrent.CompletableFuture<?>[]::new));
        };
    }

    /** The deferral, if the handler deferred its answer (for the server). */
    public synchronized org.printgate.ipp.internal.Deferral deferred() {
        return deferred;
    }

    public Status status() {
        return status;
    }

    public boolean isError() {
        return status.getCode() >= 0x0400;
    }

    /** Operation attributes of the response (charset and language are already there). */
    public MutableAttributeGroup operation() {
        return operation;
    }

    /** The first group of this tag, opened on first use (printer, job, document...). */
    public MutableAttributeGroup group(DelimiterTag tag) {
        MutableAttributeGroup group = firstGroupByTag.get(tag);
        return group != null ? group : newGroup(tag);
    }

    /** Always a new group of this tag, e.g. one job-attributes group per job in Get-Jobs. */
    public MutableAttributeGroup newGroup(DelimiterTag tag) {
        MutableAttributeGroup group = AttributeGroup.mutableGroupOf(tag);
        groups.add(group);
        firstGroupByTag.putIfAbsent(tag, group);
        return group;
    }

    /**
     * Returns an attribute or value the printer does not support in the unsupported-attributes
     * group (RFC 8011 §4.1.7) and raises the status to successful-ok-ignored-or-substituted.
     */
    public void unsupported(Attribute<?> attribute) {
        if (unsupported.get(attribute.getName()) == null) {
            unsupported.add(attribute);
        }
        respond(Status.successfulOkIgnoredOrSubstitutedAttributes, "unsupported: " + attribute.getName());
    }

    public List<Attribute<?>> unsupportedAttributes() {
        return List.copyOf(unsupported);
    }

    /** Drops object groups, for when a handler failed half way. */
    public void clearGroups() {
        groups.clear();
        firstGroupByTag.clear();
    }

    public IppPacket toPacket(int version, int requestId) {
        MutableAttributeGroup op = AttributeGroup.mutableGroupOf(Tag.operationAttributes, operation);
        if (message != null && op.get(Types.statusMessage.getName()) == null) {
            // Status messages are text(255) (RFC 8011 §4.1.6.2).
            op.add(Types.statusMessage.of(message.length() > 255 ? message.substring(0, 255) : message));
        }
        List<AttributeGroup> all = new ArrayList<>();
        all.add(op);
        if (!unsupported.isEmpty()) {
            all.add(unsupported);
        }
        all.addAll(groups);
        return new IppPacket(version, status.getCode(), requestId, all);
    }
}
