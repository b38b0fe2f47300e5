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
 * @param subscriptionLease a subscription's lease when its client asks for none (§6.2): not polled
 *                          for this long, it is dropped
 * @param subscriptionLeaseMax the longest lease granted (a client asking 0, "as long as possible", gets it)
 * @param incoming how long a ticket may stay incoming (details never sent, §6.4) before it is
 *                 aborted: RFC 8011's multiple-operation-time-out with the abort-job action, so a
 *                 client that went away does not hold a place against max-live-jobs for ever
 */
public record Timeouts(Duration confirm, Duration stall, Duration fail, Duration pollHold, int maxAttempts,
                       Duration subscriptionLease, Duration subscriptionLeaseMax, Duration incoming) {
    /** The shortest lease granted: longer than the poll hold, so a polling client never lapses. */
    public static final Duration SUBSCRIPTION_LEASE_MIN = Duration.ofSeconds(60);

    /**
     * The default {@link #incoming}: cupsd's MultipleOperationTimeout default, and longer than the
     * spooler's own multiple-operation-time-out (300 s), so a document still arriving at the
     * spooler is timed out there first.
     */
    public static final Duration INCOMING_DEFAULT = Duration.ofSeconds(900);

    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(45),
            Duration.ofSeconds(120), Duration.ofSeconds(55), 5, Duration.ofSeconds(300), Duration.ofSeconds(86_400),
            INCOMING_DEFAULT);

    public Timeouts {
        if (subscriptionLease.compareTo(SUBSCRIPTION_LEASE_MIN) < 0 || subscriptionLeaseMax.compareTo(subscriptionLease) < 0) {
            throw new IllegalArgumentException("subscription leases: need 60 s <= subscription-lease <= subscription-lease-max");
        }
        if (incoming.isNegative() || incoming.isZero()) {
            throw new IllegalArgumentException("incoming: need a time above 0 s");
        }
    }

    /** The default subscription leases. */
    public Timeouts(Duration confirm, Duration stall, Duration fail, Duration pollHold, int maxAttempts) {
        this(confirm, stall, fail, pollHold, maxAttempts, Duration.ofSeconds(300), Duration.ofSeconds(86_400), INCOMING_DEFAULT);
    }

    /**
     * The lease granted for a requested {@code notify-lease-duration} in seconds (RFC 3995 §5.3.8):
     * none → the default; 0 (as long as possible) or more than the maximum → the maximum; less
     * than {@link #SUBSCRIPTION_LEASE_MIN} → that minimum.
     */
    public Duration leaseFor(Integer requestedSeconds) {
        if (requestedSeconds == null) {
            return subscriptionLease;
        }
        Duration requested = Duration.ofSeconds(requestedSeconds);
        if (requestedSeconds == 0 || requested.compareTo(subscriptionLeaseMax) > 0) {
            return subscriptionLeaseMax;
        }
        return requested.compareTo(SUBSCRIPTION_LEASE_MIN) < 0 ? SUBSCRIPTION_LEASE_MIN : requested;
    }
}
