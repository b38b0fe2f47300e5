package org.printgate.engine.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.printgate.engine.report.CsvWriter;

/**
 * Every operator action taken in the console (who, what, on what, when, from where, and how it
 * went), appended to {@code console-audit.log} in the engine's data directory and written to
 * disk before the action's answer goes out. One line per action, tab-separated; tabs and line
 * breaks inside values are replaced so a value cannot forge a line.
 */
final class AuditLog {
    static final String FILE_NAME = "console-audit.log";

    /** One action. {@code outcome} is "ok" or why it was refused. */
    record Entry(Instant at, String user, String address, String action, String target, String outcome) {
        String toLine() {
            return String.join("\t", at.toString(), clean(user), clean(address), clean(action), clean(target), clean(outcome)) + "\n";
        }

        static Entry parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                return null;
            }
            try {
                return new Entry(Instant.parse(f[0]), f[1], f[2], f[3], f[4], f[5]);
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }

        private static String clean(String value) {
            return value == null ? "" : value.replaceAll("[\\t\\r\\n]", " ");
        }
    }

    private final Path file;

    AuditLog(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE_NAME);
    }

    /** Appends the entry and forces it to disk (SYNC): an action is not done until it is recorded. */
    synchronized void append(Entry entry) {
        try {
            Files.writeString(file, entry.toLine(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the console's audit log " + file, e);
        }
    }

    /**
     * The last {@code limit} entries, newest first, read from the end of the file backwards in
     * blocks: a page costs what it shows, however long the log has grown.
     */
    synchronized List<Entry> recent(int limit) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long position = in.length();
            // Bytes of a line not yet complete, as read backwards: the part after the block's first newline.
            byte[] carry = new byte[0];
            byte[] block = new byte[64 * 1024];
            while (position > 0 && entries.size() < limit) {
                int size = (int) Math.min(block.length, position);
                position -= size;
                in.seek(position);
                in.readFully(block, 0, size);
                byte[] joined = new byte[size + carry.length];
                System.arraycopy(block, 0, joined, 0, size);
                System.arraycopy(carry, 0, joined, size, carry.length);
                int lineEnd = joined.length;
                for (int i = joined.length - 1; i >= 0 && entries.size() < limit; i--) {
                    if (joined[i] == '\n') {
                        add(entries, joined, i + 1, lineEnd);
                        lineEnd = i;
                    }
                }
                carry = java.util.Arrays.copyOfRange(joined, 0, lineEnd);
            }
            if (position == 0 && entries.size() < limit) {
                add(entries, carry, 0, carry.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's audit log " + file, e);
        }
        return entries;
    }

    private static void add(List<Entry> entries, byte[] bytes, int from, int to) {
        if (to > from) {
            Entry entry = Entry.parse(new String(bytes, from, to - from, StandardCharsets.UTF_8));
            if (entry != null) {
                entries.add(entry);
            }
        }
    }

    /**
     * The entries made in {@code [from, to)}, oldest first, as CSV, read and written a line at a
     * time (a log of any size). Returns how many were written.
     */
    long export(Instant from, Instant to, OutputStream out) throws IOException {
        long count = 0;
        CsvWriter csv = new CsvWriter(out);
        csv.record("time", "user", "address", "action", "target", "outcome");
        if (Files.exists(file)) {
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    Entry entry = Entry.parse(line);
                    if (entry == null || entry.at().isBefore(from) || !entry.at().isBefore(to)) {
                        continue;
                    }
                    csv.field(entry.at().toString()).text(entry.user()).text(entry.address()).text(entry.action())
                            .text(entry.target()).text(entry.outcome()).endRecord();
                    count++;
                }
            }
        }
        csv.flush();
        return count;
    }
}
