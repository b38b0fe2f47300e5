package org.printgate.sim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.sim.ledger.LedgerEntry;

/** Jobs sent to the raw port are sniffed, split and printed like IPP jobs, and listed by IPP. */
class RawPrintingTest {
    @RegisterExtension
    final RunningSimulator sim = new RunningSimulator();


    @Test
    void postScriptOnTheRawPortPrintsEveryPageOnceAndIsListedAsACompletedJob() throws IOException {
        sim.start(TestPrinter.named("raw-postscript"));

        sim.raw("raw-postscript").print(TestDocuments.postScript("raw", 3));

        List<LedgerEntry> pages = sim.pagesOf("raw-postscript");
        assertThat(pages).extracting(LedgerEntry::jobId).hasSize(3).containsOnly(pages.get(0).jobId());
        int jobId = pages.get(0).jobId();
        sim.assertPrintedWhole("raw-postscript", jobId, 3, "raw");

        IppPacket completed = sim.ipp("raw-postscript").getJobs("completed",
                "job-id", "job-state", "job-impressions-completed");
        assertThat(completed.getStatus()).isEqualTo(Status.successfulOk);
        List<AttributeGroup> jobs = completed.getAttributeGroups().stream()
                .filter(group -> group.getTag().equals(Tag.jobAttributes)).toList();
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).getValue(Types.jobId)).isEqualTo(jobId);
        assertThat(jobs.get(0).getValue(Types.jobState)).isEqualTo(JobState.completed);
        assertThat(jobs.get(0).getValue(Types.jobImpressionsCompleted)).isEqualTo(3);
    }

    @Test
    void pclAndPlainTextOnTheRawPortAreSniffedAndPagedByFormFeeds() throws IOException {
        sim.start(TestPrinter.named("raw-pcl-text"));

        sim.raw("raw-pcl-text").print(TestDocuments.pcl("pcl", 4));
        sim.raw("raw-pcl-text").print(TestDocuments.text("text", 2));

        List<Integer> jobs = sim.pagesOf("raw-pcl-text").stream().map(LedgerEntry::jobId).distinct().toList();
        assertThat(jobs).hasSize(2);
        sim.assertPrintedWhole("raw-pcl-text", jobs.get(0), 4, "raw");
        sim.assertPrintedWhole("raw-pcl-text", jobs.get(1), 2, "raw");
    }
}
