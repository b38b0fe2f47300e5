package org.printgate.engine.watch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.printgate.probe.PrinterStatus;
import org.printgate.probe.WatchState;

/** A {@link PrinterWatch.Listener} that keeps every call, for tests to read. */
final class RecordingListener implements PrinterWatch.Listener {
    /** One call. */
    record Change(String queue, PrinterStatus status) {
    }

    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final List<String> checks = new CopyOnWriteArrayList<>();

    @Override
    public void printerChanged(String queue, PrinterStatus status) {
        changes.add(new Change(queue, status));
    }

    @Override
    public void checked(String queue) {
        checks.add(queue);
    }

    /** How many checks of {@code queue} ended. */
    long checks(String queue) {
        return checks.stream().filter(queue::equals).count();
    }

    /** The statuses told for {@code queue}, in order. */
    List<PrinterStatus> of(String queue) {
        return changes.stream().filter(change -> change.queue().equals(queue)).map(Change::status).toList();
    }

    /** The watch states told for {@code queue}, in order. */
    List<WatchState> statesOf(String queue) {
        return of(queue).stream().map(PrinterStatus::state).toList();
    }
}
