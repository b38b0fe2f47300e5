package org.printgate.sim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.JobState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.formats.DocumentFormats;

/**
 * A slow printer with a memory smaller than the document still takes all of it: intake waits for
 * the engine to make room, as a real printer slows its sender down through TCP.
 */
class SmallMemoryTest {
    private static final long MEMORY_BYTES = 65_536;
    private static final int PAGES = 10;

    @RegisterExtension
    final RunningSimulator sim = new RunningSimulator();
    private final ExecutorService sampler = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        sampler.shutdownNow();
    }

    @Test
    void aDocumentThirtyTimesLargerThanTheMemoryIsTakenWholeAndPrintedOnce() throws Exception {
        String name = "64-kib-at-600-ppm";
        sim.start(TestPrinter.named(name).pagesPerMinute(600).memoryBytes(MEMORY_BYTES));
        IppPrinterClient ipp = sim.ipp(name);
        byte[] document = TestDocuments.pwgRaster(PAGES, 2000, 700);
        assertThat(document.length).isGreaterThan(30 * (int) MEMORY_BYTES);
        // The control API's memory-in-use, sampled while the document goes in.
        AtomicBoolean sending = new AtomicBoolean(true);
        Future<Long> largestSample = sampler.submit(() -> {
            long largest = 0;
            while (sending.get()) {
                largest = Math.max(largest, sim.control().printer(name).get("memory-in-use").asLong());
            }
            return largest;
        });

        IppPacket response = ipp.printJob(DocumentFormats.PWG_RASTER, document);
        int pagesWhenAccepted = sim.pagesOf(name).size();
        sending.set(false);

        assertThat(response.getStatus()).isEqualTo(Status.successfulOk);
        int jobId = response.getValue(Tag.jobAttributes, Types.jobId);
        // Intake waited for the engine: by the time the last byte was in, most pages had come out.
        assertThat(pagesWhenAccepted).as("pages out when the document was accepted").isGreaterThanOrEqualTo(PAGES - 2);
        long largest = largestSample.get(10, TimeUnit.SECONDS);
        assertThat(largest).as("largest memory-in-use sampled").isPositive().isLessThanOrEqualTo(MEMORY_BYTES);
        ipp.awaitJobState(jobId, JobState.completed);
        sim.assertPrintedWhole(name, jobId, PAGES, "ipp");
        assertThat(ipp.getJobAttributes(jobId).getValue(Tag.jobAttributes, Types.jobKOctets))
                .isEqualTo((document.length + 1023) / 1024);
        assertThat(sim.control().printer(name).get("memory-in-use").asLong()).as("memory after the job").isZero();
    }
}
