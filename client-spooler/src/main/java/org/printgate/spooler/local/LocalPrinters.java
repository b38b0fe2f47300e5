package org.printgate.spooler.local;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The local printers, kept in step with the engine's queues by the queue mirror. */
public final class LocalPrinters {
    private final Map<String, LocalPrinter> printers = new ConcurrentSkipListMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

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

    public Optional<LocalPrinter> get(String name) {
        return Optional.ofNullable(printers.get(name));
    }

    public Collection<LocalPrinter> all() {
        return List.copyOf(printers.values());
    }

    public void put(LocalPrinter printer) {
        printers.put(printer.name(), printer);
        changed();
    }

    /** Drops every printer not in {@code kept} (queues the engine no longer has for us). */
    public void retainOnly(Collection<String> kept) {
        if (printers.keySet().retainAll(kept)) {
            changed();
        }
    }

    /** A printer changed state (fig. 7): keeps its capabilities. */
    public void setState(String name, boolean up, List<String> reasons) {
        printers.computeIfPresent(name, (key, printer) -> printer.withState(up, reasons));
        changed();
    }
}
