package org.printgate.bench.spooler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.printgate.testing.Await;

/**
 * The heap of another JVM, sampled every {@code intervalMillis} by {@code jstat -gc}, which
 * reads the JVM's perf-data file (no attach, no safepoint in the measured JVM). One jstat runs
 * for the whole sampling, so its own start is paid once, before the measured part.
 */
final class HeapSampler implements AutoCloseable {
    /** One sample: when it was read (System.nanoTime), heap used and committed (young + old), in KiB, young GCs so far. */
    record Sample(long nanos, double usedKb, double committedKb, long youngGcs) {}

    private final Process jstat;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final CountDownLatch first = new CountDownLatch(1);

    HeapSampler(long pid, int intervalMillis) throws IOException {
        Path jdkJstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        String program = Files.isExecutable(jdkJstat) ? jdkJstat.toString() : "jstat";
        this.jstat = new ProcessBuilder(program, "-gc", Long.toString(pid), Integer.toString(intervalMillis))
                .redirectErrorStream(true).start();
        Thread reader = new Thread(this::read, "jstat-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for the first sample (jstat has started and found the JVM). */
    void awaitFirst() throws IOException, InterruptedException {
        if (!first.await(30, TimeUnit.SECONDS) || samples.isEmpty()) {
            throw new IOException("jstat gave no heap sample");
        }
    }

    /**
     * Waits for the first sample taken after {@code nanos} and returns when it was taken, so that
     * an interval ending at {@code nanos} has at least that sample even when it is short.
     */
    long awaitSampleAfter(long nanos) throws IOException {
        Await.until(java.time.Duration.ofSeconds(30), () -> !samples.isEmpty() && samples.get(samples.size() - 1).nanos() > nanos,
                "a heap sample from jstat");
        return samples.stream().mapToLong(Sample::nanos).filter(t -> t > nanos).min().orElseThrow();
    }

    /** The samples read between two instants. */
    List<Sample> between(long fromNanos, long toNanos) {
        return samples.stream().filter(s -> s.nanos() >= fromNanos && s.nanos() <= toNanos).toList();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> header = null;
            for (String line; (line = lines.readLine()) != null; ) {
                List<String> fields = List.of(line.trim().split("\\s+"));
                if (fields.contains("EU")) {
                    header = fields;
                    continue;
                }
                if (header == null || fields.size() != header.size()) {
                    System.err.println("bench: jstat: " + line);
                    continue;
                }
                double used = value(header, fields, "S0U") + value(header, fields, "S1U")
                        + value(header, fields, "EU") + value(header, fields, "OU");
                double committed = value(header, fields, "S0C") + value(header, fields, "S1C")
                        + value(header, fields, "EC") + value(header, fields, "OC");
                samples.add(new Sample(System.nanoTime(), used, committed, (long) value(header, fields, "YGC")));
                first.countDown();
            }
        } catch (IOException e) {
            // jstat was stopped.
        } finally {
            first.countDown();
        }
    }

    private static double value(List<String> header, List<String> fields, String column) {
        return Double.parseDouble(fields.get(header.indexOf(column)));
    }

    @Override
    public void close() {
        jstat.destroy();
    }
}
