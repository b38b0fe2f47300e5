package org.printgate.sim.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every page every simulated printer put out, in order: kept in memory for the control API and,
 * when a file is given, appended to it as JSON lines, flushed page by page so a test or a person
 * can follow it with {@code tail -f}.
 */
public final class PageLedger implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final List<LedgerEntry> entries = new ArrayList<>();
    private final BufferedWriter file;

    public PageLedger(Path file) {
        try {
            this.file = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the page ledger " + file, e);
        }
    }

    public synchronized void record(LedgerEntry entry) {
        entries.add(entry);
        if (file != null) {
            try {
                file.write(JSON.writeValueAsString(entry));
                file.newLine();
                file.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the page ledger", e);
            }
        }
    }

    public synchronized List<LedgerEntry> entries(Predicate<LedgerEntry> filter) {
        List<LedgerEntry> matching = new ArrayList<>();
        for (LedgerEntry entry : entries) {
            if (filter.test(entry)) {
                matching.add(entry);
            }
        }
        return matching;
    }

    public List<LedgerEntry> entries() {
        return entries(entry -> true);
    }

    public static ObjectMapper json() {
        return JSON;
    }

    @Override
    public synchronized void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
