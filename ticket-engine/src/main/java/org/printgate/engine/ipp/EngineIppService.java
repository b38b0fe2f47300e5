package org.printgate.engine.ipp;

import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.Ticket;
import org.printgate.ipp.Caller;
import org.printgate.ipp.HttpResource;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.IppService;
import org.printgate.ipp.Target;

/**
 * The engine's IPP face: authenticates every request, then finds what it addresses — the
 * system, a queue or a job (docs/ticket-protocol.md §3.1) — by {@code job-uri},
 * {@code printer-uri} (+ {@code job-id}) or {@code system-uri}, and hands it to the operation table.
 */
public final class EngineIppService implements IppService {
    private final Engine engine;
    private final Authenticator authenticator;
    private final Set<Integer> operations = new HashSet<>();
    private final ClientSoftwareCheck software;

    public EngineIppService(Engine engine, Authenticator authenticator) {
        this.engine = engine;
        this.authenticator = authenticator;
        this.software = new ClientSoftwareCheck(engine.config().clientPolicy(), engine.alerts(), engine.clientsSeen());
        operations.addAll(SystemOperations.TABLE.codes());
        operations.addAll(QueueOperations.TABLE.codes());
        operations.addAll(JobOperations.TABLE.codes());
    }

    @Override
    public Object authenticate(Caller caller) {
        return authenticator.authenticate(caller.authorization());
    }

    @Override
    public Set<Integer> supportedOperations() {
        return operations;
    }

    /**
     * The target, whose handler answers only once the changes it made are durable (without a
     * thread waiting for the disk meanwhile).
     */
    @Override
    public Target resolve(IppRequest request) {
        // A holder that shows life gets its set-aside tickets back in line (§6.6); rarely a change.
        Credential credential = request.principal();
        engine.requests().count(request.code());
        Target target;
        try {
            // A printer's device credential reports its own state and does nothing else (docs/firmware.md §1).
            OutputDeviceOperations.checkCaller(credential, request);
            engine.apply(() -> engine.book().holderSeen(credential.name()));
            target = find(request);
        } catch (IppException e) {
            engine.requests().answered(request.code(), e.status());
            throw e;
        }
        return new Target() {
            @Override
            public boolean supports(int code) {
                return target.supports(code);
            }

            @Override
            public void dispatch(IppRequest request, IppResponse response) throws IOException {
                // Counted by the status the client gets (for /metrics); an exception becomes it in the IPP layer.
                try {
                    engine.answerWhenDurable(response, () -> target.dispatch(request, response));
                } catch (IppException e) {
                    engine.requests().answered(request.code(), e.status());
                    throw e;
                } catch (IOException | RuntimeException e) {
                    engine.requests().answered(request.code(), Status.serverErrorInternalError);
                    throw e;
                }
                engine.requests().answeredWith(request.code(), response);
            }
        };
    }

    private Target find(IppRequest request) {
        Credential credential = request.principal();
        Targets.Base base = new Targets.Base(engine.scheme(),
                request.host() != null ? request.host() : "127.0.0.1:" + request.localPort());
        if (JobOperations.TABLE.supports(request.code())) {
            long jobId = request.jobId().orElseThrow(() ->
                    new IppException(Status.clientErrorBadRequest, "job-uri or job-id is missing"));
            Ticket ticket = engine.book().ticket(jobId)
                    .filter(t -> JobOperations.maySee(credential, t))
                    .orElseThrow(() -> new IppException(Status.clientErrorNotFound, "no job " + jobId));
            return JobOperations.TABLE.bind(new Targets.JobTarget(engine, credential, base, ticket));
        }
        // Cancel-My-Jobs and Cancel-Jobs address a queue by printer-uri, or every queue by system-uri.
        boolean alsoSystemWide = SystemOperations.TABLE.supports(request.code());
        if (QueueOperations.TABLE.supports(request.code())
                && !(alsoSystemWide && request.operationValue(Types.systemUri).isPresent())) {
            URI uri = request.printerUri().orElseThrow(() ->
                    new IppException(Status.clientErrorBadRequest, "printer-uri is missing"));
            String path = uri.getPath() == null ? "" : uri.getPath();
            String name = path.startsWith("/ipp/print/") ? path.substring("/ipp/print/".length()) : "";
            QueueConfig queue = engine.book().queue(name).orElseThrow(() ->
                    new IppException(Status.clientErrorNotFound, "no queue at " + uri));
            return QueueOperations.TABLE.bind(new Targets.QueueTarget(engine, credential, base, queue, software));
        }
        request.operationValue(Types.systemUri).or(request::printerUri).orElseThrow(() ->
                new IppException(Status.clientErrorBadRequest, "system-uri is missing"));
        return SystemOperations.TABLE.bind(new Targets.SystemTarget(engine, credential, base));
    }

    /**
     * The engine's home page: only the way to the console. Queues, printers and jobs are shown
     * there, after a login; nothing about them is served to anyone who asks here.
     */
    @Override
    public Optional<HttpResource> httpGet(String path, Caller caller) {
        if (!path.equals("/") && !path.equals("/ipp/system")) {
            return Optional.empty();
        }
        return Optional.of(HOME_PAGE);
    }

    private static final HttpResource HOME_PAGE = HttpResource.html("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Printgate engine</title></head>
            <body><h1>Printgate ticket engine</h1><p><a href="/console/login">Sign in to the operator's console</a></p></body></html>
            """);
}
