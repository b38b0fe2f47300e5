package org.printgate.engine.admin;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.IppAuthenticationException;
import org.printgate.ipp.IppClient;

/**
 * The admin CLI's way to the engine: IPP requests to its system, queue and job URIs
 * (docs/ticket-protocol.md §6) and HTTP GETs of its {@code /reports} pages, each with the
 * operator's Authorization header. A refusal becomes an {@link AdminFailure} with the engine's
 * status and message.
 */
final class EngineConnection {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI systemUri;
    private final URI httpBase;
    private final String authorization;
    private final IppClient ipp;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicInteger requestIds = new AtomicInteger(1);

    /**
     * @param engine the engine as given: {@code ipp://host:8632}, {@code ipps://host:8632/ipp/system},
     *               {@code http://host:8632} ... (the port defaults to 8632)
     */
    EngineConnection(String engine, String authorization) {
        URI given;
        try {
            given = URI.create(engine.trim());
        } catch (IllegalArgumentException e) {
            throw new AdminFailure("--engine: not a URL: " + engine);
        }
        String scheme = given.getScheme() == null ? "" : given.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "ipp", "http" -> false;
            case "ipps", "https" -> true;
            default -> throw new AdminFailure("--engine: give ipp://, ipps://, http:// or https://HOST:PORT, not " + engine);
        };
        if (given.getHost() == null) {
            throw new AdminFailure("--engine: no host in " + engine);
        }
        int port = given.getPort() == -1 ? 8632 : given.getPort();
        String authority = (given.getHost().contains(":") ? "[" + given.getHost() + "]" : given.getHost()) + ":" + port;
        this.systemUri = URI.create((tls ? "ipps" : "ipp") + "://" + authority + "/ipp/system");
        this.httpBase = URI.create((tls ? "https" : "http") + "://" + authority);
        this.authorization = authorization;
        this.ipp = new IppClient(Duration.ofSeconds(10), TIMEOUT).withAuthorization(authorization);
    }

    URI systemUri() {
        return systemUri;
    }

    URI queueUri(String queue) {
        return systemUri.resolve("/ipp/print/" + queue);
    }

    URI jobUri(long jobId) {
        return systemUri.resolve("/ipp/job/" + jobId);
    }

    /** Sends an IPP request to {@code target}; a status other than successful fails with its message. */
    IppPacket call(URI target, Operation operation, List<Attribute<?>> attributes, AttributeGroup extra) {
        List<Attribute<?>> op = new ArrayList<>(List.of(Types.attributesCharset.of(ExtraTypes.charsetUtf8),
                Types.attributesNaturalLanguage.of("en")));
        op.addAll(attributes);
        List<AttributeGroup> groups = new ArrayList<>(List.of(AttributeGroup.groupOf(Tag.operationAttributes, op)));
        if (extra != null) {
            groups.add(extra);
        }
        IppPacket response;
        try {
            response = ipp.send(target, new IppPacket(0x0200, operation.getCode(), requestIds.getAndIncrement(), groups));
        } catch (IppAuthenticationException e) {
            throw new AdminFailure("the engine refused these credentials");
        } catch (IOException e) {
            throw new AdminFailure("cannot reach the engine at " + target + ": " + e.getMessage());
        }
        if (response.getStatus().getCode() >= 0x0400) {
            String message = response.getString(Tag.operationAttributes, Types.statusMessage);
            throw new AdminFailure(operation.getName() + " refused: " + response.getStatus()
                    + (message == null || message.isEmpty() ? "" : " (" + message + ")"));
        }
        return response;
    }

    /** GETs a path of the engine's HTTP pages (e.g. {@code /reports/accounting?...}) and streams its text to {@code out}. */
    void get(String pathAndQuery, java.io.Writer out) {
        HttpRequest request = HttpRequest.newBuilder(httpBase.resolve(pathAndQuery)).timeout(Duration.ofMinutes(10))
                .header("Authorization", authorization).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    String message = new String(body.readNBytes(4096), StandardCharsets.UTF_8).trim();
                    throw new AdminFailure("the engine answered HTTP " + response.statusCode() + ": " + message);
                }
                new java.io.InputStreamReader(body, StandardCharsets.UTF_8).transferTo(out);
                out.flush();
            }
        } catch (IOException e) {
            throw new AdminFailure("cannot reach the engine at " + httpBase + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminFailure("interrupted");
        }
    }
}
