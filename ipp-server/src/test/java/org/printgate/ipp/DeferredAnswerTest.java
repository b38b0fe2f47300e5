package org.printgate.ipp;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.printgate.testing.Await;

/**
 * Long-polls park without a thread: with two worker threads, fifty deferred requests wait while
 * other requests are still answered; each gets its answer when sent; answering a client that
 * hung up harms nothing.
 */
class DeferredAnswerTest {
    private final ConcurrentLinkedQueue<IppResponse> parked = new ConcurrentLinkedQueue<>();
    private final AtomicInteger abandoned = new AtomicInteger();

    private final OperationTable<Object> operations = OperationTable.builder()
            .on(Operation.getNotifications, (target, request, response) -> {
                response.defer().onAbandoned(abandoned::incrementAndGet);
                parked.add(response);
            })
            .on(Operation.getPrinterAttributes, (target, request, response) ->
                    response.group(Tag.printerAttributes).add(Types.printerName.of("awake")))
            .build();

    private final IppService service = new IppService() {
        @Override
        public Set<Integer> supportedOperations() {
            return operations.codes();
        }

        @Override
        public Target resolve(IppRequest request) {
            return operations.bind(new Object());
        }

        @Override
        public Optional<HttpResource> httpGet(String path, Caller caller) {
            return Optional.empty();
        }
    };

    private static byte[] request(Operation operation, int id, URI uri) throws Exception {
        return RawHttp.encode(new IppPacket(operation, id, AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(uri))));
    }

    @Test
    void parksFiftyLongPollsOnTwoWorkerThreads() throws Exception {
        try (IppServer server = IppServer.builder(service).listen("127.0.0.1", 0).workerThreads(2).build().start()) {
            URI uri = URI.create("ipp://127.0.0.1:" + server.port() + "/ipp/print");
            URI http = IppClient.httpUri(uri);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<CompletableFuture<HttpResponse<byte[]>>> polls = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                polls.add(client.sendAsync(HttpRequest.newBuilder(http).header("Content-Type", "application/ipp")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request(Operation.getNotifications, i, uri))).build(),
                        HttpResponse.BodyHandlers.ofByteArray()));
            }
            Await.until(() -> parked.size() == 50, "fifty long-polls parked");
            // Are the two workers free for other requests?
            IppPacket answer = new IppClient().send(uri, new IppPacket(Operation.getPrinterAttributes, 99,
                    AttributeGroup.groupOf(Tag.operationAttributes, Types.attributesCharset.of("utf-8"),
                            Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(uri))));
            assertThat(answer.getString(Tag.printerAttributes, Types.printerName)).isEqualTo("awake");
            assertThat(polls).noneMatch(CompletableFuture::isDone);

            for (IppResponse response : parked) {
                response.operation().add(Types.notifyGetInterval.of(30));
                response.deferred().send();
            }
            for (CompletableFuture<HttpResponse<byte[]>> poll : polls) {
                IppPacket packet = IppPacket.read(new ByteArrayInputStream(poll.get(20, TimeUnit.SECONDS).body()));
                assertThat(packet.getStatus()).isEqualTo(Status.successfulOk);
                assertThat(packet.getValue(Tag.operationAttributes, Types.notifyGetInterval)).isEqualTo(30);
            }
            assertThat(abandoned).hasValue(0);
        }
    }

    @Test
    void answeringAClientThatHungUpHarmsNothing() throws Exception {
        try (IppServer server = IppServer.builder(service).listen("127.0.0.1", 0).workerThreads(2).build().start()) {
            URI uri = URI.create("ipp://127.0.0.1:" + server.port() + "/ipp/print");
            try (RawHttp http = new RawHttp(server.port())) {
                http.post(request(Operation.getNotifications, 1, uri));
                Await.until(() -> parked.size() == 1, "the long-poll parked");
            }
            // A parked exchange reads nothing, so the hang-up is seen when the answer is written.
            parked.peek().deferred().send();
            assertThat(parked.peek().deferred().isFinished()).isTrue();
            IppPacket answer = new IppClient().send(uri, new IppPacket(Operation.getPrinterAttributes, 2,
                    AttributeGroup.groupOf(Tag.operationAttributes, Types.attributesCharset.of("utf-8"),
                            Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(uri))));
            assertThat(answer.getStatus()).isEqualTo(Status.successfulOk);
        }
    }
}
