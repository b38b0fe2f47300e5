package org.printgate.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printgate.bench.BenchRun;

/**
 * The load generator itself, in a run of a few seconds with small sizes: every phase runs and
 * the line of figures has every key with a positive number, so the bench cannot rot unnoticed.
 * It asserts no speeds: those are for the full run on a known machine (STYLE.md, tests layer 4);
 * only the bytes per job, which do not depend on the machine.
 */
class EngineBenchTest {
    @Test
    void printsEveryFigureAsAPositiveNumberInAMiniRun(@TempDir Path data) {
        EngineBench bench = new EngineBench();
        int exit = BenchRun.execute(bench,
                "--clients", "8", "--queues", "2", "--max-jobs", "4", "--waiters-per-queue", "4", "--print-ms", "50",
                "--warmup", "1", "--duration", "2", "--wire-jobs", "5",
                "--capacity-queues", "50", "--capacity-tickets", "200", "--store-threads", "8",
                "--accounting-rows", "12000", "--console-samples", "3",
                "--data", data.toString());

        assertThat(exit).isZero();
        Map<String, String> figures = bench.run.figures();
        assertThat(figures).containsKeys("lifecycles_per_s", "p99_go_ahead_ms", "control_bytes_per_job", "queues",
                "queued_jobs", "heap_mb", "restart_s");
        for (String key : new String[] {"lifecycles_per_s", "p99_go_ahead_ms", "control_bytes_per_job", "queues",
                "queued_jobs", "heap_mb", "restart_s"}) {
            assertThat(Double.parseDouble(figures.get(key))).as(key).isPositive();
        }
        assertThat(figures).containsEntry("queues", "50").containsEntry("queued_jobs", "200").containsEntry("errors", "0");
        // An operator watched the dashboard through the lifecycle window, every view answered (errors=0).
        assertThat(Integer.parseInt(figures.get("dashboard_views"))).isPositive();
        // The console's pages were answered (200, or the run fails) over the rows the totals counted.
        assertThat(figures).containsEntry("accounting_rows", "12000");
        for (String key : new String[] {"console_dashboard_p95_ms", "console_printers_p95_ms", "console_jobs_p95_ms",
                "console_jobs_rare_user_p95_ms", "report_month_by_user_p95_ms", "report_month_by_printer_p95_ms", "metrics_scrape_p95_ms"}) {
            assertThat(Double.parseDouble(figures.get(key))).as(key).isPositive();
        }
        assertThat(figures).as("HTTP/2: the long-poll and the requests share one connection")
                .containsEntry("control_connections", "1");
        // Bytes are counted, not timed, so the target can be held here: headers indexed
        // by HPACK, answers the RFC minimum (docs/ticket-protocol.md §13).
        assertThat(Double.parseDouble(figures.get("control_bytes_per_job"))).as("control bytes per job").isLessThanOrEqualTo(2000);
    }
}
