package org.printgate.engine.ticket;

import com.hp.jipp.model.JobState;

/**
 * The life of a ticket (docs/ticket-protocol.md §4), with the IPP job-state each one shows and
 * whether it holds printer capacity.
 */
public enum TicketState {
    /** Job id given, details not yet (3-5): never granted. */
    INCOMING(JobState.pendingHeld, false),
    /** Details known (3-8): waiting its turn. */
    QUEUED(JobState.pending, false),
    /** Go-ahead not confirmed in time: out of the order until the holder shows life. */
    SET_ASIDE(JobState.pendingHeld, false),
    /** Go-ahead sent (6-3), confirm awaited. */
    GRANTED(JobState.pending, true),
    /** Confirmed (6-6): the client is sending to the printer. */
    PRINTING(JobState.processing, true),
    /** Heartbeats missing (claim 2): capacity kept until the fail timeout. */
    STALLED(JobState.processingStopped, true),
    /** Canceled while granted or printing: the client is stopping at the printer (5-2). */
    STOPPING(JobState.processing, true),
    COMPLETED(JobState.completed, false),
    FAILED(JobState.aborted, false),
    CANCELED(JobState.canceled, false);

    private final JobState jobState;
    private final boolean holdsCapacity;

    TicketState(JobState jobState, boolean holdsCapacity) {
        this.jobState = jobState;
        this.holdsCapacity = holdsCapacity;
    }

    public JobState jobState() {
        return jobState;
    }

    public boolean holdsCapacity() {
        return holdsCapacity;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }
}
