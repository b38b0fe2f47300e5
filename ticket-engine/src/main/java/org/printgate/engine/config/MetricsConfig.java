package org.printgate.engine.config;

/**
 * The {@code metrics:} block: what {@code /metrics} shows.
 *
 * @param queueLabelsLimit per-queue series ({@code queue="..."}) only while the engine has at
 *     most this many queues (default 100): 200,000 queues must not become 200,000 series in
 *     Prometheus. Above it the per-queue series go, and the engine says so once in its log.
 */
public record MetricsConfig(Integer queueLabelsLimit) {
    public static final MetricsConfig DEFAULTS = new MetricsConfig(null);

    public MetricsConfig {
        queueLabelsLimit = queueLabelsLimit == null ? 100 : queueLabelsLimit;
        if (queueLabelsLimit < 0) {
            throw new IllegalArgumentException("metrics.queue-labels-limit must be 0 or more, not " + queueLabelsLimit);
        }
    }
}
