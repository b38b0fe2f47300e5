package org.printgate.sim.job;

import com.hp.jipp.model.JobState;
import java.util.List;
import java.util.function.Consumer;
import org.printgate.sim.printer.DataPath;

/**
 * A job on a simulated printer (RFC 8011 §5.3). {@link #transitionTo} is the one way its state
 * changes (CUPS's cupsdSetJobState): it stamps the times, keeps the reasons with the state and
 * tells the printer's listeners (the IPP subscriptions' events). Holding and releasing go through
 * it too; a job the engine has taken ({@link #claimForEngine}) can no longer be held.
 */
public final class Job {
    private final int id;
    private final String name;
    private final String user;
    private final DataPath path;
    private final long createdAtSeconds;
    private volatile String documentFormat;
    private volatile JobState state = JobState.pending;
    private volatile List<String> reasons = List.of("job-incoming");
    private volatile String message = "";
    private volatile int impressionsCompleted;
    private volatile long octets;
    private volatile long processingAtSeconds;
    private volatile long completedAtSeconds;
    private volatile boolean cancelRequested;
    private volatile DocumentPipe pipe;
    private volatile List<int[]> pageRanges = List.of();
    private volatile int copies = 1;
    private volatile String sides = "one-sided";
    private volatile int sheetsCompleted;
    /** The engine has taken the job: it prints as soon as the printer lets it, and Hold-Job is too late. */
    private boolean claimed;
    private final Uptime uptime;
    private final Consumer<Job> changed;

    public Job(int id, String name, String user, DataPath path, String documentFormat, Uptime uptime) {
        this(id, name, user, path, documentFormat, uptime, job -> { });
    }

    /** A job whose every state change is told to {@code changed}, after the change, outside the job's lock. */
    public Job(int id, String name, String user, DataPath path, String documentFormat, Uptime uptime, Consumer<Job> changed) {
        this.changed = changed;
        this.id = id;
        this.name = name;
        this.user = user;
        this.path = path;
        this.documentFormat = documentFormat;
        this.uptime = uptime;
        this.createdAtSeconds = uptime.seconds();
    }

    /** Seconds since the printer started, for the time-at-* attributes. */
    public interface Uptime {
        long seconds();
    }

    public void transitionTo(JobState newState, List<String> newReasons, String newMessage) {
        if (change(newState, newReasons, newMessage)) {
            changed.accept(this);
        }
    }

    /**
     * Hold-Job (RFC 8011 §4.3.5): a pending job the engine has not taken becomes pending-held;
     * false for any other.
     */
    public boolean hold(String newMessage) {
        boolean held;
        synchronized (this) {
            held = state.equals(JobState.pending) && !claimed
                    && change(JobState.pendingHeld, List.of("job-hold-until-specified"), newMessage);
        }
        if (held) {
            changed.accept(this);
        }
        return held;
    }

    /** Release-Job (RFC 8011 §4.3.6): a held job is pending again; false when it was not held. */
    public boolean release(String newMessage) {
        boolean released;
        synchronized (this) {
            released = state.equals(JobState.pendingHeld) && change(JobState.pending, List.of("none"), newMessage);
        }
        if (released) {
            changed.accept(this);
        }
        return released;
    }

    /** The engine takes the job, unless it is held; from now on it cannot be held. */
    public synchronized boolean claimForEngine() {
        if (state.equals(JobState.pendingHeld)) {
            return false;
        }
        claimed = true;
        return true;
    }

    private synchronized boolean change(JobState newState, List<String> newReasons, String newMessage) {
        if (isTerminal()) {
            return false;
        }
        if (newState.equals(JobState.processing) && processingAtSeconds == 0) {
            processingAtSeconds = uptime.seconds();
        }
        if (newState.equals(JobState.completed) || newState.equals(JobState.canceled) || newState.equals(JobState.aborted)) {
            completedAtSeconds = uptime.seconds();
        }
        state = newState;
        reasons = List.copyOf(newReasons);
        message = newMessage;
        return true;
    }

    public boolean isTerminal() {
        return state.getCode() >= JobState.canceled.getCode();
    }

    /** Asks the job to stop at the next page boundary; intake and the engine both look. */
    public void requestCancel() {
        cancelRequested = true;
        DocumentPipe current = pipe;
        if (current != null) {
            current.abandon();
        }
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public void pageDone() {
        impressionsCompleted++;
    }

    public void addOctets(long n) {
        octets += n;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public DataPath path() {
        return path;
    }

    public String documentFormat() {
        return documentFormat;
    }

    public void documentFormat(String format) {
        this.documentFormat = format;
    }

    public JobState state() {
        return state;
    }

    public List<String> reasons() {
        return reasons;
    }

    public String message() {
        return message;
    }

    public int impressionsCompleted() {
        return impressionsCompleted;
    }

    public long octets() {
        return octets;
    }

    public long createdAtSeconds() {
        return createdAtSeconds;
    }

    public long processingAtSeconds() {
        return processingAtSeconds;
    }

    public long completedAtSeconds() {
        return completedAtSeconds;
    }

    /** copies (RFC 8011 §5.2.5): collated copies of the document, one after the other. */
    public void copies(int count) {
        this.copies = count;
    }

    public int copies() {
        return copies;
    }

    /** sides (RFC 8011 §5.2.8): one-sided, two-sided-long-edge or two-sided-short-edge. */
    public void sides(String keyword) {
        this.sides = keyword;
    }

    public String sides() {
        return sides;
    }

    public boolean twoSided() {
        return !sides.equals("one-sided");
    }

    /** A sheet came out (job-media-sheets-completed). */
    public void sheetDone() {
        sheetsCompleted++;
    }

    public int sheetsCompleted() {
        return sheetsCompleted;
    }

    /** The page-ranges to print (RFC 8011 §5.2.7), as [first, last] pairs; empty for all pages. */
    public void pageRanges(List<int[]> ranges) {
        this.pageRanges = List.copyOf(ranges);
    }

    public boolean wantsPage(int page) {
        if (pageRanges.isEmpty()) {
            return true;
        }
        for (int[] range : pageRanges) {
            if (page >= range[0] && page <= range[1]) {
                return true;
            }
        }
        return false;
    }

    public DocumentPipe pipe() {
        return pipe;
    }

    public void pipe(DocumentPipe newPipe) {
        this.pipe = newPipe;
    }
}
