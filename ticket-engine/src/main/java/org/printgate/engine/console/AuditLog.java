package org.printgate.engine.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
     * The last {@code limit} entries, newest first. Reads the whole file: fine for an operator's
     * page at the size a year of clicks makes; a large log wants reading from the end (left to do).
     */
    synchronized List<Entry> recent(int limit) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's audit log " + file, e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && entries.size() < limit; i--) {
            Entry entry = Entry.parse(lines.get(i));
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
