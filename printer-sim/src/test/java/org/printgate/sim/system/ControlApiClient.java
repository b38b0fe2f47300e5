package org.printgate.sim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The simulator's HTTP control API as a test drives it: JSON over the JDK HTTP client. */
final class ControlApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;

    ControlApiClient(String host, int port) {
        this.base = URI.create("http://" + host + ":" + port);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    /** POST /printers/{printer}/faults, which must be taken. */
    void fault(String printer, String json) {
        HttpResponse<String> response = post("/printers/" + printer + "/faults", json);
        assertThat(response.statusCode()).as("POST fault %s: %s", json, response.body()).isEqualTo(200);
    }

    /** DELETE /printers/{printer}/faults/{type}, which must be taken. */
    void clear(String printer, String type) {
        HttpResponse<String> response = delete("/printers/" + printer + "/faults/" + type);
        assertThat(response.statusCode()).as("DELETE fault %s: %s", type, response.body()).isEqualTo(200);
    }

    /** GET /printers/{printer}. */
    JsonNode printer(String printer) {
        return ok(get("/printers/" + printer));
    }

    /** GET /ledger?printer=P&amp;job=J: the job's pages in the order they came out. */
    List<JsonNode> ledger(String printer, int jobId) {
        List<JsonNode> entries = new ArrayList<>();
        ok(get("/ledger?printer=" + printer + "&job=" + jobId)).forEach(entries::add);
        return entries;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s: %s", response.uri(), response.body()).isEqualTo(200);
        return json(response);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
