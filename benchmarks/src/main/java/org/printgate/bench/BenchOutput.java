package org.printgate.bench;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What every bench does with its data folder and its line of figures. */
public final class BenchOutput {
    private BenchOutput() {}

    /** {@code key=value} pairs in the order put: the one line a bench prints. */
    public static String line(Map<String, ?> figures) {
        return figures.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** A figure rounded to {@code decimals} places; a whole number when none. */
    public static Number round(double value, int decimals) {
        if (decimals == 0) {
            return Math.round(value);
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** Says so when {@code root} is on tmpfs, where fsync is free and durable work is not measured honestly. */
    public static void warnIfTmpfs(Path root, String durableWork) throws IOException {
        FileStore store = Files.getFileStore(root);
        if (store.type().equals("tmpfs")) {
            System.err.printf("bench: warning: tmpfs makes fsync free; %s are not measured honestly here%n", durableWork);
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
