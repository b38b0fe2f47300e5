package org.printgate.engine.alerts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.Serializer;
import org.printgate.store.TransactionalMapDb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of one alert channel (the webhook, e-mail) that have not gone out yet, kept in a
 * MapDB file of the engine's data directory so that a restart sends them, and the one way they
 * are sent: one at a time, in the order they came, on the channel's own thread.
 * <p>
 * A message whose alert already has one of the same status waiting ("firing paper-jam:laser"
 * twice, say, because the engine restarted and saw the jam again) is dropped: the receiver would
 * learn nothing from it. Failures are retried after a wait that doubles each time, up to five
 * minutes. A receiver that cannot be reached is waited for as long as it takes (the message is
 * not at fault); one that answers with a failure is given {@code attempts} tries per message.
 * At most {@code capacity} messages wait; past that the oldest is dropped, logged once per
 * overflow and counted ({@link #dropped()}).
 * <p>
 * Messages are written to the file on the channel's thread, between attempts, never on the
 * caller's (the alert board's lock): a crash while an attempt hangs loses what came meanwhile
 * (at most one attempt's timeout), a clean stop ({@link #close()}) nothing. A message sent just
 * before a crash, whose removal was not yet written, is sent again after it: at least once.
 */
final class AlertOutbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertOutbox.class);
    /** Messages kept per channel: a site-wide incident's worth; beyond it the oldest go. */
    static final int CAPACITY = 10_000;
    static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    /** Enough for the B-tree's nodes of 10,000 small records. */
    private static final long CACHE_BYTES = 2L * 1024 * 1024;
    /** How long a stop waits for an attempt under way (a mail server is not interruptible). */
    private static final long STOP_WAIT_SECONDS = 5;

    /**
     * One message to send.
     *
     * @param key the alert's de-duplication key ({@link Alert#key()})
     * @param status "firing" or "resolved"
     * @param payload what the channel sends, in its own form
     */
    record Message(String key, String status, byte[] payload) {}

    /** What became of one attempt at sending a message. */
    enum Outcome {
        /** It went through. */
        DELIVERED,
        /** The receiver says it will never take it (the channel has logged why): not retried. */
        REFUSED,
        /** The receiver could not be reached: retried until it can. */
        UNREACHABLE,
        /** The receiver answered with a failure: retried up to the attempts. */
        FAILED
    }

    /** One attempt: its outcome, and why when it did not go through. */
    record Attempt(Outcome outcome, String why) {
        static Attempt delivered() {
            return new Attempt(Outcome.DELIVERED, "");
        }

        static Attempt refused(String why) {
            return new Attempt(Outcome.REFUSED, why);
        }

        static Attempt unreachable(String why) {
            return new Attempt(Outcome.UNREACHABLE, why);
        }

        static Attempt failed(String why) {
            return new Attempt(Outcome.FAILED, why);
        }
    }

    /** Sends one message's payload, on the outbox's thread; may block up to its own timeouts. */
    interface Courier {
        Attempt send(byte[] payload) throws InterruptedException;
    }

    /**
     * Runs a retry later on the outbox's executor: the shape of {@code ManualScheduler.schedule},
     * so tests move retries by advancing a clock.
     */
    interface RetryTimer {
        /** Real time, on the JDK's shared delay thread. */
        RetryTimer REAL = (executor, task, delay) -> CompletableFuture.runAsync(task,
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, executor));

        Future<?> schedule(Executor executor, Runnable task, Duration delay);
    }

    /** A message as kept: its place in the file and in the order. */
    private record Pending(long sequence, Message message) {}

    private final String name;
    private final Courier courier;
    private final int attempts;
    private final Duration firstRetry;
    private final int capacity;
    private final RetryTimer timer;
    private final ExecutorService sender;
    /** Offered, not yet written: filled on the callers' threads, emptied on the sender's. */
    private final Queue<Message> incoming = new ConcurrentLinkedQueue<>();

    // Guarded by this: the file, and the order it holds.
    private final DB db;
    private final BTreeMap<Long, byte[]> stored;
    private final Deque<Pending> backlog = new ArrayDeque<>();
    private final Map<String, Pending> newestByKey = new HashMap<>();
    private long nextSequence;
    private long dropped;
    private boolean overflowing;
    private boolean closed;
    /** Set first thing at {@link #close()}: the sender starts no attempt after it. */
    private volatile boolean stopping;

    // Touched only on the sender thread.
    private int retries;
    private int failedAnswers;
    private boolean waiting;

    /**
     * Opens (or creates) the outbox kept in {@code file} and starts sending what it holds.
     *
     * @param name the channel, for the log ("alert webhook https://...")
     * @param thread the name of the channel's thread
     */
    AlertOutbox(String name, String thread, Path file, Courier courier, int attempts, Duration firstRetry, int capacity,
                RetryTimer timer) {
        this.name = name;
        this.courier = courier;
        this.attempts = attempts;
        this.firstRetry = firstRetry;
        this.capacity = capacity;
        this.timer = timer;
        this.db = TransactionalMapDb.open(file, CACHE_BYTES, false);
        this.stored = db.treeMap("messages", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
        restore();
        this.sender = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, thread);
            t.setDaemon(true);
            return t;
        });
        if (!backlog.isEmpty()) {
            log.info("{}: {} messages kept from before the restart; sending them first", name, backlog.size());
            sender.execute(this::sendBacklog);
        }
    }

    /** Reads what the file holds, in order; a record that cannot be read is logged and removed. */
    private synchronized void restore() {
        java.util.List<Long> unreadable = new java.util.ArrayList<>();
        for (Map.Entry<Long, byte[]> entry : stored.entrySet()) {
            try {
                append(new Pending(entry.getKey(), decode(entry.getValue())));
            } catch (IOException e) {
                log.error("{}: message {} in the outbox cannot be read ({}); dropped", name, entry.getKey(), e.toString());
                unreadable.add(entry.getKey());
            }
        }
        nextSequence = stored.isEmpty() ? 1 : stored.lastKey() + 1;
        unreadable.forEach(stored::remove);
        boolean removed = !unreadable.isEmpty() | trim();
        if (removed) {
            db.commit();
        }
    }

    /** Queues a message; returns at once (no disk, no network on the caller's thread). */
    void offer(Message message) {
        incoming.add(message);
        try {
            sender.execute(() -> {
                admitIncoming();
                if (!waiting) {
                    sendBacklog();
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("{} closed; {} {} not kept", name, message.status(), message.key());
        }
    }

    /** Writes what was offered to the file, in one commit; drops duplicates and what overflows. */
    private synchronized void admitIncoming() {
        if (closed) {
            return;
        }
        boolean changed = false;
        for (Message message = incoming.poll(); message != null; message = incoming.poll()) {
            Pending newest = newestByKey.get(message.key());
            if (newest != null && newest.message().status().equals(message.status())) {
                log.debug("{}: {} {} already waits; the new one is dropped", name, message.status(), message.key());
                continue;
            }
            Pending pending = new Pending(nextSequence++, message);
            stored.put(pending.sequence(), encode(message));
            append(pending);
            changed = true;
        }
        changed |= trim();
        if (changed) {
            db.commit();
        }
    }

    private void append(Pending pending) {
        backlog.addLast(pending);
        newestByKey.put(pending.message().key(), pending);
    }

    /** Drops the oldest messages beyond the capacity; true if any was. */
    private boolean trim() {
        int over = backlog.size() - capacity;
        if (over <= 0) {
            return false;
        }
        if (!overflowing) {
            overflowing = true;
            log.warn("{}: more than {} messages waiting; the oldest are dropped (logged once until the backlog empties)",
                    name, capacity);
        }
        for (int i = 0; i < over; i++) {
            forget(backlog.peekFirst());
        }
        dropped += over;
        return true;
    }

    /** Removes the oldest message from the order and the file (not committed). */
    private void forget(Pending first) {
        backlog.removeFirst();
        stored.remove(first.sequence());
        newestByKey.remove(first.message().key(), first);
        if (backlog.isEmpty()) {
            overflowing = false;
        }
    }

    /** The oldest message waiting, or null (also once stopping). */
    private synchronized Pending head() {
        return closed || stopping ? null : backlog.peekFirst();
    }

    /** Done with {@code sent}: out of the order and the file, unless it was dropped meanwhile. */
    private synchronized void done(Pending sent) {
        if (closed || backlog.peekFirst() != sent) {
            return;
        }
        forget(sent);
        db.commit();
    }

    /** Sends what waits, in order, until it is all sent or a failure makes us wait. */
    private void sendBacklog() {
        waiting = false;
        while (!Thread.currentThread().isInterrupted()) {
            admitIncoming();
            Pending head = head();
            if (head == null) {
                return;
            }
            Attempt attempt;
            try {
                attempt = courier.send(head.message().payload());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A bug in a channel must not stop the outbox: treated as a failed answer.
                log.error("{}: sending {} {} failed", name, head.message().status(), head.message().key(), e);
                attempt = Attempt.failed(e.toString());
            }
            switch (attempt.outcome()) {
                case DELIVERED, REFUSED -> {
                    done(head);
                    retries = 0;
                    failedAnswers = 0;
                }
                case FAILED -> {
                    if (++failedAnswers >= attempts) {
                        log.error("{}: {}; gave {} {} up after {} failed answers", name, attempt.why(),
                                head.message().status(), head.message().key(), failedAnswers);
                        done(head);
                        retries = 0;
                        failedAnswers = 0;
                    } else {
                        retryLater(attempt);
                        return;
                    }
                }
                case UNREACHABLE -> {
                    retryLater(attempt);
                    return;
                }
            }
        }
    }

    private void retryLater(Attempt attempt) {
        retries++;
        Duration wait = firstRetry.multipliedBy(1L << Math.min(retries - 1, 20));
        wait = wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
        log.warn("{}: {}; trying again in {} ms ({} messages waiting)", name, attempt.why(), wait.toMillis(), size());
        waiting = true;
        try {
            timer.schedule(sender, this::sendBacklog, wait);
        } catch (RejectedExecutionException closing) {
            log.debug("{} closed; what waits is sent after the next start", name);
        }
    }

    /** Messages waiting (written or still incoming). */
    synchronized int size() {
        return backlog.size() + incoming.size();
    }

    /** Messages dropped because the backlog was full, since this outbox was opened. */
    synchronized long dropped() {
        return dropped;
    }

    /**
     * Stops sending and closes the file, keeping every message not yet sent for the next start.
     * Waits a little for an attempt under way; one that outlasts it is sent again next time.
     * The sender is never interrupted: an interrupt during a write closes MapDB's file channel
     * (NIO's rule), and the file with it.
     */
    @Override
    public void close() {
        stopping = true;
        sender.shutdown();
        try {
            if (!sender.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("{}: an attempt still under way at the stop; its message is kept and sent again", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            admitIncoming();
            closed = true;
            if (!backlog.isEmpty()) {
                log.info("{}: {} messages not sent yet; kept for the next start", name, backlog.size());
            }
            db.close();
        }
    }

    /** The record of a message: key, status, payload, each length-prefixed. */
    private static byte[] encode(Message message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.payload().length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeBytes(out, message.key().getBytes(StandardCharsets.UTF_8));
            writeBytes(out, message.status().getBytes(StandardCharsets.UTF_8));
            writeBytes(out, message.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Message decode(byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        String key = new String(readBytes(in), StandardCharsets.UTF_8);
        String status = new String(readBytes(in), StandardCharsets.UTF_8);
        return new Message(key, status, readBytes(in));
    }

    static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad length " + length);
        }
        return in.readNBytes(length);
    }
}
