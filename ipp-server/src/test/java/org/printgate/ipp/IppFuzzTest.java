package org.printgate.ipp;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.MediaCol;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Types;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sends 100,000 seeded mutations of valid requests (bit flips, overwritten bytes, truncation,
 * inserted and repeated runs, bogus lengths, bodies cut short on the wire) to a live server.
 * Every request must get an HTTP answer or a clean close, the server must keep serving valid
 * requests, and its heap must not grow.
 */
class IppFuzzTest {
    private static final int REQUESTS = 100_000;
    private static final long SEED = 20261121L;

    @Test
    void survivesOneHundredThousandMutatedRequestsWithAFlatHeap() throws Exception {
        DigestPrinterService service = new DigestPrinterService();
        try (IppServer server = IppServer.builder(service).listen("127.0.0.1", 0).build().start()) {
            URI printer = URI.create("ipp://127.0.0.1:" + server.port() + "/ipp/print");
            List<byte[]> corpus = corpus(printer);
            Random random = new Random(SEED);
            int answered = 0;
            int closed = 0;
            long heapAfterWarmup = 0;
            RawHttp http = new RawHttp(server.port());
            for (int i = 0; i < REQUESTS; i++) {
                if (i == REQUESTS / 10) {
                    heapAfterWarmup = usedHeap();
                }
                byte[] body = mutate(corpus.get(random.nextInt(corpus.size())), random);
                boolean cutShort = random.nextInt(50) == 0;
                RawHttp.Response response;
                try {
                    if (cutShort) {
                        // Announce more than is sent, then hang up: a dropped connection.
                        http.sendHead("POST /ipp/print HTTP/1.1\r\nHost: x\r\nContent-Type: application/ipp\r\nContent-Length: "
                                + (body.length + 1 + random.nextInt(100_000)) + "\r\n\r\n");
                        http.out.write(body);
                        http.out.flush();
                        http.close();
                        response = null;
                    } else {
                        http.post(body);
                        response = http.read();
                    }
                } catch (SocketException e) {
                    response = null;
                }
                if (response == null) {
                    closed++;
                } else {
                    answered++;
                    assertThat(response.code()).as("request %d", i).isIn(200, 400);
                    if (response.code() == 200) {
                        // An IPP answer always echoes the request-id it was given.
                        assertThat(response.ipp().getRequestId()).as("request %d", i)
                                .isEqualTo(java.nio.ByteBuffer.wrap(body, 4, 4).getInt());
                    }
                }
                if (response == null || response.closes()) {
                    http.close();
                    http = new RawHttp(server.port());
                }
            }
            http.close();
            // Is the server still whole?
            IppPacket check = new IppClient().send(printer, new IppPacket(Operation.getPrinterAttributes, 1,
                    AttributeGroup.groupOf(Tag.operationAttributes, Types.attributesCharset.of("utf-8"),
                            Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(printer))));
            assertThat(check.getString(Tag.printerAttributes, Types.printerName)).isEqualTo("digest");
            long heapAtEnd = usedHeap();
            System.out.printf("fuzz: requests=%d answered=%d closed=%d heap_after_warmup_mb=%.1f heap_at_end_mb=%.1f%n",
                    REQUESTS, answered, closed, heapAfterWarmup / 1e6, heapAtEnd / 1e6);
            assertThat(answered + closed).isEqualTo(REQUESTS);
            assertThat(heapAtEnd - heapAfterWarmup).as("heap growth").isLessThan(16L << 20);
        }
    }

    private static List<byte[]> corpus(URI printer) throws IOException {
        AttributeGroup operation = AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                Types.printerUri.of(printer), Types.requestingUserName.of("fuzz"),
                Types.requestedAttributes.of("all", "media-col-database"));
        MediaCol a4 = new MediaCol();
        a4.setMediaSize(new MediaCol.MediaSize(21000, 29700));
        AttributeGroup job = AttributeGroup.groupOf(Tag.jobAttributes,
                Types.copies.of(2), Types.sides.of("two-sided-long-edge"), Types.jobName.of("fuzzed job"),
                Types.mediaCol.of(a4),
                Types.jobState.of(JobState.pending));
        List<byte[]> corpus = new ArrayList<>();
        corpus.add(RawHttp.encode(new IppPacket(Operation.getPrinterAttributes, 1, operation)));
        corpus.add(withDocument(RawHttp.encode(new IppPacket(Operation.printJob, 2, operation, job))));
        corpus.add(RawHttp.encode(new IppPacket(Operation.getJobAttributes, 3, AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"),
                Types.printerUri.of(printer), Types.jobId.of(12)))));
        corpus.add(RawHttp.encode(new IppPacket(Operation.validateJob, 4, operation, job)));
        return corpus;
    }

    private static byte[] withDocument(byte[] header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes("%!PS\n%%Page: 1 1\nshowpage\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** One to four random edits of a valid request. */
    static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(7)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> bytes = java.util.Arrays.copyOf(bytes, at);
                case 3 -> {
                    byte[] noise = new byte[1 + random.nextInt(16)];
                    random.nextBytes(noise);
                    bytes = splice(bytes, at, noise);
                }
                case 4 -> {
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(64));
                    bytes = splice(bytes, at, java.util.Arrays.copyOfRange(bytes, at, at + length));
                }
                case 5 -> {
                    // A bogus two-octet length: zero, maximal, or off by one.
                    int value = switch (random.nextInt(3)) {
                        case 0 -> 0;
                        case 1 -> 0xffff;
                        default -> ((bytes[at] & 0xff) << 8) + 1;
                    };
                    bytes[at] = (byte) (value >> 8);
                    if (at + 1 < bytes.length) {
                        bytes[at + 1] = (byte) value;
                    }
                }
                default -> bytes[at] = (byte) (random.nextBoolean() ? 0x03 : 0x01 + random.nextInt(6));
            }
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, byte[] insert) {
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return out;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
