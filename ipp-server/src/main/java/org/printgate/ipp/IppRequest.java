package org.printgate.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.AttributeType;
import com.hp.jipp.encoding.DelimiterTag;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A validated IPP request: its attributes, the document data that follows them (a stream, never
 * held in memory) and where it came from.
 */
public final class IppRequest {
    private final IppPacket packet;
    private final InputStream document;
    private final int localPort;
    private final String path;
    private final String host;
    private final InetSocketAddress remote;
    private final Runnable connectionCloser;
    private volatile boolean aborted;
    private Object principal;

    public IppRequest(IppPacket packet, InputStream document, int localPort, String path, String host,
                      InetSocketAddress remote, Runnable connectionCloser) {
        this.connectionCloser = connectionCloser;
        this.packet = packet;
        this.document = document;
        this.localPort = localPort;
        this.path = path;
        this.host = host;
        this.remote = remote;
    }

    /**
     * Drops the connection without an answer, the way a printer that resets or loses power does.
     * Used by simulators to script faults; the server then sends nothing.
     */
    public void abortConnection() {
        aborted = true;
        connectionCloser.run();
    }

    public boolean connectionAborted() {
        return aborted;
    }

    /** Who sent the request, as {@link IppService#authenticate} said; null if unauthenticated. */
    @SuppressWarnings("unchecked")
    public <T> T principal() {
        return (T) principal;
    }

    public IppRequest withPrincipal(Object who) {
        this.principal = who;
        return this;
    }

    public IppPacket packet() {
        return packet;
    }

    public int code() {
        return packet.getCode();
    }

    public int version() {
        return packet.getVersionNumber();
    }

    /** The document data after the attributes; empty for operations without a document. */
    public InputStream document() {
        return document;
    }

    public int localPort() {
        return localPort;
    }

    /** The HTTP request path, e.g. {@code /ipp/print}. */
    public String path() {
        return path;
    }

    /** The HTTP Host header as sent (CUPS sends {@code localhost:PORT} even for 127.0.0.1). */
    public String host() {
        return host;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    public AttributeGroup operationAttributes() {
        return packet.get(Tag.operationAttributes);
    }

    /** The first group with this tag, if the request has one. */
    public Optional<AttributeGroup> group(DelimiterTag tag) {
        return Optional.ofNullable(packet.get(tag));
    }

    /**
     * An operation attribute's value. A value of the wrong syntax is a bad request (RFC 8011
     * §4.1.6: operation attributes are not substituted).
     */
    public <T> Optional<T> operationValue(AttributeType<T> type) {
        return value(operationAttributes(), type);
    }

    /** All values of an operation attribute, or an empty list. */
    public <T> List<T> operationValues(AttributeType<T> type) {
        Attribute<?> raw = operationAttributes().get(type.getName());
        if (raw == null) {
            return List.of();
        }
        Attribute<T> typed = type.coerce(raw);
        if (typed == null) {
            throw wrongSyntax(type.getName());
        }
        return typed;
    }

    /** A value from any group, with the same wrong-syntax rule. */
    public static <T> Optional<T> value(AttributeGroup group, AttributeType<T> type) {
        if (group == null) {
            return Optional.empty();
        }
        Attribute<?> raw = group.get(type.getName());
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        Attribute<T> typed = type.coerce(raw);
        if (typed == null || typed.isEmpty()) {
            throw wrongSyntax(type.getName());
        }
        return Optional.of(typed.get(0));
    }

    /** The user as the client names them; "anonymous" when it does not (RFC 8011 §9.3). */
    public String requestingUserName() {
        return operationValue(Types.requestingUserName).map(name -> name.getValue()).orElse("anonymous");
    }

    public Optional<URI> printerUri() {
        return operationValue(Types.printerUri);
    }

    /** The job this request addresses: {@code job-id}, or the last segment of {@code job-uri}. */
    public Optional<Integer> jobId() {
        Optional<Integer> id = operationValue(Types.jobId);
        if (id.isPresent()) {
            return id;
        }
        return operationValue(Types.jobUri).map(IppRequest::jobIdOf);
    }

    private static int jobIdOf(URI jobUri) {
        String path = jobUri.getPath() == null ? "" : jobUri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        try {
            return Integer.parseInt(last);
        } catch (NumberFormatException e) {
            throw new IppException(Status.clientErrorNotFound, "job-uri " + jobUri + " names no job");
        }
    }

    private static IppException wrongSyntax(String name) {
        return new IppException(Status.clientErrorBadRequest, name + " has the wrong syntax");
    }
}
