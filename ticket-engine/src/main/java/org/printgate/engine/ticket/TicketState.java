package org.printgate.engine.ticket;

import com.hp.jipp.model.JobState;

/**
 * The life of a ticket (docs/ticket-protocol.md §4), with the IPP job-state each one shows and
 * whether it holds printer capacity.
 */
public enum TicketState {
    /** Job id given, details not yet (3-5): never granted. */
    INCOMING(0, JobState.pendingHeld, false),
    /** Details known (3-8): waiting its turn. */
    QUEUED(1, JobState.pending, false),
    /** Go-ahead not confirmed in time: out of the order until the holder shows life. */
    SET_ASIDE(2, JobState.pendingHeld, false),
    /** Go-ahead sent (6-3), confirm awaited. */
    GRANTED(3, JobState.pending, true),
    /** Confirmed (6-6): the client is sending to the printer. */
    PRINTING(4, JobState.processing, true),
    /** Heartbeats missing (claim 2): capacity kept until the fail timeout. */
    STALLED(5, JobState.processingStopped, true),
    /** Canceled while granted or printing: the client is stopping at the printer (5-2). */
    STOPPING(6, JobState.processing, true),
    COMPLETED(7, JobState.completed, false),
    FAILED(8, JobState.aborted, false),
    CANCELED(9, JobState.canceled, false);

    private final int code;
    private final JobState jobState;
    private final boolean holdsCapacity;

    TicketState(int code, JobState jobState, boolean holdsCapacity) {
        this.code = code;
        this.jobState = jobState;
        this.holdsCapacity = holdsCapacity;
    }

    /**
     * The number the store keeps for this state: fixed for ever, unlike the declaration order, so
     * that a state added or moved in this file does not change what a stored ticket means.
     */
    public int code() {
        return code;
    }

    /** The state stored as {@code code}. */
    public static TicketState ofCode(int code) {
        for (TicketState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        throw new IllegalArgumentException("no ticket state has the stored code " + code);
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
