package org.printgate.bench.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.bench.BenchRun;

/**
 * A 2 GB job through a spooler with a 64 MiB heap (the launcher's -Xmx64m), spooled and forwarded
 * whole to a raw-socket printer: the bench's forward phase checks that every byte reached the
 * printer and the engine recorded the job completed, and samples the spooler's heap meanwhile.
 * A spooler that held the document, or a page of it, would run out of heap and fail the job.
 */
class TwoGigabyteJobTest {
    @Test
    void aTwoGigabyteJobPrintsThroughASpoolerWithA64MiBHeap(@TempDir Path data) throws Exception {
        Path launcher = LauncherFlags.findLauncher().orElseThrow();
        assertThat(LauncherFlags.of(launcher)).contains("-Xmx64m");

        SpoolerBench bench = new SpoolerBench();
        int exit = BenchRun.execute(bench, "--phases", "forward", "--document-mib", "2048", "--data", data.resolve("bench").toString());

        assertThat(exit).isZero();
        Map<String, String> figures = bench.run.figures();
        assertThat(Double.parseDouble(figures.get("document_mb"))).isGreaterThan(2000);
        assertThat(Double.parseDouble(figures.get("spooler_heap_mb"))).isPositive().isLessThanOrEqualTo(64);
    }
}
