package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.protocol.client.TicketClient;
import org.printgate.testing.Await;

/**
 * A spooler's cost stays flat as the site grows (issue 16; docs/ticket-protocol.md §6.10, §7):
 * it lists only the queues the engine's deployment policy shows it, yet prints on any queue the
 * user may use; it learns of new and deleted queues from the engine's events, not by asking for
 * the whole list again; it fetches a queue's capabilities only when a request needs them; and it
 * writes its remembered list only when the list changed. The engine counts the requests it gets.
 */
class QueuesFollowTheEngineTest {
    @TempDir
    Path directory;
    private SpoolerSystem system;

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aDeploymentPolicyLimitsTheListWhileAQueueNotShownStillPrints() throws Exception {
        system = SpoolerSystem.showing(directory, """
                deployment:
                  show: none
                  rules:
                    - {workstations: [workstation], users: ["*@test"], queues: [office-color, laser-ps]}
                    - {workstations: [another-workstation], queues: [slow-small]}
                """, 2, false);

        assertThat(listedBySpooler()).containsExactly("laser-ps", "office-color");
        int job = system.print("slow-small", "ann", Documents.pdf(directory, "by-url", 2), "application/pdf");
        system.awaitState("slow-small", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.pagesPrintedBy("slow-small")).containsExactly(1, 2);
        // Printing there made it usable, not listed.
        assertThat(listedBySpooler()).containsExactly("laser-ps", "office-color");
    }

    @Test
    void aQueueCreatedOrDeletedOnTheEngineReachesTheSpoolerByAnEventWithoutAPoll() throws Exception {
        system = SpoolerSystem.showing(directory, "", 3, true);
        TicketClient operator = TicketClient.withPassword(system.engine.systemUri(), "operator", SpoolerSystem.OPERATOR_PASSWORD);
        long listsAsked = system.engine.requests().of(Operation.getPrinters);

        operator.createPrinter("new-queue", URI.create("socket://127.0.0.1:" + system.simulator.rawPort(
                system.simulator.printer("laser-ps").orElseThrow())), null, 1, List.of("*"));
        // The spooler's clock stands still: no timer of its runs, only the long-poll brings news.
        Await.until(Duration.ofSeconds(20), () -> system.spooler.printers().all().stream()
                .anyMatch(p -> p.name().equals("new-queue")), "the new queue to appear on the spooler");

        operator.managePrinter("new-queue", Operation.deletePrinter);
        Await.until(Duration.ofSeconds(20), () -> system.spooler.printers().get("new-queue").isEmpty(),
                "the deleted queue to leave the spooler");
        assertThat(system.engine.requests().of(Operation.getPrinters)).isEqualTo(listsAsked);
    }

    @Test
    void capabilitiesAreFetchedOnlyForQueuesARequestNeeded() throws Exception {
        system = SpoolerSystem.showing(directory, "", 3, true);
        Path kept = directory.resolve("spool/capabilities");
        assertThat(system.engine.requests().of(Operation.getPrinterAttributes)).isZero();

        IppPacket answer = system.ask(Operation.getPrinterAttributes, "office-color", "ann", null);
        assertThat(answer.getStatus()).isEqualTo(Status.successfulOk);
        assertThat(answer.getStrings(Tag.printerAttributes, Types.documentFormatSupported)).contains("image/pwg-raster");
        system.ask(Operation.getPrinterAttributes, "office-color", "ann", null);

        // One fetch for the queue asked about, kept for the second request; none for the others.
        assertThat(system.engine.requests().of(Operation.getPrinterAttributes)).isEqualTo(1);
        assertThat(kept.resolve("office-color.ipp")).exists();
        try (var files = Files.list(kept)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("office-color.ipp");
        }
    }

    @Test
    void theRememberedListIsNotRewrittenWhenNothingChanged() throws Exception {
        system = SpoolerSystem.showing(directory, "", 3, true);
        Path remembered = directory.resolve("spool/printers.ipp");
        Await.until(Duration.ofSeconds(20), () -> Files.exists(remembered), "the list to be remembered");
        BasicFileAttributes before = Files.readAttributes(remembered, BasicFileAttributes.class);
        long listsAsked = system.engine.requests().of(Operation.getPrinters);

        // The safety refresh (every 2 s in this system) asks for the whole list a few times.
        Await.until(Duration.ofSeconds(20), () -> {
            system.advance(Duration.ofSeconds(3));
            return system.engine.requests().of(Operation.getPrinters) >= listsAsked + 3;
        }, "the spooler to ask for the list again");

        BasicFileAttributes after = Files.readAttributes(remembered, BasicFileAttributes.class);
        assertThat(after.fileKey()).isEqualTo(before.fileKey());
        assertThat(after.lastModifiedTime()).isEqualTo(before.lastModifiedTime());
    }

    /** The printers the spooler lists to a client that asks it (PWG 5100.22 Get-Printers on its root). */
    private List<String> listedBySpooler() throws Exception {
        URI root = URI.create("ipp://localhost:" + system.spooler.port() + "/");
        IppPacket answer = system.ipp.send(root, new IppPacket(0x0200, Operation.getPrinters.getCode(), 7, List.of(
                AttributeGroup.groupOf(Tag.operationAttributes, Types.attributesCharset.of("utf-8"),
                        Types.attributesNaturalLanguage.of("en"), Types.systemUri.of(root),
                        Types.requestedAttributes.of(Types.printerName.getName())))));
        assertThat(answer.getStatus()).isEqualTo(Status.successfulOk);
        return answer.getAttributeGroups().stream().filter(g -> g.getTag().equals(Tag.printerAttributes))
                .map(g -> g.getValue(Types.printerName).getValue()).sorted().toList();
    }
}
