package org.printgate.spooler.local;

import com.hp.jipp.model.Status;
import org.printgate.ipp.IppException;
import org.printgate.spooler.spool.HoldUntil;
import org.printgate.spooler.spool.Phase;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.spooler.spool.SpoolJobs;

/**
 * Held jobs (job-hold-until, Hold-Job, Release-Job; RFC 8011 §4.3.5-4.3.6): a held job keeps its
 * document on this desktop and asks the engine for nothing until it is released, by its owner
 * or when its time of day comes.
 */
final class JobHolds {
    private JobHolds() {}

    /** Where a job goes once its document is complete: held, or on to ask for its ticket. */
    static SpoolJob documentComplete(SpoolJob job) {
        return job.held() ? job.inPhase(Phase.HELD, HoldUntil.describe(job.holdUntil()))
                : job.inPhase(Phase.SPOOLED, "spooled; asking for a ticket");
    }

    /** Tells the agent about a job whose document is complete. */
    static void handOn(SpoolJob job, JobActions actions) {
        if (job.phase() == Phase.HELD) {
            actions.held(job);
        } else {
            actions.spooled(job);
        }
    }

    /**
     * Hold-Job: holds a job still coming in, or held already (a new hour). A spooled job is on its
     * way into the engine's line that moment (its ticket request may be going out), and one in
     * line keeps its place (holding it would mean giving its ticket back): the user can cancel
     * either instead.
     */
    static SpoolJob hold(SpoolJob job, String until, SpoolJobs jobs) {
        SpoolJob held = jobs.update(job.id(), current -> switch (current.phase()) {
            case RECEIVING -> current.heldUntil(until).withMessage(HoldUntil.describe(until) + "; receiving the document");
            case HELD -> current.heldUntil(until).withMessage(HoldUntil.describe(until));
            default -> current;
        }).orElseThrow();
        if (!held.held() || !held.holdUntil().equals(until)) {
            throw new IppException(Status.clientErrorNotPossible, "job " + job.id() + " is " + describe(held)
                    + " and cannot be held; cancel it instead");
        }
        return held;
    }

    /** Release-Job: a held job goes on to ask for its ticket. */
    static SpoolJob release(SpoolJob job, SpoolJobs jobs) {
        if (!job.held()) {
            throw new IppException(Status.clientErrorNotPossible, "job " + job.id() + " is not held");
        }
        return jobs.update(job.id(), current -> !current.held() ? current
                : current.phase() == Phase.HELD ? current.heldUntil("").inPhase(Phase.SPOOLED, "released; asking for a ticket")
                : current.heldUntil("").withMessage("released; receiving the document")).orElseThrow();
    }

    private static String describe(SpoolJob job) {
        return job.phase() == Phase.WAITING ? "in line at the print server" : job.phase().jobState().getName();
    }
}
