package org.printgate.engine.ticket;

import com.hp.jipp.model.JobStateReason;
import java.util.List;

/**
 * One print job as the engine knows it: who, where, how big, and how far. The document never
 * comes here. Only {@link TicketBook} changes a ticket, through {@link #transitionTo}.
 */
public final class Ticket {
    private final long jobId;
    private final String user;
    private final String holder;
    private final long createdMillis;
    private String queue;
    private String jobName;
    private int priority;
    private TicketState state;
    private List<String> reasons;
    private String message = "";
    private long kOctets = -1;
    private int impressions = -1;
    private int impressionsCompleted;
    private int attempts;
    /** When the current timer of the state runs out (confirm, stall, fail), or 0. */
    private long deadlineMillis;
    private long endedMillis;
    /** The asking request's idempotency key: a resent Create-Job finds this ticket again (§11.1). */
    private String requestKey = "";

    public Ticket(long jobId, String queue, String user, String holder, String jobName, int priority, long createdMillis) {
        this.jobId = jobId;
        this.queue = queue;
        this.user = user;
        this.holder = holder;
        this.jobName = jobName;
        this.priority = priority;
        this.createdMillis = createdMillis;
        this.state = TicketState.INCOMING;
        this.reasons = List.of(JobStateReason.jobIncoming);
    }

    /** The one door for state changes: the state, its reasons and message, and its timer. */
    void transitionTo(TicketState newState, List<String> newReasons, String newMessage, long deadline) {
        state = newState;
        reasons = List.copyOf(newReasons);
        message = newMessage == null ? "" : newMessage;
        deadlineMillis = deadline;
    }

    void details(long newKOctets, int newImpressions) {
        kOctets = newKOctets;
        impressions = newImpressions;
    }

    void progress(int completed) {
        impressionsCompleted = Math.max(impressionsCompleted, completed);
    }

    void attempt() {
        attempts++;
    }

    void ended(long millis) {
        endedMillis = millis;
    }

    void requestKey(String key) {
        requestKey = key == null ? "" : key;
    }

    public String requestKey() {
        return requestKey;
    }

    void rename(String name) {
        jobName = name;
    }

    void reprioritise(int newPriority) {
        priority = newPriority;
    }

    void move(String newQueue) {
        queue = newQueue;
    }

    /** Restores a ticket from the store exactly as it was committed. */
    public static Ticket restore(long jobId, String queue, String user, String holder, String jobName, int priority,
                                 long createdMillis, TicketState state, List<String> reasons, String message,
                                 long kOctets, int impressions, int impressionsCompleted, int attempts,
                                 long deadlineMillis, long endedMillis, String requestKey) {
        Ticket t = new Ticket(jobId, queue, user, holder, jobName, priority, createdMillis);
        t.requestKey = requestKey;
        t.state = state;
        t.reasons = List.copyOf(reasons);
        t.message = message;
        t.kOctets = kOctets;
        t.impressions = impressions;
        t.impressionsCompleted = impressionsCompleted;
        t.attempts = attempts;
        t.deadlineMillis = deadlineMillis;
        t.endedMillis = endedMillis;
        return t;
    }

    public long jobId() {
        return jobId;
    }

    public String queue() {
        return queue;
    }

    public String user() {
        return user;
    }

    /** The credential that asked for the ticket and acts on it. */
    public String holder() {
        return holder;
    }

    public String jobName() {
        return jobName;
    }

    public int priority() {
        return priority;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public TicketState state() {
        return state;
    }

    public List<String> reasons() {
        return reasons;
    }

    public String message() {
        return message;
    }

    /** Size in KiB, or -1 while incoming. */
    public long kOctets() {
        return kOctets;
    }

    public int impressions() {
        return impressions;
    }

    public int impressionsCompleted() {
        return impressionsCompleted;
    }

    public int attempts() {
        return attempts;
    }

    public long deadlineMillis() {
        return deadlineMillis;
    }

    public long endedMillis() {
        return endedMillis;
    }

    @Override
    public String toString() {
        return "job " + jobId + " (" + state + " on " + queue + " for " + user + ")";
    }
}
