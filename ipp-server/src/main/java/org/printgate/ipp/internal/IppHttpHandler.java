package org.printgate.ipp.internal;

import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.model.Status;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.undertow.util.SameThreadExecutor;
import org.printgate.ipp.Caller;
import org.printgate.ipp.HttpResource;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.IppService;
import org.printgate.ipp.Target;
import org.printgate.ipp.Unauthenticated;
import org.slf4j.Logger;
import org.xnio.IoUtils;
import org.slf4j.LoggerFactory;

/**
 * IPP over HTTP/1.1 (RFC 8010 §4): POST {@code application/ipp} carries a request, GET shows a
 * status page, anything else is 405. Runs each request on a worker thread in blocking mode, so
 * document data is pulled from the socket only as fast as the handler consumes it.
 */
public final class IppHttpHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(IppHttpHandler.class);
    private static final String IPP_MEDIA_TYPE = "application/ipp";
    /** Requests up to this size, with a Content-Length, are read without a worker waiting on the socket. */
    private static final long BUFFERED_BODY_MAX = 64 * 1024;
    /** Versions answered when a request's version is not supported (RFC 8011 §4.1.8). */
    private static final int FALLBACK_VERSION = 0x0200;
    /** The most of a document left unread by the service (a refused job) that is read away. */
    private static final long MAX_DRAIN_BYTES = 16L * 1024 * 1024;

    private final IppService service;
    private final IppFrameReader frameReader;
    private final Set<Integer> versions;
    private final RequestValidator validator = new RequestValidator();
    /**
     * Open connections by peer, so that stopping the server also ends those kept alive, and the
     * answers parked on each, abandoned when it closes. Keyed by the peer's address because
     * Undertow gives each HTTP/2 stream its own connection object (closing any of them closes the
     * connection): one entry and one close listener per TCP connection. A close listener per
     * request would pile up on a kept-alive connection until it closes — on HTTP/2 each is a task
     * on the shared channel, holding its exchange and answer (1 GB in a minute of the bench).
     */
    private final java.util.Map<java.net.SocketAddress, OpenConnection> connections =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A TCP connection, and the answers parked on it (long-polls). */
    private static final class OpenConnection {
        final io.undertow.server.ServerConnection connection;
        final Set<Deferral> parked = java.util.concurrent.ConcurrentHashMap.newKeySet();

        OpenConnection(io.undertow.server.ServerConnection connection) {
            this.connection = connection;
        }

        void closed() {
            for (Deferral deferral : List.copyOf(parked)) {
                deferral.abandon();
            }
            parked.clear();
        }
    }

    public IppHttpHandler(IppService service, int maxAttributesBytes, Set<Integer> versions) {
        this.service = service;
        this.frameReader = new IppFrameReader(maxAttributesBytes);
        this.versions = versions;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        io.undertow.server.ServerConnection connection = exchange.getConnection();
        java.net.SocketAddress peer = connection.getPeerAddress();
        if (peer != null && !connections.containsKey(peer)) {
            OpenConnection open = new OpenConnection(connection);
            if (connections.putIfAbsent(peer, open) == null) {
                connection.addCloseListener(closed -> {
                    connections.remove(peer, open);
                    open.closed();
                });
            }
        }
        HttpString method = exchange.getRequestMethod();
        if (exchange.isInIoThread()) {
            long length = exchange.getRequestContentLength();
            if (method.equals(Methods.POST) && length > 0 && length <= BUFFERED_BODY_MAX) {
                // Small requests (every ticket request, small jobs) are read here and handed to a
                // worker whole: no worker waits on the socket, which under HTTP/2 costs a thread
                // hand-off per frame. Larger ones stream on a worker below.
                exchange.getRequestReceiver().receiveFullBytes(
                        (ex, bytes) -> ex.dispatch(() -> handleBufferedPost(ex, bytes)),
                        (ex, e) -> {
                            log.info("{} broke off while sending a request: {}", ex.getSourceAddress(), e.toString());
                            IoUtils.safeClose(ex.getConnection());
                        });
                return;
            }
            exchange.dispatch(this);
            return;
        }
        if (method.equals(Methods.POST)) {
            exchange.startBlocking();
            handlePost(exchange, exchange.getInputStream());
        } else if (method.equals(Methods.GET) || method.equals(Methods.HEAD)) {
            handleGet(exchange);
        } else {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD, POST");
            plain(exchange, StatusCodes.METHOD_NOT_ALLOWED, "Method not allowed\n");
        }
    }

    private void handleGet(HttpServerExchange exchange) {
        String query = exchange.getQueryString();
        String path = query == null || query.isEmpty() ? exchange.getRequestPath() : exchange.getRequestPath() + "?" + query;
        Optional<HttpResource> resource = service.httpGet(path, caller(exchange));
        if (resource.isEmpty()) {
            plain(exchange, StatusCodes.NOT_FOUND, "Not found\n");
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, resource.get().contentType());
        exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(resource.get().body()));
    }

    private void handleBufferedPost(HttpServerExchange exchange, byte[] body) {
        try {
            handlePost(exchange, new ByteArrayInputStream(body));
        } catch (IOException | RuntimeException e) {
            log.info("could not answer {}: {}", exchange.getSourceAddress(), e.toString());
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    private void handlePost(HttpServerExchange exchange, InputStream body) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase().startsWith(IPP_MEDIA_TYPE)) {
            closeAfter(exchange);
            plain(exchange, StatusCodes.UNSUPPORTED_MEDIA_TYPE, "POST needs Content-Type: application/ipp\n");
            return;
        }
        Object principal;
        try {
            principal = service.authenticate(caller(exchange));
        } catch (Unauthenticated e) {
            log.info("HTTP 401 to {}: {}", exchange.getSourceAddress(), e.getMessage());
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, e.challenge());
            plain(exchange, StatusCodes.UNAUTHORIZED, "Authentication required\n");
            return;
        }
        IppFrameReader.Frame frame;
        try {
            frame = frameReader.read(body);
        } catch (IppFrameReader.FrameTooLargeException e) {
            closeAfter(exchange);
            send(exchange, new IppResponse().respond(Status.clientErrorRequestEntityTooLarge, e.getMessage())
                    .toPacket(FALLBACK_VERSION, e.requestId()));
            return;
        } catch (IppFrameReader.MalformedFrameException e) {
            rejectGarbage(exchange, e.getMessage());
            return;
        }
        // Is the version one we speak? Checked before decoding: other versions may not decode.
        IppFrameReader.Preamble preamble = frame.preamble();
        if (!versions.contains(preamble.version())) {
            closeAfter(exchange);
            send(exchange, new IppResponse().respond(Status.serverErrorVersionNotSupported,
                            "IPP version " + preamble.major() + "." + (preamble.version() & 0xff) + " is not supported")
                    .toPacket(FALLBACK_VERSION, preamble.requestId()));
            return;
        }
        byte[] bytes = frame.bytes();
        IppPacket packet;
        try {
            packet = IppPacket.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            // jipp's ParseError and friends: well framed but not valid IPP encoding.
            rejectGarbage(exchange, "undecodable IPP: " + e);
            return;
        }
        DocumentStream document = new DocumentStream(body);
        IppRequest request = new IppRequest(packet, document, localPort(exchange), exchange.getRequestPath(),
                exchange.getRequestHeaders().getFirst(Headers.HOST), remote(exchange),
                () -> IoUtils.safeClose(exchange.getConnection())).withPrincipal(principal);
        if (log.isDebugEnabled()) {
            log.debug("request from {} to {}\n{}", request.remote(), request.path(), packet.prettyPrint(100, "  "));
        }
        IppResponse response = serve(request, document);
        if (request.connectionAborted()) {
            log.info("connection from {} dropped by the service", request.remote());
            return;
        }
        if (!document.broken() && !document.fullyRead()) {
            // The rest of the document may still be on the wire: read it away (up to a limit).
            // Only what could not be read away forces a close — a request without a document is
            // read to its end here and its connection stays open for the next request.
            drain(document);
            if (!document.fullyRead()) {
                closeAfter(exchange);
            }
        }
        if (document.broken()) {
            log.info("{} broke off while sending a document to {}", request.remote(), request.path());
            closeAfter(exchange);
            exchange.endExchange();
            return;
        }
        // The answer goes now, or when the handler's deferral is sent (a long-poll) and what the
        // service made it wait for (a commit) is done — on that thread, holding none meanwhile.
        Deferral deferred = response.isError() ? null : response.deferred();
        java.util.concurrent.CompletableFuture<?> readiness = response.readiness();
        java.util.function.Supplier<IppPacket> answer = () -> response.toPacket(packet.getVersionNumber(), packet.getRequestId());
        if (deferred == null && (readiness == null || readiness.isDone())) {
            failIfNotReady(response, readiness);
            send(exchange, answer.get());
            return;
        }
        answerLater(exchange, deferred, readiness, response, answer);
    }

    /**
     * Parks a deferred answer on its connection, so that the connection's end abandons it; the
     * readiness alone (a commit, milliseconds) needs no such care: if the client has gone, the
     * write fails and the change stays made.
     */
    private void park(HttpServerExchange exchange, Deferral deferred) {
        java.net.SocketAddress peer = exchange.getConnection().getPeerAddress();
        OpenConnection open = peer == null ? null : connections.get(peer);
        if (open == null) {
            exchange.getConnection().addCloseListener(connection -> deferred.abandon());
            return;
        }
        open.parked.add(deferred);
        deferred.onFinished(() -> open.parked.remove(deferred));
        if (!connections.containsKey(peer)) {
            // Closed while parking: the close listener may have missed it.
            deferred.abandon();
        }
    }

    /**
     * Keeps the exchange open after the handler returned, and frees the thread; the answer is
     * written by the thread that sends the deferral (if any) or completes the readiness (if any),
     * whichever is last, without a hand-over to another thread (unless the exchange blocks). A
     * connection closed before a deferral is sent (noticed by Undertow on its timeouts or on the
     * write) abandons it; callers therefore keep what they deliver until the client acknowledges
     * it, as RFC 3996 event queues do.
     */
    private void answerLater(HttpServerExchange exchange, Deferral deferred,
                             java.util.concurrent.CompletableFuture<?> readiness, IppResponse response,
                             java.util.function.Supplier<IppPacket> packet) {
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> { });
        Runnable sendNow = () -> {
            try {
                failIfNotReady(response, readiness);
                send(exchange, packet.get());
            } catch (IOException | RuntimeException e) {
                log.info("could not send a deferred answer: {}", e.toString());
                IoUtils.safeClose(exchange.getConnection());
            }
        };
        // A blocking exchange (a streamed request) writes by blocking: never on the caller's thread,
        // which may be a store's committer, but on a worker as before.
        Runnable send = exchange.isBlocking() ? () -> exchange.getConnection().getWorker().execute(sendNow) : sendNow;
        Runnable whenReady = readiness == null ? send : () -> readiness.whenComplete((done, failure) -> send.run());
        if (deferred == null) {
            whenReady.run();
            return;
        }
        if (!deferred.isFinished()) {
            park(exchange, deferred);
        }
        deferred.attach(whenReady);
    }

    /** A readiness that failed (the change could not be stored) turns the answer into an error. */
    private static void failIfNotReady(IppResponse response, java.util.concurrent.CompletableFuture<?> readiness) {
        if (readiness != null && readiness.isCompletedExceptionally()) {
            Throwable why = readiness.handle((done, failure) -> failure).join();
            log.error("could not answer with success: {}", why.toString());
            response.clearGroups();
            response.respond(Status.serverErrorInternalError, "internal error");
        }
    }

    /** Validation, target and dispatch; the single place an exception becomes a status. */
    private IppResponse serve(IppRequest request, DocumentStream document) {
        IppResponse response = new IppResponse();
        try {
            validator.validate(request.packet());
            // Do we know this operation at all?
            if (!service.supportedOperations().contains(request.code())) {
                throw new IppException(Status.serverErrorOperationNotSupported,
                        "operation 0x" + Integer.toHexString(request.code()) + " is not supported");
            }
            Target target = service.resolve(request);
            // Does the addressed object support it?
            if (!target.supports(request.code())) {
                throw new IppException(Status.serverErrorOperationNotSupported,
                        request.packet().getOperation() + " is not supported on " + request.path());
            }
            target.dispatch(request, response);
        } catch (IppException e) {
            response.clearGroups();
            response.respond(e.status(), e.getMessage());
        } catch (IOException e) {
            if (!document.broken()) {
                log.warn("I/O failure serving {}", request.packet().getOperation(), e);
            }
            response.clearGroups();
            response.respond(Status.serverErrorInternalError, "I/O error: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("handler failed on {}", request.packet().getOperation(), e);
            response.clearGroups();
            response.respond(Status.serverErrorInternalError, "internal error");
        }
        return response;
    }

    private void rejectGarbage(HttpServerExchange exchange, String why) {
        log.info("HTTP 400 to {}: {}", exchange.getSourceAddress(), why);
        closeAfter(exchange);
        plain(exchange, StatusCodes.BAD_REQUEST, "Bad IPP request: " + why + "\n");
    }

    private static void send(HttpServerExchange exchange, IppPacket packet) throws IOException {
        if (log.isDebugEnabled()) {
            log.debug("response\n{}", packet.prettyPrint(100, "  "));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        packet.write(out);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, IPP_MEDIA_TYPE);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, out.size());
        // The sender works both on a blocking exchange and on one read without blocking.
        exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(out.toByteArray()));
    }

    private static void plain(HttpServerExchange exchange, int code, String text) {
        exchange.setStatusCode(code);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(text, StandardCharsets.UTF_8);
    }

    /**
     * Reads and drops the rest of a document the service did not read (a refused job), as CUPS's
     * httpFlush does: closing a connection with unread data resets it, and the reset destroys
     * the answer in flight (RFC 9112 §9.6). Past {@link #MAX_DRAIN_BYTES} it gives up.
     */
    private static void drain(DocumentStream document) {
        try {
            // Most requests carry no document: one read finds the end, without a buffer.
            if (document.read() < 0) {
                return;
            }
            byte[] buffer = new byte[16 * 1024];
            for (long left = MAX_DRAIN_BYTES - 1; left > 0; ) {
                int n = document.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException e) {
            log.debug("could not read away the rest of a document: {}", e.getMessage());
        }
    }

    /** Ends every open connection: a stopped server answers nobody, kept-alive clients included. */
    public void closeConnections() {
        for (OpenConnection open : List.copyOf(connections.values())) {
            IoUtils.safeClose(open.connection);
        }
    }

    private static void closeAfter(HttpServerExchange exchange) {
        exchange.setPersistent(false);
        exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
    }

    private static int localPort(HttpServerExchange exchange) {
        return exchange.getDestinationAddress().getPort();
    }

    private static InetSocketAddress remote(HttpServerExchange exchange) {
        return exchange.getSourceAddress();
    }

    private static Caller caller(HttpServerExchange exchange) {
        return new Caller(exchange.getSourceAddress(), exchange.getDestinationAddress(),
                exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION), exchange.getConnection());
    }
}
