package org.printgate.engine.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mapdb.DB;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;
import org.printgate.store.TransactionalMapDb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managed printers' last reports (docs/firmware.md §3.1), by queue, in {@value #FILE_NAME}
 * under the engine's data directory, committed before the report is answered: a report the
 * device was told is taken survives a restart or a {@code kill -9}.
 * <p>
 * A file of its own rather than the ticket store: no grant depends on a report yet, reports come
 * rarely (a printer's start, restart and update steps), and the ticket store's commits carry the
 * book's changes only; a small commit here costs its committer nothing. It holds at most one
 * record per device credential (only a bound device writes, under its queue's name).
 */
public final class DeviceReportStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeviceReportStore.class);
    public static final String FILE_NAME = "device-reports.db";
    private static final long CACHE_BYTES = 1024L * 1024;

    private final DB db;
    private final HTreeMap<String, byte[]> stored;
    private final Map<String, DeviceReport> byQueue = new ConcurrentHashMap<>();

    private DeviceReportStore(Path file) {
        this.db = TransactionalMapDb.open(file, CACHE_BYTES, false);
        this.stored = db.hashMap("reports", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        for (Map.Entry<String, byte[]> entry : stored.entrySet()) {
            try {
                byQueue.put(entry.getKey(), DeviceReport.decode(entry.getValue()));
            } catch (IllegalArgumentException e) {
                log.warn("the device report of {} in {} cannot be read ({}); it waits for the next one", entry.getKey(), file,
                        e.getMessage());
            }
        }
        log.info("{} device reports from {}", byQueue.size(), file);
    }

    /** The reports kept in {@value #FILE_NAME} under {@code dataDirectory}. */
    public static DeviceReportStore open(Path dataDirectory) {
        return new DeviceReportStore(dataDirectory.resolve(FILE_NAME));
    }

    /** The last report for {@code queue}, whichever device sent it. */
    public Optional<DeviceReport> last(String queue) {
        return Optional.ofNullable(byQueue.get(queue));
    }

    /** Keeps {@code report} as {@code queue}'s; durable when this returns. */
    public synchronized void put(String queue, DeviceReport report) {
        try {
            stored.put(queue, report.encode());
            db.commit();
        } catch (RuntimeException e) {
            // Not taken: the device hears an error and reports again; nothing half-written stays.
            db.rollback();
            throw e;
        }
        byQueue.put(queue, report);
    }

    @Override
    public synchronized void close() {
        if (!db.isClosed()) {
            db.close();
        }
    }
}
