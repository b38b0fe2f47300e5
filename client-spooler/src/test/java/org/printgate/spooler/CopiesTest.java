package org.printgate.spooler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Types;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.printgate.sim.ledger.LedgerEntry;
import org.printgate.sim.profile.FaultSpec;
import org.printgate.sim.profile.FaultType;

/**
 * copies and sides print as asked, on an IPP printer (which makes the copies) and on a raw one
 * (the spooler sends the document once per copy), and a failure in the middle of a copy resumes
 * there: every page of every copy comes out once, and the job counts all of them.
 */
class CopiesTest extends SpoolerSystemTest {

    @Test
    void anIppPrinterMakesTheCopiesOnBothSidesOfTheSheet() throws Exception {
        int job = system.print("office-color", "ann", Documents.pdf(directory, "handout", 3), "application/pdf",
                Types.copies.of(2), Types.sides.of("two-sided-long-edge"));

        system.awaitState("office-color", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(system.ledgerOf("office-color")).extracting(LedgerEntry::copy, LedgerEntry::page, LedgerEntry::sheet, LedgerEntry::back)
                .containsExactly(tuple(1, 1, 1, false), tuple(1, 2, 1, true), tuple(1, 3, 2, false),
                        tuple(2, 1, 3, false), tuple(2, 2, 3, true), tuple(2, 3, 4, false));
        AttributeGroup attributes = system.job("office-color", "ann", job);
        assertThat(attributes.getValue(Types.copies)).isEqualTo(2);
        assertThat(attributes.getValue(Types.jobImpressions)).isEqualTo(6);
        assertThat(attributes.getValue(Types.jobImpressionsCompleted)).isEqualTo(6);
        assertThat(attributes.getValue(Types.jobStateMessage).getValue()).contains("printed 6 page(s)");
        // Accounting counts what came out: both copies.
        long ticket = system.spooler.jobs().get(job).orElseThrow().ticketId();
        org.printgate.testing.Await.until(Duration.ofSeconds(20), () -> system.engine.store().accounting().stream()
                .anyMatch(t -> t.jobId() == ticket), "the engine's accounting row");
        assertThat(system.engine.store().accounting()).filteredOn(t -> t.jobId() == ticket).singleElement()
                .satisfies(t -> {
                    assertThat(t.impressions()).isEqualTo(6);
                    assertThat(t.impressionsCompleted()).isEqualTo(6);
                });
    }

    @Test
    void aRawPrinterGetsTheDocumentOncePerCopy() throws Exception {
        Path memo = Documents.postScript(directory, "memo", 2);
        int job = system.print("laser-ps", "ann", memo, "application/postscript", Types.copies.of(3));

        system.awaitState("laser-ps", job, JobState.completed, Duration.ofSeconds(60));
        assertThat(hashesOf("laser-ps")).containsExactlyInAnyOrderElementsOf(times(3, SpoolerSystem.pageHashes(memo, "application/postscript")));
        assertThat(system.spooler.jobs().get(job).orElseThrow().pagesDone()).isEqualTo(6);
    }

    @Test
    void aConnectionResetInTheFirstCopyOfARawJobResumesThereAndStillPrintsEveryCopy() throws Exception {
        Path memo = Documents.postScript(directory, "long-memo", 6);
        int job = printTwoCopiesThroughAReset("laser-ps", memo, "application/postscript");
        assertThat(system.spooler.jobs().get(job).orElseThrow().pagesDone()).isEqualTo(12);
    }

    @Test
    void anIppPrinterThatDropsTheConnectionInTheFirstCopyPrintsTheRestOnce() throws Exception {
        printTwoCopiesThroughAReset("office-color", Documents.pdf(directory, "slides", 8), "application/pdf");
    }

    /**
     * Two copies of {@code document} on {@code printer}, whose first connection is reset half way
     * through the document (copy 1 stops part way): every page of both copies comes out once.
     */
    private int printTwoCopiesThroughAReset(String printer, Path document, String format) throws Exception {
        system.simulator.printer(printer).orElseThrow().hardware()
                .apply(new FaultSpec(FaultType.RESET, null, null, Files.size(document) / 2, null));
        int job = system.print(printer, "ann", document, format, Types.copies.of(2));
        system.awaitState(printer, job, JobState.completed, Duration.ofSeconds(90));
        assertThat(hashesOf(printer)).containsExactlyInAnyOrderElementsOf(times(2, SpoolerSystem.pageHashes(document, format)));
        return job;
    }

    private List<String> hashesOf(String printer) {
        return system.ledgerOf(printer).stream().map(LedgerEntry::sha256).toList();
    }

    private static List<String> times(int copies, List<String> hashes) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            all.addAll(hashes);
        }
        Collections.sort(all);
        return all;
    }
}
