package org.printgate.ipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IntType;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.testing.Await;

class IppServerTest {
    private final DigestPrinterService service = new DigestPrinterService();
    private IppServer server;
    private URI printer;
    private final IppClient client = new IppClient();

    @BeforeEach
    void start() {
        server = IppServer.builder(service).listen("127.0.0.1", 0).maxAttributesBytes(64 * 1024).build().start();
        printer = URI.create("ipp://127.0.0.1:" + server.port() + "/ipp/print");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AttributeGroup operationGroup() {
        return AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                Types.printerUri.of(printer));
    }

    private IppPacket answer(byte[] body) throws IOException {
        try (RawHttp http = new RawHttp(server.port())) {
            http.post(body);
            RawHttp.Response response = http.read();
            assertThat(response.code()).isEqualTo(200);
            return response.ipp();
        }
    }

    private static byte[] withVersion(IppPacket packet, int version) throws IOException {
        byte[] bytes = RawHttp.encode(packet);
        bytes[0] = (byte) (version >> 8);
        bytes[1] = (byte) version;
        return bytes;
    }

    @Test
    void answersGetPrinterAttributesOverTheJdkClient() throws IOException {
        IppPacket response = client.send(printer, new IppPacket(Operation.getPrinterAttributes, 7, operationGroup()));
        assertThat(response.getStatus()).isEqualTo(Status.successfulOk);
        assertThat(response.getRequestId()).isEqualTo(7);
        assertThat(response.getString(Tag.printerAttributes, Types.printerName)).isEqualTo("digest");
        assertThat(response.getString(Tag.operationAttributes, Types.attributesCharset)).isEqualTo("utf-8");
    }

    @Test
    void keepsTheConnectionOpenAcrossRequestsWithoutDocuments() throws IOException {
        byte[] request = RawHttp.encode(new IppPacket(Operation.getPrinterAttributes, 1, operationGroup()));
        try (RawHttp http = new RawHttp(server.port())) {
            for (int i = 0; i < 3; i++) {
                http.post(request);
                RawHttp.Response response = http.read();
                assertThat(response.ipp().getStatus()).isEqualTo(Status.successfulOk);
                assertThat(response.closes()).as("request %d closes the connection", i).isFalse();
            }
        }
    }

    @Test
    void rejectsAnUnknownVersionBeforeParsingTheRest() throws IOException {
        byte[] bytes = withVersion(new IppPacket(Operation.getPrinterAttributes, 3, operationGroup()), 0x0900);
        IppPacket response = answer(bytes);
        assertThat(response.getStatus()).isEqualTo(Status.serverErrorVersionNotSupported);
        assertThat(response.getRequestId()).isEqualTo(3);
    }

    @Test
    void acceptsEveryIppVersionFromOneZeroToTwoTwo() throws IOException {
        for (int version : new int[] {0x0100, 0x0101, 0x0200, 0x0201, 0x0202}) {
            IppPacket response = answer(withVersion(new IppPacket(Operation.getPrinterAttributes, 3, operationGroup()), version));
            assertThat(response.getStatus()).as("version %x", version).isEqualTo(Status.successfulOk);
            assertThat(response.getVersionNumber()).isEqualTo(version);
        }
    }

    @Test
    void rejectsRequestIdZero() throws IOException {
        IppPacket response = answer(RawHttp.encode(new IppPacket(Operation.getPrinterAttributes, 0, operationGroup())));
        assertThat(response.getStatus()).isEqualTo(Status.clientErrorBadRequest);
    }

    @Test
    void rejectsMissingOrMisplacedCharsetAndLanguage() throws IOException {
        AttributeGroup noCharset = AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(printer));
        AttributeGroup swapped = AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesNaturalLanguage.of("en"), Types.attributesCharset.of("utf-8"), Types.printerUri.of(printer));
        AttributeGroup noLanguage = AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.printerUri.of(printer));
        for (AttributeGroup group : Arrays.asList(noCharset, swapped, noLanguage)) {
            IppPacket response = answer(RawHttp.encode(new IppPacket(Operation.getPrinterAttributes, 1, group)));
            assertThat(response.getStatus()).isEqualTo(Status.clientErrorBadRequest);
            assertThat(response.getString(Tag.operationAttributes, Types.statusMessage)).contains("attributes-charset");
        }
    }

    @Test
    void rejectsARequestWhoseFirstGroupIsNotOperationAttributes() throws IOException {
        IppPacket packet = new IppPacket(Operation.getPrinterAttributes, 1,
                AttributeGroup.groupOf(Tag.jobAttributes, Types.copies.of(1)), operationGroup());
        assertThat(answer(RawHttp.encode(packet)).getStatus()).isEqualTo(Status.clientErrorBadRequest);
    }

    @Test
    void rejectsAnUnsupportedCharset() throws IOException {
        AttributeGroup group = AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("iso-8859-7"), Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(printer));
        IppPacket response = answer(RawHttp.encode(new IppPacket(Operation.getPrinterAttributes, 1, group)));
        assertThat(response.getStatus()).isEqualTo(Status.clientErrorCharsetNotSupported);
    }

    @Test
    void answersOperationNotSupportedForUnknownAndMisdirectedOperations() throws IOException {
        IppPacket unknown = new IppPacket(0x0200, 0x7777, 1, operationGroup());
        assertThat(answer(RawHttp.encode(unknown)).getStatus()).isEqualTo(Status.serverErrorOperationNotSupported);
        // Cancel-Job is known to the service, but this printer has no handler for it.
        IppPacket misdirected = new IppPacket(Operation.cancelJob, 1, operationGroup());
        assertThat(answer(RawHttp.encode(misdirected)).getStatus()).isEqualTo(Status.serverErrorOperationNotSupported);
    }

    @Test
    void dispatchesByTargetToPrinterOrJob() throws IOException {
        AttributeGroup jobGroup = AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                Types.jobUri.of(URI.create("ipp://127.0.0.1/ipp/print/42")));
        IppPacket response = client.send(printer, new IppPacket(Operation.getJobAttributes, 1, jobGroup));
        assertThat(response.getValue(Tag.jobAttributes, Types.jobId)).isEqualTo(42);
    }

    @Test
    void answersNotFoundForAnotherPrinterUri() throws IOException {
        AttributeGroup group = AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                Types.printerUri.of(URI.create("ipp://127.0.0.1/ipp/other")));
        assertThat(client.send(printer, new IppPacket(Operation.getPrinterAttributes, 1, group)).getStatus())
                .isEqualTo(Status.clientErrorNotFound);
    }

    @Test
    void rejectsAnOperationAttributeOfTheWrongSyntax() throws IOException {
        AttributeGroup group = AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                new IntType("printer-uri").of(5));
        IppPacket response = answer(RawHttp.encode(new IppPacket(Operation.getPrinterAttributes, 1, group)));
        assertThat(response.getStatus()).isEqualTo(Status.clientErrorBadRequest);
        assertThat(response.getString(Tag.operationAttributes, Types.statusMessage)).contains("printer-uri");
    }

    @Test
    void returnsUnsupportedValuesInTheUnsupportedGroup() throws IOException {
        AttributeGroup group = AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                Types.printerUri.of(printer), Types.requestedAttributes.of("printer-name", "x-unsupported-thing"));
        IppPacket response = client.send(printer, new IppPacket(Operation.getPrinterAttributes, 1, group));
        assertThat(response.getStatus()).isEqualTo(Status.successfulOkIgnoredOrSubstitutedAttributes);
        assertThat(response.get(Tag.unsupportedAttributes).get("requested-attributes")).isNotNull();
        assertThat(response.getString(Tag.printerAttributes, Types.printerName)).isEqualTo("digest");
    }

    @Test
    void answersOversizeAttributesWithRequestEntityTooLarge() throws IOException {
        String[] many = new String[3000];
        Arrays.fill(many, "printer-name-but-rather-long");
        AttributeGroup group = AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                Types.printerUri.of(printer), Types.requestedAttributes.of(Arrays.asList(many)));
        try (RawHttp http = new RawHttp(server.port())) {
            http.post(RawHttp.encode(new IppPacket(Operation.getPrinterAttributes, 9, group)));
            RawHttp.Response response = http.read();
            assertThat(response.ipp().getStatus()).isEqualTo(Status.clientErrorRequestEntityTooLarge);
            assertThat(response.ipp().getRequestId()).isEqualTo(9);
            assertThat(response.closes()).isTrue();
        }
    }

    @Test
    void answersGarbageWithHttp400AndKeepsServing() throws IOException {
        byte[] valid = RawHttp.encode(new IppPacket(Operation.getPrinterAttributes, 1, operationGroup()));
        byte[][] garbage = {
                "hello, printer".getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOf(valid, valid.length - 1),
                Arrays.copyOf(valid, 5),
                {2, 0, 0, 11, 0, 0, 0, 1, 0x47, 0, 5},
        };
        for (byte[] body : garbage) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.post(body);
                assertThat(http.read().code()).isEqualTo(400);
            }
        }
        assertThat(answer(valid).getStatus()).isEqualTo(Status.successfulOk);
    }

    @Test
    void servesAnHtmlStatusPageOnGetAnd405OnOtherMethods() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI page = URI.create("http://127.0.0.1:" + server.port() + "/ipp/print");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(page).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(get.body()).contains("digest printer");
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(page).PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("allow")).contains("GET, HEAD, POST");
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(page.resolve("/nothing")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        HttpResponse<String> wrongType = http.send(HttpRequest.newBuilder(page).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(415);
    }

    @Test
    void streamsAChunkedDocumentAfterExpect100Continue() throws Exception {
        byte[] header = RawHttp.encode(new IppPacket(Operation.printJob, 5, operationGroup()));
        byte[] document = "page one\fpage two\f".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        try (RawHttp http = new RawHttp(server.port())) {
            http.sendHead("POST /ipp/print HTTP/1.1\r\nHost: localhost:631\r\nContent-Type: application/ipp\r\n"
                    + "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n");
            // CUPS waits for the interim 100 before it sends a byte of the body.
            http.out.write((Integer.toHexString(header.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            http.out.write(header);
            http.out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            http.out.flush();
            RawHttp.Response interim = http.read();
            assertThat(interim.code()).isEqualTo(100);
            for (int at = 0; at < document.length; at += 4096) {
                int n = Math.min(4096, document.length - at);
                http.out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                http.out.write(document, at, n);
                http.out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            http.out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            http.out.flush();
            IppPacket response = http.read().ipp();
            assertThat(response.getStatus()).isEqualTo(Status.successfulOk);
            assertThat(response.getString(Tag.jobAttributes, DigestPrinterService.DOCUMENT_SHA256))
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document)));
        }
    }

    @Test
    void streamsAFileWithContentLengthThroughTheClient(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("doc.bin");
        byte[] document = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(1).nextBytes(document);
        Files.write(file, document);
        IppPacket response = client.send(printer, new IppPacket(Operation.printJob, 2, operationGroup()), file);
        assertThat(response.getString(Tag.jobAttributes, DigestPrinterService.DOCUMENT_SHA256))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document)));
        IppPacket streamed = client.send(printer, new IppPacket(Operation.printJob, 3, operationGroup()),
                new ByteArrayInputStream(document));
        assertThat(streamed.getString(Tag.jobAttributes, DigestPrinterService.DOCUMENT_SHA256))
                .isEqualTo(response.getString(Tag.jobAttributes, DigestPrinterService.DOCUMENT_SHA256));
    }

    @Test
    void survivesAClientThatDropsTheConnectionMidDocument() throws Exception {
        byte[] header = RawHttp.encode(new IppPacket(Operation.printJob, 5, operationGroup()));
        try (RawHttp http = new RawHttp(server.port())) {
            http.sendHead("POST /ipp/print HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/ipp\r\n"
                    + "Content-Length: 10000000\r\n\r\n");
            http.out.write(header);
            http.out.write(new byte[100_000]);
            http.out.flush();
        }
        Await.until(() -> service.brokenDocuments.get() == 1, "the handler sees the broken document");
        assertThat(client.send(printer, new IppPacket(Operation.getPrinterAttributes, 1, operationGroup())).getStatus())
                .isEqualTo(Status.successfulOk);
    }

    @Test
    void clientFailsWithAnIoExceptionWhenNothingListens() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("ipp://127.0.0.1:" + closedPort + "/ipp/print");
        assertThatThrownBy(() -> client.send(nowhere, new IppPacket(Operation.getPrinterAttributes, 1, operationGroup())))
                .isInstanceOf(IOException.class);
    }
}
