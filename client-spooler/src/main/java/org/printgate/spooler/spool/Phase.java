package org.printgate.spooler.spool;

import com.hp.jipp.model.JobState;

/**
 * Where a spooled job is in its life on this workstation. Each phase maps to the IPP
 * {@code job-state} the user's print dialog shows (RFC 8011 §5.3.7).
 */
public enum Phase {
    /** Create-Job answered, the document not complete yet. */
    RECEIVING(JobState.pending),
    /** The document is on disk; the ticket is being asked for or completed with the details. */
    SPOOLED(JobState.pending),
    /** The document is on disk and the user holds it (job-hold-until): no ticket is asked for until it is released. */
    HELD(JobState.pendingHeld),
    /** The engine holds the ticket in the printer's queue; no go-ahead yet. */
    WAITING(JobState.pending),
    /** Go-ahead confirmed: the document is going to the printer. */
    PRINTING(JobState.processing),
    COMPLETED(JobState.completed),
    CANCELED(JobState.canceled),
    ABORTED(JobState.aborted);

    private final JobState jobState;

    Phase(JobState jobState) {
        this.jobState = jobState;
    }

    public JobState jobState() {
        return jobState;
    }

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELED || this == ABORTED;
    }
}
