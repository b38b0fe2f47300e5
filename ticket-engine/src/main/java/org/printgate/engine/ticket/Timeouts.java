package org.printgate.engine.ticket;

import java.time.Duration;

/**
 * The engine's timers (docs/ticket-protocol.md §10).
 *
 * @param confirm how long a go-ahead waits for its confirm before it is taken back
 * @param stall silence after which a printing job is stalled (claim 2)
 * @param fail time a stalled or stopping job has before it fails
 * @param pollHold how long a parked Get-Notifications waits for an event
 * @param maxAttempts grants a job may use up (expiries, give-backs) before it fails
 */
public record Timeouts(Duration confirm, Duration stall, Duration fail, Duration pollHold, int maxAttempts) {
    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(45),
            Duration.ofSeconds(120), Duration.ofSeconds(55), 5);
}
