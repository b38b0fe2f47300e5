package org.printgate.ipp.internal;

import org.printgate.ipp.DeferredAnswer;

/** The server side of a {@link DeferredAnswer}: attached to the open exchange, abandoned on close. */
public final class Deferral implements DeferredAnswer {
    private Runnable sender;
    private Runnable onAbandoned = () -> { };
    private Runnable onFinished = () -> { };
    private boolean sendRequested;
    private boolean finished;

    public Deferral() {}

    /** Sends the response as it stands now. Later calls do nothing. */
    @Override
    public void send() {
        Runnable toRun;
        synchronized (this) {
            if (finished || sendRequested) {
                return;
            }
            sendRequested = true;
            toRun = sender;
            if (toRun != null) {
                finished = true;
            }
        }
        if (toRun != null) {
            finishedNow();
            toRun.run();
        }
    }

    private void finishedNow() {
        Runnable action;
        synchronized (this) {
            action = onFinished;
            onFinished = () -> { };
        }
        action.run();
    }

    /** What to do if the connection closes before {@link #send()}. */
    @Override
    public synchronized void onAbandoned(Runnable action) {
        this.onAbandoned = action;
    }

    @Override
    public synchronized boolean isFinished() {
        return finished;
    }

    /** Called by the server: runs once the answer is sent or abandoned (at once if it already was). */
    public void onFinished(Runnable action) {
        boolean now;
        synchronized (this) {
            now = finished;
            if (!now) {
                onFinished = action;
            }
        }
        if (now) {
            action.run();
        }
    }

    /** Called by the server once the exchange can be answered from any thread. */
    public void attach(Runnable sendAction) {
        boolean sendNow;
        synchronized (this) {
            sender = sendAction;
            sendNow = sendRequested && !finished;
            if (sendNow) {
                finished = true;
            }
        }
        if (sendNow) {
            finishedNow();
            sendAction.run();
        }
    }

    /** Called by the server when the connection closed unanswered. */
    public void abandon() {
        Runnable action;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            action = onAbandoned;
        }
        finishedNow();
        action.run();
    }
}
