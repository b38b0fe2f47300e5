package org.printgate.spooler.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.printgate.spooler.forward.ForwardedBytes;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.spooler.spool.SpoolJobs;

/**
 * The spooler's meters, in Prometheus's text format for {@code /metrics} on its loopback
 * listener. The gauges are computed once per scrape from the spool: one walk of its jobs (the
 * live ones and at most 500 finished), cheap. No series names a queue, a job or a user.
 */
public final class SpoolerMetrics {
    private final SpoolJobs jobs;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // The snapshot the gauges read, taken at the start of each scrape (under the scrape's lock).
    private final Map<Phase, Long> jobsByPhase = new EnumMap<>(Phase.class);
    private final long[] spooledBytes = new long[1];

    /**
     * @param forwarded the forwarders' count of document bytes sent to printers
     * @param engineReachable whether the engine answered the last long-poll
     */
    public SpoolerMetrics(SpoolJobs jobs, ForwardedBytes forwarded, BooleanSupplier engineReachable) {
        this.jobs = jobs;
        Gauge.builder("printgate.spool", spooledBytes, bytes -> bytes[0]).baseUnit("bytes")
                .description("Bytes of documents spooled for jobs that have not ended").register(registry);
        for (Phase phase : Phase.values()) {
            Gauge.builder("printgate.spool.jobs", jobsByPhase, counts -> counts.getOrDefault(phase, 0L))
                    .description("Jobs in the spool by phase (finished ones: the last 500 kept)")
                    .tag("phase", phase.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        FunctionCounter.builder("printgate.forwarded", forwarded, ForwardedBytes::total).baseUnit("bytes")
                .description("Document bytes sent to printers, every attempt and copy").register(registry);
        // Held strongly: Micrometer keeps a gauge's object weakly, and no one else holds this lambda.
        Gauge.builder("printgate.engine.reachable", engineReachable, reachable -> reachable.getAsBoolean() ? 1 : 0)
                .strongReference(true)
                .description("1 when the engine answered the last long-poll, else 0").register(registry);
    }

    /** The Prometheus text of every meter, the gauges computed now. */
    public synchronized String scrape() {
        jobsByPhase.clear();
        long bytes = 0;
        for (SpoolJob job : jobs.all()) {
            jobsByPhase.merge(job.phase(), 1L, Long::sum);
            if (!job.phase().isFinal() && job.bytes() > 0) {
                bytes += job.bytes();
            }
        }
        spooledBytes[0] = bytes;
        return registry.scrape();
    }
}
