package org.printgate.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mapdb.DB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for a transactional store: writers hand in their writes and wait; one committer
 * thread takes every write handed in meanwhile, applies them in order and commits them as one
 * transaction. A MapDB commit takes all of the store's locks and costs two fsyncs and a
 * write-ahead-log file; a writer that committed for itself would hold the others out of the
 * store for that long, and each commit would carry one or two writes. Here the writes pile up
 * in memory while a commit runs, and the next commit carries them all.
 *
 * @param <T> one write, as the store applies it
 */
public final class GroupCommit<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** The store under the committer; called on the committer thread only. */
    public interface Target<T> {
        /** Applies the writes, in the order they were handed in, to the open transaction. */
        void write(List<T> writes);

        /** Makes the open transaction durable. */
        void commit();

        /** Drops the open transaction after a failed write or commit. */
        void rollback();
    }

    private record Pending<T>(T write, CompletableFuture<Void> done) {}

    private final Target<T> target;
    private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean open = true;

    public GroupCommit(String threadName, Target<T> target) {
        this.target = target;
        this.committer = new Thread(this::commitLoop, threadName);
        this.committer.setDaemon(true);
        this.committer.start();
    }

    /** Group commit on a MapDB with transactions: {@code write} applies a batch to its maps. */
    public static <T> GroupCommit<T> onMapDb(String threadName, DB db, Consumer<List<T>> write) {
        return new GroupCommit<>(threadName, new Target<>() {
            @Override
            public void write(List<T> writes) {
                write.accept(writes);
            }

            @Override
            public void commit() {
                db.commit();
            }

            @Override
            public void rollback() {
                db.rollback();
            }
        });
    }

    /** Hands in a write; the future completes once it is durable, or fails with the commit's error. */
    public CompletableFuture<Void> submit(T write) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!open) {
            done.completeExceptionally(new IllegalStateException("store closed"));
            return done;
        }
        queue.add(new Pending<>(write, done));
        return done;
    }

    private void commitLoop() {
        List<Pending<T>> batch = new ArrayList<>();
        List<T> writes = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Pending<T> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
                batch.forEach(pending -> writes.add(pending.write()));
                target.write(writes);
                target.commit();
                batch.forEach(pending -> pending.done().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // Errors too (MapDB throws IllegalAccessError for a closed store): the committer
                // must outlive a bad batch, or every later writer would wait for ever.
                log.error("store commit failed", e);
                try {
                    target.rollback();
                } catch (RuntimeException | Error ignored) {
                    // The store is broken either way; the writers learn it below, and the next batch tries again.
                }
                batch.forEach(pending -> pending.done().completeExceptionally(e));
            } finally {
                batch.clear();
                writes.clear();
            }
        }
    }

    /**
     * Commits what was handed in before, then stops the committer (waits up to 5 s); false when
     * it is still at work (a stalled disk), so that the store must not be closed under it.
     */
    public boolean stop() {
        open = false;
        try {
            committer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !committer.isAlive();
    }

    @Override
    public void close() {
        stop();
    }
}
