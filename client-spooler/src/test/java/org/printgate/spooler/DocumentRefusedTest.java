package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Compression;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.JobStateReason;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketState;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.testing.Await;

/**
 * A document the printer cannot read ends its job aborted with the printer's reason, at once
 * (another attempt would end the same way), here and on the engine; a gzip-compressed document
 * is taken apart on receipt (compression-supported says so) and prints; a compression the
 * spooler cannot take apart is refused up front (RFC 8011 client-error-compression-not-supported).
 */
class DocumentRefusedTest {
    @TempDir
    Path directory;
    private SpoolerSystem system;
    private int requestId = 1;

    @BeforeEach
    void start() throws Exception {
        system = new SpoolerSystem(directory);
    }

    @AfterEach
    void stop() {
        system.close();
    }

    @Test
    void aDocumentThePrinterCannotReadEndsAbortedWithThePrintersReasonHereAndOnTheEngine() throws Exception {
        Path corrupt = directory.resolve("corrupt.pdf");
        Files.writeString(corrupt, "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is no PDF\n%%EOF\n",
                StandardCharsets.US_ASCII);
        int job = system.print("office-color", "ann", corrupt, "application/pdf");

        system.awaitState("office-color", job, JobState.aborted, Duration.ofSeconds(60));
        AttributeGroup seen = system.job("office-color", "ann", job);
        assertThat(seen.getValues(Types.jobStateReasons)).contains(JobStateReason.documentFormatError);
        assertThat(seen.getValue(Types.jobStateMessage).getValue()).contains("could not print the document");
        Ticket ticket = ticketOf(job);
        Await.until(Duration.ofSeconds(20), () -> ticket.state() == TicketState.FAILED,
                () -> "the engine to end the ticket aborted; it is " + ticket.state());
        assertThat(ticket.reasons()).contains(JobStateReason.documentFormatError);
        assertThat(ticket.attempts()).as("give-backs").isZero();
        assertThat(system.pagesPrintedBy("office-color")).isEmpty();
    }

    @Test
    void aGzipCompressedDocumentIsTakenApartOnReceiptAndPrints() throws Exception {
        Path pdf = Documents.pdf(directory, "zipped", 3);
        Path gzipped = directory.resolve("zipped.pdf.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            Files.copy(pdf, out);
        }
        IppPacket answer = printCompressed(gzipped, Compression.gzip);
        assertThat(answer.getStatus()).isEqualTo(Status.successfulOk);
        int job = answer.getValue(Tag.jobAttributes, Types.jobId);

        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.ledgerOf("office-color")).extracting(LedgerEntry::sha256)
                .containsExactlyElementsOf(SpoolerSystem.pageHashes(pdf, "application/pdf"));
        Ticket ticket = ticketOf(job);
        Await.until(Duration.ofSeconds(20), () -> ticket.state() == TicketState.COMPLETED,
                () -> "the engine to have the ticket completed; it is " + ticket.state());
    }

    @Test
    void advertisesTheCompressionsItTakesAndRefusesOthersUpFront() throws Exception {
        AttributeGroup printer = system.ask(Operation.getPrinterAttributes, "office-color", "ann", null)
                .get(Tag.printerAttributes);
        assertThat(printer.getValues(Types.compressionSupported))
                .containsExactlyInAnyOrder(Compression.none, Compression.deflate, Compression.gzip);

        IppPacket answer = printCompressed(Documents.pdf(directory, "squeezed", 1), Compression.compress);
        assertThat(answer.getStatus()).isEqualTo(Status.clientErrorCompressionNotSupported);
        assertThat(system.spooler.jobs().all()).isEmpty();
    }

    private IppPacket printCompressed(Path document, String compression) throws IOException {
        IppPacket request = new IppPacket(0x0200, Operation.printJob.getCode(), requestId++, List.of(
                AttributeGroup.groupOf(Tag.operationAttributes, Types.attributesCharset.of("utf-8"),
                        Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(system.printerUri("office-color")),
                        Types.requestingUserName.of("ann"), Types.jobName.of(document.getFileName().toString()),
                        Types.compression.of(compression), Types.documentFormat.of("application/pdf"))));
        return system.ipp.send(system.printerUri("office-color"), request, document);
    }

    private Ticket ticketOf(int job) {
        long ticketId = system.spooler.jobs().get(job).orElseThrow().ticketId();
        return system.engine.book().ticket(ticketId).orElseThrow();
    }
}
