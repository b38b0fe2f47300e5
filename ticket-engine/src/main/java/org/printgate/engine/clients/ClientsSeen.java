package org.printgate.engine.clients;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mapdb.DB;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;
import org.printgate.store.TransactionalMapDb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients the engine has heard from (3-2): per credential, the software and operating
 * system its client-info last named, and when. What the console's clients page shows, so the
 * client version gate has a face.
 * <p>
 * Opened on a data directory ({@link #open}), it is kept in {@value #FILE_NAME} there and read
 * back at the next start. It is informational, so it is written behind: the clients changed
 * since the last write go to the file every {@link #WRITE_EVERY} on a thread of its own (a
 * request only touches memory), and at {@link #close()}. A crash loses at most that much of
 * "last seen". At most {@code limit} clients are kept (100,000 in the engine); past that the
 * ones seen longest ago are forgotten, a hundredth of the limit at a time, so a site past the
 * limit does not sort the whole list at each new client.
 */
public final class ClientsSeen implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClientsSeen.class);
    public static final String FILE_NAME = "clients-seen.db";
    static final int LIMIT = 100_000;
    static final Duration WRITE_EVERY = Duration.ofSeconds(5);
    private static final long CACHE_BYTES = 8L * 1024 * 1024;

    /**
     * A client as last seen.
     *
     * @param software the application's name and version (the spooler's), or empty
     * @param system the operating system's name and version, or empty
     * @param refused why its last request was refused for its software, or empty
     */
    public record Seen(String credential, String software, String system, Instant lastSeen, String refused) {}

    private final Clock clock;
    private final int limit;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    /** Credentials changed or forgotten since the last write. */
    private final Set<String> unwritten = ConcurrentHashMap.newKeySet();
    /** Null when kept in memory only. */
    private final DB db;
    private final HTreeMap<String, byte[]> stored;
    private final ScheduledExecutorService writer;

    /** Clients kept in memory only: a restart starts empty. */
    public ClientsSeen(Clock clock) {
        this.clock = clock;
        this.limit = LIMIT;
        this.db = null;
        this.stored = null;
        this.writer = null;
    }

    private ClientsSeen(Clock clock, Path file, int limit, Duration writeEvery) {
        this.clock = clock;
        this.limit = limit;
        this.db = TransactionalMapDb.open(file, CACHE_BYTES, false);
        this.stored = db.hashMap("clients", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        for (Map.Entry<String, byte[]> entry : stored.entrySet()) {
            Seen client = decode(entry.getKey(), entry.getValue());
            if (client == null) {
                log.warn("client {} in {} cannot be read; forgotten", entry.getKey(), file);
                unwritten.add(entry.getKey());
            } else {
                seen.put(client.credential(), client);
            }
        }
        forgetOldest();
        log.info("{} clients seen before the restart, from {}", seen.size(), file);
        this.writer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "clients-seen-writer");
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(this::writeQuietly, writeEvery.toMillis(), writeEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The clients kept in {@value #FILE_NAME} under {@code dataDirectory}, as the last run left them. */
    public static ClientsSeen open(Path dataDirectory, Clock clock) {
        return new ClientsSeen(clock, dataDirectory.resolve(FILE_NAME), LIMIT, WRITE_EVERY);
    }

    /** As {@link #open(Path, Clock)}, keeping at most {@code limit} clients and writing every {@code writeEvery} (tests). */
    static ClientsSeen open(Path dataDirectory, Clock clock, int limit, Duration writeEvery) {
        return new ClientsSeen(clock, dataDirectory.resolve(FILE_NAME), limit, writeEvery);
    }

    /** A request from {@code credential} described itself so (or as before, when it said nothing new). */
    public void heardFrom(String credential, String software, String system, String refused) {
        Seen was = seen.put(credential, new Seen(credential, software, system, clock.instant(), refused));
        unwritten.add(credential);
        if (was == null && seen.size() > limit) {
            forgetOldest();
        }
    }

    /** Every client, the most recently seen first. */
    public List<Seen> all() {
        return seen.values().stream().sorted(Comparator.comparing(Seen::lastSeen).reversed()).toList();
    }

    /** Over the limit: forgets the clients seen longest ago, down to 99 % of it. */
    private synchronized void forgetOldest() {
        if (seen.size() <= limit) {
            return;
        }
        int keep = limit - limit / 100;
        List<Seen> oldestFirst = seen.values().stream().sorted(Comparator.comparing(Seen::lastSeen)).toList();
        int forget = oldestFirst.size() - keep;
        for (Seen client : oldestFirst.subList(0, forget)) {
            seen.remove(client.credential(), client);
            unwritten.add(client.credential());
        }
        log.info("more than {} clients seen: the {} seen longest ago are forgotten", limit, forget);
    }

    /** Clients changed since the last write (tests). */
    int unwritten() {
        return unwritten.size();
    }

    /** Writes the clients changed since the last write, in one commit. */
    synchronized void write() {
        if (db == null || db.isClosed() || unwritten.isEmpty()) {
            return;
        }
        for (String credential : List.copyOf(unwritten)) {
            // Removed first, then read: a change made meanwhile marks it again for the next write.
            unwritten.remove(credential);
            Seen client = seen.get(credential);
            if (client == null) {
                stored.remove(credential);
            } else {
                stored.put(credential, encode(client));
            }
        }
        db.commit();
    }

    private void writeQuietly() {
        try {
            write();
        } catch (RuntimeException e) {
            log.error("could not write the clients seen; tried again in {} s", WRITE_EVERY.toSeconds(), e);
        }
    }

    /** Writes what changed and closes the file. */
    @Override
    public synchronized void close() {
        if (db == null || db.isClosed()) {
            return;
        }
        // Not shutdownNow: an interrupt during a write would close the file's channel (NIO's rule).
        writer.shutdown();
        write();
        db.close();
    }

    private static byte[] encode(Seen client) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF(cut(client.software()));
            out.writeUTF(cut(client.system()));
            out.writeLong(client.lastSeen().toEpochMilli());
            out.writeUTF(cut(client.refused()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Within what writeUTF takes (IPP keeps these far shorter anyway). */
    private static String cut(String value) {
        return value == null ? "" : value.length() > 4096 ? value.substring(0, 4096) : value;
    }

    /** The client kept under {@code credential}, or null if its record cannot be read. */
    private static Seen decode(String credential, byte[] record) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
            if (in.readByte() != 1) {
                return null;
            }
            String software = in.readUTF();
            String system = in.readUTF();
            Instant lastSeen = Instant.ofEpochMilli(in.readLong());
            return new Seen(credential, software, system, lastSeen, in.readUTF());
        } catch (IOException e) {
            return null;
        }
    }
}
