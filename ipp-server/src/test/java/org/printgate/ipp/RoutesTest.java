package org.printgate.ipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pages routed by prefix share the IPP port; every other path is still IPP's. */
class RoutesTest {
    private IppServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = IppServer.builder(new DigestPrinterService()).listen("127.0.0.1", 0)
                .route("/metrics", exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
                    exchange.getResponseSender().send("path " + exchange.getRelativePath());
                })
                .build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRouteServesItsPrefixAndThePathsUnderIt() throws Exception {
        assertThat(get("/metrics").body()).isEqualTo("path ");
        assertThat(get("/metrics/x").body()).isEqualTo("path /x");
    }

    @Test
    void ippAndOtherPathsStayWithTheIppService() throws Exception {
        URI printer = URI.create("ipp://127.0.0.1:" + server.port() + "/ipp/print");
        IppPacket answer = new IppClient().send(printer, new IppPacket(Operation.getPrinterAttributes, 1,
                AttributeGroup.groupOf(Tag.operationAttributes, Types.attributesCharset.of("utf-8"),
                        Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(printer))));
        assertThat(answer.getStatus()).isEqualTo(Status.successfulOk);
        // A longer name that only starts like the route is not the route's.
        assertThat(get("/metricsx").body()).doesNotStartWith("path");
    }

    @Test
    void aRouteIsAPathUnderTheRoot() {
        assertThatThrownBy(() -> IppServer.builder(new DigestPrinterService()).route("metrics", exchange -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
