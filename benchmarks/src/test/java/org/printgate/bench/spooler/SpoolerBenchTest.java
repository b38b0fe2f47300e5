package org.printgate.bench.spooler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.bench.BenchRun;

/**
 * The spooler bench itself, in its quickest run (one start, short accept windows, a small
 * forwarded job): every phase runs against real child spoolers and a real cupsd, and the line
 * of figures has every key with a plausible number, so the bench cannot rot unnoticed. It
 * asserts no speeds: those are for the full run on a known machine (STYLE.md, tests layer 4).
 */
class SpoolerBenchTest {
    private static final List<String> FIGURES = List.of("start_ms", "idle_rss_mb", "accept_jobs_per_s",
            "cupsd_accept_jobs_per_s", "forward_mb_per_s", "loopback_copy_mb_per_s", "wire_bytes_ratio", "spooler_heap_mb",
            "start_ms_2000q", "idle_rss_mib_2000q");

    @Test
    void printsEveryFigureAsAPlausibleNumberInAQuickRun(@TempDir Path data) {
        SpoolerBench bench = new SpoolerBench();
        int exit = BenchRun.execute(bench,
                "--quick", "--document-mib", "16", "--forward-runs", "2", "--data", data.resolve("bench").toString());

        assertThat(exit).isZero();
        Map<String, String> figures = bench.run.figures();
        assertThat(figures).containsKeys(FIGURES.toArray(String[]::new));
        for (String key : FIGURES) {
            assertThat(Double.parseDouble(figures.get(key))).as(key).isPositive().isFinite();
        }
        // An idle spooler may well use no CPU a /proc tick can see.
        assertThat(Double.parseDouble(figures.get("idle_cpu_pct_2000q"))).isNotNegative().isFinite();
        assertThat(figures).containsEntry("scale_queues", "2000");
        // Every document byte reached the sink once, and the ticket traffic is on top of it.
        assertThat(Double.parseDouble(figures.get("wire_bytes_ratio"))).isGreaterThan(1.0);
        // The heap figure is read from the child spooler, whose -Xmx (the launcher's) bounds it.
        assertThat(Double.parseDouble(figures.get("spooler_heap_mb"))).isLessThanOrEqualTo(1024);
        assertThat(figures).containsEntry("accept_errors", "0").containsEntry("cupsd_errors", "0")
                .containsEntry("document_mb", "16");
        // Two forwards, each with its copy, and the medians of them.
        assertThat(figures.get("forward_runs_mb_per_s").split("/")).hasSize(2);
        assertThat(figures.get("copy_runs_mb_per_s").split("/")).hasSize(2);
    }
}
