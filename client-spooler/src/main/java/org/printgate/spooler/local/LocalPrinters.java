package org.printgate.spooler.local;

import com.hp.jipp.encoding.Attribute;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The local printers, kept in step with the engine's queues by the queue mirror: those the
 * engine's deployment policy shows here ({@link #all}, what print dialogs list and DNS-SD
 * advertises), and those a request named by URL although they are not shown, looked up on demand
 * ({@link #ready}) and usable like the others. A printer's capabilities are fetched when a
 * request first needs them, not when the printer appears: a site of thousands of queues costs a
 * spooler only the few its users print on.
 */
public final class LocalPrinters {
    private final Map<String, LocalPrinter> printers = new ConcurrentSkipListMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** Queues the user may use that are not shown here, looked up because a request named them. */
    private final Map<String, LocalPrinter> unlisted = new ConcurrentHashMap<>();
    /** The printers whose capabilities are the real printer's (fetched or read from their cache), not yet the defaults. */
    private final Set<String> capable = ConcurrentHashMap.newKeySet();
    /** When the engine last said a printer went up or down, in Unix seconds (printer-state-change-time). */
    private final Map<String, Integer> stateChangedAt = new ConcurrentHashMap<>();
    private static final int STARTED = (int) (System.currentTimeMillis() / 1000);
    private volatile QueueControls controls = QueueControls.inMemory();
    private volatile Source source = new Source() {
        @Override
        public Optional<LocalPrinter> lookUp(String name, String user) {
            return Optional.empty();
        }

        @Override
        public List<Attribute<?>> capabilitiesOf(LocalPrinter printer) {
            return null;
        }
    };

    /** Where printers not shown, and every printer's capabilities, come from: the engine, through the queue mirror. */
    public interface Source {
        /**
         * Asks for the queue {@code name} for the local {@code user} and keeps it ({@link #put}
         * when shown, {@link #putUnlisted} when not); empty when it does not exist or is not theirs.
         */
        Optional<LocalPrinter> lookUp(String name, String user);

        /** The real printer's capabilities, fetched or from their cache; null when none can be had now. */
        List<Attribute<?>> capabilitiesOf(LocalPrinter printer);
    }

    /** What operators of this computer set on the queues (paused, disabled): kept by the spooler in its spool. */
    public void controlledBy(QueueControls queueControls) {
        this.controls = queueControls;
    }

    public QueueControls controls() {
        return controls;
    }

    /** printer-state-change-time of {@code name}: the last change the engine reported or an operator here made, at the latest the start. */
    int stateChangeTime(String name) {
        return Math.max(STARTED, Math.max(stateChangedAt.getOrDefault(name, 0), controls.changedAt(name)));
    }

    public void supplyFrom(Source printerSource) {
        this.source = printerSource;
    }

    /**
     * Calls {@code listener} after every change of the list or of a printer in it, on the thread
     * that made it: DNS-SD advertising follows the list. A listener must return at once.
     */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /** The printer named, shown or not, as it is known now (its capabilities may still be the defaults). */
    public Optional<LocalPrinter> get(String name) {
        return Optional.ofNullable(printers.get(name)).or(() -> Optional.ofNullable(unlisted.get(name)));
    }

    /**
     * The printer named, ready for a request of the local {@code user}: looked up on demand when
     * not known here, with the real printer's capabilities (fetched at the first request that
     * needs them). Empty when the engine has no such queue for the user.
     */
    public Optional<LocalPrinter> ready(String name, String user) {
        if (get(name).isEmpty() && source.lookUp(name, user).isEmpty()) {
            return Optional.empty();
        }
        LocalPrinter printer = get(name).orElse(null);
        if (printer != null && !capable.contains(name)) {
            List<Attribute<?>> capabilities = source.capabilitiesOf(printer);
            if (capabilities != null) {
                capable.add(name);
                unlisted.computeIfPresent(name, (key, known) -> known.withCapabilities(capabilities));
                LocalPrinter before = printers.get(name);
                if (before != null && printers.replace(name, before, before.withCapabilities(capabilities))) {
                    changed();
                }
            }
        }
        return get(name);
    }

    /** Are {@code name}'s capabilities the real printer's? */
    public boolean hasCapabilities(String name) {
        return capable.contains(name);
    }

    /** The queue's configuration changed: its capabilities are fetched again when next needed. */
    public void forgetCapabilities(String name) {
        capable.remove(name);
    }

    /** A queue the user may use that is not shown here: usable by its URL, not listed. */
    public void putUnlisted(LocalPrinter printer) {
        if (printers.remove(printer.name()) != null) {
            changed();
        }
        unlisted.put(printer.name(), printer);
    }

    /** The queue is gone, or no longer the user's. */
    public void remove(String name) {
        unlisted.remove(name);
        capable.remove(name);
        if (printers.remove(name) != null) {
            changed();
        }
    }

    public Collection<LocalPrinter> all() {
        return List.copyOf(printers.values());
    }

    /** Printers shown here, new or changed; listeners hear once, if anything changed (a whole list from the engine). */
    public void putAll(Collection<LocalPrinter> shown) {
        boolean any = false;
        for (LocalPrinter printer : shown) {
            unlisted.remove(printer.name());
            any |= !printer.equals(printers.put(printer.name(), printer));
        }
        if (any) {
            changed();
        }
    }

    /** A printer shown here, new or changed; listeners hear only of a change. */
    public void put(LocalPrinter printer) {
        unlisted.remove(printer.name());
        if (!printer.equals(printers.put(printer.name(), printer))) {
            changed();
        }
    }

    /** Drops every printer not in {@code kept} (queues the engine no longer has for us). */
    public void retainOnly(Collection<String> kept) {
        if (printers.keySet().retainAll(kept)) {
            changed();
        }
    }

    /** A printer changed state (fig. 7): keeps its capabilities. */
    public void setState(String name, boolean up, List<String> reasons) {
        get(name).filter(known -> known.up() != up || !known.reasons().equals(reasons))
                .ifPresent(known -> stateChangedAt.put(name, (int) (System.currentTimeMillis() / 1000)));
        unlisted.computeIfPresent(name, (key, printer) -> printer.withState(up, reasons));
        printers.computeIfPresent(name, (key, printer) -> printer.withState(up, reasons));
        changed();
    }
}
