package org.printgate.spooler.spool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every job of this spooler, and the one door through which a job changes (CUPS's
 * cupsdSetJobState): {@link #update} writes the journal before anyone sees the new value, then
 * tells the listeners. Finished jobs are kept as history up to a limit, like CUPS's MaxJobs.
 */
public final class SpoolJobs {
    private static final Logger log = LoggerFactory.getLogger(SpoolJobs.class);
    private static final int KEPT_FINISHED = 500;

    private final SpoolJournal journal;
    private final SpoolFiles files;
    private final Map<Long, SpoolJob> jobs = new ConcurrentSkipListMap<>();
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();
    /** Job ids by the engine's ticket id: the engine's events name tickets, and a spool may hold thousands of jobs. */
    private final Map<Long, Long> byTicket = new ConcurrentHashMap<>();
    /** Jobs whose one document is arriving now (a Send-Document under way). */
    private final Set<Long> receiving = ConcurrentHashMap.newKeySet();
    private final List<Consumer<SpoolJob>> listeners = new CopyOnWriteArrayList<>();

    public SpoolJobs(SpoolJournal journal, SpoolFiles files) {
        this.journal = journal;
        this.files = files;
        for (SpoolJob job : journal.load()) {
            jobs.put(job.id(), job);
            indexTicket(null, job);
        }
        // Copies of journaled documents go too: they were written without a flush.
        Set<Long> keep = live().stream().map(SpoolJob::id).collect(Collectors.toSet());
        keep.removeAll(journal.documentIds());
        files.sweep(keep);
    }

    /** Adds a listener called after every change, on the changing thread; it must return at once. */
    public void onChange(Consumer<SpoolJob> changed) {
        listeners.add(changed);
    }

    private void changed(SpoolJob job) {
        listeners.forEach(listener -> listener.accept(job));
    }

    public SpoolFiles files() {
        return files;
    }

    public long newId() {
        return journal.newId();
    }

    /**
     * Claims the job's document for one Send-Document; false while another one is taking it in.
     * Two at once would write the same spool file, and the loser's clean-up would delete the
     * winner's. Give it back with {@link #doneReceiving}.
     */
    public boolean startReceiving(long id) {
        return receiving.add(id);
    }

    public void doneReceiving(long id) {
        receiving.remove(id);
    }

    /** Adds a new job, durable on return. */
    public SpoolJob add(SpoolJob job) {
        return add(job, null);
    }

    /** Adds a new job with the document it was sent with ({@link SpoolFiles#write}), both durable on return. */
    public SpoolJob add(SpoolJob job, SpooledDocument document) {
        synchronized (lockOf(job.id())) {
            journal.save(job, document == null ? null : document.inline(), false);
            jobs.put(job.id(), job);
            indexTicket(null, job);
        }
        changed(job);
        return job;
    }

    /**
     * Applies {@code change} to the job and makes the result durable; returns it, or empty when the
     * job does not exist. A change that returns the job unchanged writes nothing; one that would
     * take an ended job back to a live phase is not made.
     */
    public Optional<SpoolJob> update(long id, UnaryOperator<SpoolJob> change) {
        return update(id, null, change);
    }

    /** {@link #update}, with the document that just arrived for the job ({@link SpoolFiles#write}) made durable with it. */
    public Optional<SpoolJob> update(long id, SpooledDocument document, UnaryOperator<SpoolJob> change) {
        SpoolJob next;
        synchronized (lockOf(id)) {
            SpoolJob current = jobs.get(id);
            if (current == null) {
                discard(id, document);
                return Optional.empty();
            }
            next = change.apply(current);
            if (next == current) {
                return Optional.of(current);
            }
            if (current.phase().isFinal() && !next.phase().isFinal()) {
                // An ended job stays ended: a change computed before the end came (a go-ahead racing a
                // cancel, a Send-Document racing a Close-Job) must not revive it. The caller sees the
                // job as it is, and a document that arrived meanwhile is not kept: the ending's
                // clean-up may have run before its file was written.
                log.info("job {} has ended ({}); not going {}", id, current.phase(), next.phase());
                discard(id, document);
                return Optional.of(current);
            }
            boolean ends = next.phase().isFinal() && !current.phase().isFinal();
            // A document that comes with the job's ending is not kept either.
            boolean keep = document != null && !next.phase().isFinal();
            journal.save(next, keep ? document.inline() : null, ends);
            jobs.put(id, next);
            indexTicket(current, next);
            if (ends || document != null && !keep) {
                files.deleteLater(id);
            }
            if (ends) {
                log.info("job {} ({} for {}): {} — {}", id, next.name(), next.user(), next.phase(), next.message());
            }
        }
        changed(next);
        if (next.phase().isFinal()) {
            pruneHistory();
        }
        return Optional.of(next);
    }

    /**
     * Changes only what the user reads ({@code job-state-message}: place in line, page being
     * printed, a retry), in memory: it is recomputed after a restart, so it is not worth a disk
     * flush per job every few seconds. The next durable {@link #update} of the job carries it.
     * Only while the job is still in {@code phase}: a message about waiting must not land on a job
     * that has started printing meanwhile.
     */
    public void note(long id, Phase phase, String message) {
        SpoolJob next;
        synchronized (lockOf(id)) {
            SpoolJob current = jobs.get(id);
            if (current == null || current.phase() != phase || current.message().equals(message)) {
                return;
            }
            next = current.withMessage(message);
            jobs.put(id, next);
        }
        changed(next);
    }

    /** Removes the file of a document that arrived for a job that has ended (an inline one was never written). */
    private void discard(long id, SpooledDocument document) {
        if (document != null && !document.isInline()) {
            files.deleteLater(id);
        }
    }

    /**
     * The file to read the job's document from: its spool file, or a copy made now of the one the
     * journal keeps.
     */
    public Path documentFile(long id) throws IOException {
        synchronized (lockOf(id)) {
            Path file = files.document(id);
            Optional<byte[]> kept = journal.document(id);
            if (kept.isPresent() && !Files.exists(file)) {
                files.materialize(id, kept.get());
            }
            return file;
        }
    }

    /** The job's document when the journal keeps it (a small one), to read without a file. */
    public Optional<byte[]> keptDocument(long id) {
        return journal.document(id);
    }

    /** The job holding the engine's ticket {@code ticketId}, if any. */
    public Optional<SpoolJob> byTicket(long ticketId) {
        Long id = byTicket.get(ticketId);
        return id == null ? Optional.empty() : get(id).filter(job -> job.ticketId() == ticketId);
    }

    /** Keeps {@link #byTicket} in step with a job's change from {@code before} (null: new) to {@code after} (null: gone). */
    private void indexTicket(SpoolJob before, SpoolJob after) {
        if (before != null && before.ticketId() != 0 && (after == null || after.ticketId() != before.ticketId())) {
            byTicket.remove(before.ticketId(), before.id());
        }
        if (after != null && after.ticketId() != 0) {
            byTicket.put(after.ticketId(), after.id());
        }
    }

    public Optional<SpoolJob> get(long id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** All jobs in id order (oldest first). */
    public List<SpoolJob> all() {
        return new ArrayList<>(jobs.values());
    }

    public List<SpoolJob> live() {
        return jobs.values().stream().filter(job -> !job.phase().isFinal()).toList();
    }

    private Object lockOf(long id) {
        return locks.computeIfAbsent(id, key -> new Object());
    }

    private void pruneHistory() {
        List<SpoolJob> finished = jobs.values().stream().filter(job -> job.phase().isFinal())
                .sorted(Comparator.comparingLong(SpoolJob::endedMillis)).toList();
        for (int i = 0; i < finished.size() - KEPT_FINISHED; i++) {
            long id = finished.get(i).id();
            synchronized (lockOf(id)) {
                journal.remove(id);
                indexTicket(jobs.remove(id), null);
            }
            locks.remove(id);
        }
    }
}
