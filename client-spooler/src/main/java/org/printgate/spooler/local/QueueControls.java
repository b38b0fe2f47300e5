package org.printgate.spooler.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator of this computer set on a local queue (RFC 8011 §4.2.7-§4.2.8 Pause- and
 * Resume-Printer, PWG 5100.12 / RFC 3998 Enable- and Disable-Printer): paused (jobs not yet in
 * the engine's line stay in the spool) and disabled (new jobs are refused). Only this desktop's
 * printers change; the engine's queue is the engine operators' business. Kept in a small text
 * file in the spool, replaced atomically on each change, so a restart keeps it.
 */
public final class QueueControls {
    private static final Logger log = LoggerFactory.getLogger(QueueControls.class);
    private static final String PAUSED = "paused";
    private static final String DISABLED = "disabled";

    private final Path file;
    private final Clock clock;
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    /** When each queue's pause or enable state last changed, in Unix seconds (printer-state-change-time). */
    private final Map<String, Integer> changedAt = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    private QueueControls(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Controls that last as long as the process (tests, tools). */
    public static QueueControls inMemory() {
        return new QueueControls(null, Clock.systemUTC());
    }

    /**
     * Controls kept in {@code file}, read now. A line it does not understand is skipped and
     * logged: a hand-edited file must not stop the spooler.
     */
    public static QueueControls keptIn(Path file, Clock clock) {
        QueueControls controls = new QueueControls(file, clock);
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file)) {
                    String[] words = line.strip().split(" ", 2);
                    if (words.length == 2 && words[0].equals(PAUSED)) {
                        controls.paused.add(words[1]);
                    } else if (words.length == 2 && words[0].equals(DISABLED)) {
                        controls.disabled.add(words[1]);
                    } else if (!line.isBlank()) {
                        log.warn("{}: skipping the line \"{}\"; expected \"paused QUEUE\" or \"disabled QUEUE\"", file, line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the queue controls in " + file, e);
            }
        }
        if (!controls.paused.isEmpty() || !controls.disabled.isEmpty()) {
            log.info("queues paused on this computer: {}; disabled: {}", new TreeSet<>(controls.paused), new TreeSet<>(controls.disabled));
        }
        return controls;
    }

    /** Calls {@code listener} with the queue's name after each change, on the changing thread. */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    public boolean isPaused(String queue) {
        return paused.contains(queue);
    }

    public boolean isDisabled(String queue) {
        return disabled.contains(queue);
    }

    /** Unix seconds of the queue's last pause/resume/enable/disable here, or 0. */
    public int changedAt(String queue) {
        return changedAt.getOrDefault(queue, 0);
    }

    /** Pauses the queue; false when it was paused already. */
    public boolean pause(String queue) {
        return change(queue, paused.add(queue));
    }

    public boolean resume(String queue) {
        return change(queue, paused.remove(queue));
    }

    public boolean disable(String queue) {
        return change(queue, disabled.add(queue));
    }

    public boolean enable(String queue) {
        return change(queue, disabled.remove(queue));
    }

    private synchronized boolean change(String queue, boolean changed) {
        if (changed) {
            changedAt.put(queue, (int) (clock.millis() / 1000));
            save();
            listeners.forEach(listener -> listener.accept(queue));
        }
        return changed;
    }

    private void save() {
        if (file == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        new TreeSet<>(paused).forEach(queue -> lines.add(PAUSED + " " + queue));
        new TreeSet<>(disabled).forEach(queue -> lines.add(DISABLED + " " + queue));
        try {
            Path next = file.resolveSibling(file.getFileName() + ".new");
            Files.write(next, lines);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The change holds until the spooler stops; the operator hears it did not last.
            throw new UncheckedIOException("cannot keep the queue controls in " + file, e);
        }
    }
}
