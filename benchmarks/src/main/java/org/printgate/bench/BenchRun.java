package org.printgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every bench takes on its command line and the frame it measures in: a data folder, a
 * quick smoke run, the warm-up and window lengths; logs kept quiet while it runs, its data
 * deleted after it, and the one line of figures on stdout. A picocli mixin, made with the bench's
 * defaults: {@code @Mixin final BenchRun run = new BenchRun(30, 20);}.
 */
public final class BenchRun {

    /** A bench's measurement: its work in {@code root}, its figures put in the order printed. */
    @FunctionalInterface
    public interface Measurement {
        void measure(Path root, Map<String, Object> figures) throws Exception;
    }

    @Option(names = "--warmup", description = "Seconds of warm-up before each measured window (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--duration", description = "Seconds of each measured window (default ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--data", paramLabel = "DIR", description = "Where the bench keeps its stores, spools and documents "
            + "(default: a new temporary directory; it must not be tmpfs for honest fsyncs).")
    Path data;

    @Option(names = "--keep-data", description = "Keep what the run wrote after it.")
    boolean keepData;

    @Option(names = "--quick", description = "A smoke run: small sizes and short windows (options given explicitly still win).")
    boolean quick;

    @Spec(Spec.Target.MIXEE)
    CommandSpec bench;

    private String figures = "";

    public BenchRun(int warmupSeconds, int durationSeconds) {
        this.warmupSeconds = warmupSeconds;
        this.durationSeconds = durationSeconds;
    }

    /** Runs {@code bench} (a picocli command) with {@code args}, enum values in any case; its exit code. */
    public static int execute(Object bench, String... args) {
        return new CommandLine(bench).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    public int warmupSeconds() {
        return warmupSeconds;
    }

    public int durationSeconds() {
        return durationSeconds;
    }

    public Duration warmup() {
        return Duration.ofSeconds(warmupSeconds);
    }

    public Duration window() {
        return Duration.ofSeconds(durationSeconds);
    }

    /** Under --quick, {@code smoke} unless {@code option} was given explicitly; otherwise {@code value}. */
    public int quick(String option, int value, int smoke) {
        return quick && !bench.commandLine().getParseResult().hasMatchedOption(option) ? smoke : value;
    }

    /** The warm-up and window of a --quick run. */
    public void quickWindows(int warmupSeconds, int durationSeconds) {
        this.warmupSeconds = quick("--warmup", this.warmupSeconds, warmupSeconds);
        this.durationSeconds = quick("--duration", this.durationSeconds, durationSeconds);
    }

    /**
     * Measures in the data folder (--data, or a new temporary one named {@code temporaryPrefix}…)
     * with the logs quiet, then deletes what the run wrote there unless --keep-data: a given
     * folder keeps what it held before. Prints the figures as one line on stdout; exit code 0.
     */
    public int measure(String temporaryPrefix, Measurement measurement) throws Exception {
        Path root = data != null ? Files.createDirectories(data) : Files.createTempDirectory(temporaryPrefix);
        Set<Path> before = data != null ? entries(root) : Set.of();
        Map<String, Object> out = new LinkedHashMap<>();
        try (QuietLogs quiet = new QuietLogs()) {
            measurement.measure(root, out);
        } finally {
            if (!keepData) {
                for (Path path : data != null ? entries(root) : Set.of(root)) {
                    if (!before.contains(path)) {
                        BenchOutput.deleteTree(path);
                    }
                }
            }
        }
        figures = BenchOutput.line(out);
        System.out.println(figures);
        return 0;
    }

    /** The figures of the last run by key, as printed. */
    public Map<String, String> figures() {
        if (figures.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(figures.split(" "))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1], (a, b) -> b, LinkedHashMap::new));
    }

    private static Set<Path> entries(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.collect(Collectors.toSet());
        }
    }
}
