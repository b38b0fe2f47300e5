package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.printgate.testing.Await;

/**
 * Bad input at the local endpoint gets a clear IPP status or HTTP error and harms nothing: the
 * spooler goes on printing the good job sent after it.
 */
class HostileLocalRequestsTest extends SpoolerSystemTest {
    @Test
    void badRequestsAreRefusedClearlyAndTheNextGoodJobPrints() throws Exception {
        URI office = system.printerUri("office-color");
        // Garbage instead of IPP: HTTP 400.
        HttpResponse<String> garbage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + office.getPort() + office.getPath()))
                .header("Content-Type", "application/ipp").POST(HttpRequest.BodyPublishers.ofString("not ipp at all"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(garbage.statusCode()).isEqualTo(400);
        // An unknown operation.
        assertThat(system.ipp.send(office, new IppPacket(0x0200, 0x3fff, 1, List.of(AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(office)))))
                .getStatus()).isEqualTo(Status.serverErrorOperationNotSupported);
        // A printer that does not exist, a job that does not exist.
        assertThat(system.ask(Operation.getPrinterAttributes, "no-such-queue", "ann", null).getStatus())
                .isEqualTo(Status.clientErrorNotFound);
        assertThat(system.ask(Operation.getJobAttributes, "office-color", "ann", 999_999).getStatus())
                .isEqualTo(Status.clientErrorNotFound);
        // A document format the printer does not take.
        Path text = directory.resolve("x.bin");
        java.nio.file.Files.writeString(text, "x");
        assertThat(printStatus("office-color", text, "application/x-unheard-of")).isEqualTo(Status.clientErrorDocumentFormatNotSupported);
        // Wrong attribute syntax: copies as text.
        assertThat(system.ask(Operation.validateJob, "office-color", "ann", null, AttributeGroup.groupOf(Tag.jobAttributes,
                new com.hp.jipp.encoding.TextType("copies").of("many"))).getStatus()).isIn(
                Status.successfulOkIgnoredOrSubstitutedAttributes, Status.clientErrorAttributesOrValuesNotSupported,
                Status.clientErrorBadRequest);
        // A huge value.
        assertThat(system.ask(Operation.validateJob, "office-color", "ann", null, AttributeGroup.groupOf(Tag.jobAttributes,
                Types.copies.of(Integer.MAX_VALUE))).getStatus()).isEqualTo(Status.successfulOkIgnoredOrSubstitutedAttributes);
        // A Print-Job whose connection drops half way through the document leaves nothing behind.
        int before = system.spooler == null ? 0 : system.spooler.jobs().all().size();
        dropMidDocument(office);
        Await.until(Duration.ofSeconds(5), () -> system.spooler.jobs().all().size() == before, "no half job in the spool");

        int job = system.print("office-color", "ann", Documents.pdf(directory, "after", 2), "application/pdf");
        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.pagesPrintedBy("office-color")).containsExactly(1, 2);
    }

    @Test
    void aSecondSendDocumentWhileTheFirstIsArrivingIsRefusedAndTheFirstPrintsWhole() throws Exception {
        URI laser = system.printerUri("laser-ps");
        IppPacket created = system.ask(Operation.createJob, "laser-ps", "ann", null);
        int job = created.getValue(Tag.jobAttributes, Types.jobId);
        // Three pages, with comment lines enough to make it a spool file (over the 64 KiB kept in the journal).
        StringBuilder ps = new StringBuilder("%!PS-Adobe-3.0\n%%Pages: 3\n%%EndComments\n");
        ps.append("% padding\n".repeat(12_000));
        for (int i = 1; i <= 3; i++) {
            ps.append("%%Page: ").append(i).append(' ').append(i).append("\n72 700 moveto (page ").append(i)
                    .append(") show showpage\n");
        }
        byte[] document = ps.append("%%EOF\n").toString().getBytes(StandardCharsets.US_ASCII);
        int half = 100_000;

        try (Socket socket = new Socket("127.0.0.1", laser.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + laser.getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/ipp\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            sendDocument(laser, job).write(head);
            writeChunk(out, head.toByteArray());
            writeChunk(out, java.util.Arrays.copyOfRange(document, 0, half));
            Path spooling = system.spooler.jobs().files().document(job);
            Await.until(Duration.ofSeconds(10), () -> java.nio.file.Files.exists(spooling), "the first document to be spooling");

            // Another Send-Document for the same job meanwhile: refused, and the first one's file is left alone.
            Path other = directory.resolve("other.ps");
            java.nio.file.Files.writeString(other, "%!PS-Adobe-3.0\n%%Pages: 1\n%%Page: 1 1\nshowpage\n%%EOF\n");
            IppPacket second = system.ipp.send(laser, sendDocument(laser, job), other);
            assertThat(second.getStatus()).isEqualTo(Status.clientErrorNotPossible);
            assertThat(spooling).exists();

            writeChunk(out, java.util.Arrays.copyOfRange(document, half, document.length));
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 200");
        }
        system.awaitState("laser-ps", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.pagesPrintedBy("laser-ps")).containsExactly(1, 2, 3);
        assertThat(system.job("laser-ps", "ann", job).getValue(Types.jobKOctets)).isEqualTo((document.length + 1023) / 1024);
    }

    private static IppPacket sendDocument(URI printer, int job) {
        return new IppPacket(0x0200, Operation.sendDocument.getCode(), 11, List.of(AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(printer),
                Types.jobId.of(job), Types.requestingUserName.of("ann"), Types.lastDocument.of(true),
                Types.documentFormat.of("application/postscript"))));
    }

    private static void writeChunk(OutputStream out, byte[] bytes) throws java.io.IOException {
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Test
    void theStatusPageShowsTheUsersJobsAndItsButtonsNeedThePagesToken() throws Exception {
        system.simulator.printer("office-color").orElseThrow().hardware()
                .apply(org.printgate.sim.profile.FaultSpec.of(org.printgate.sim.profile.FaultType.COVER_OPEN));
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + system.spooler.port();
        // The engine sees the printer stop (its watch), and tells the spooler (fig. 7).
        Await.until(Duration.ofSeconds(30), () -> get(http, base + "/?user=ann").contains("cover open"), "the page to show the trouble");
        int job = system.print("office-color", "ann", Documents.pdf(directory, "held", 1), "application/pdf");
        Await.until(Duration.ofSeconds(30), () -> get(http, base + "/?user=ann").contains("Move"), "the choices of a waiting job");
        String page = get(http, base + "/?user=ann");
        assertThat(page).contains("held.pdf").contains("Move").contains("Cancel");
        assertThat(get(http, base + "/?user=bob")).doesNotContain("held.pdf");

        // Without the page's token (a forged link from another site), nothing happens.
        assertThat(get(http, base + "/act?user=ann&job=" + job + "&do=cancel&token=forged")).contains("stale");
        assertThat(system.stateOf("office-color", job)).isEqualTo(JobState.pending);
        String token = page.replaceFirst("(?s).*token=([0-9a-f]+).*", "$1");
        assertThat(get(http, base + "/act?user=ann&job=" + job + "&do=cancel&token=" + token)).contains("canceled");
        system.awaitState("office-color", job, JobState.canceled, Duration.ofSeconds(10));
    }

    private static String get(HttpClient http, String uri) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private Status printStatus(String queue, Path document, String format) throws Exception {
        IppPacket answer = system.ipp.send(system.printerUri(queue), new IppPacket(0x0200, Operation.printJob.getCode(), 7,
                List.of(AttributeGroup.groupOf(Tag.operationAttributes, Types.attributesCharset.of("utf-8"),
                        Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(system.printerUri(queue)),
                        Types.requestingUserName.of("ann"), Types.documentFormat.of(format)))), document);
        return answer.getStatus();
    }

    /** A Print-Job header and part of a chunked document, then the connection closes. */
    private void dropMidDocument(URI office) throws Exception {
        ByteArrayOutputStream ipp = new ByteArrayOutputStream();
        new IppPacket(0x0200, Operation.printJob.getCode(), 3, List.of(AttributeGroup.groupOf(Tag.operationAttributes,
                Types.attributesCharset.of("utf-8"), Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(office),
                Types.requestingUserName.of("ann"), Types.documentFormat.of("application/pdf")))).write(ipp);
        byte[] head = ipp.toByteArray();
        try (Socket socket = new Socket("127.0.0.1", office.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + office.getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/ipp\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] part = new byte[head.length + 5000];
            System.arraycopy(head, 0, part, 0, head.length);
            writeChunk(out, part);
            InputStream in = socket.getInputStream();
            socket.shutdownOutput();
            in.readAllBytes();
        }
    }
}
