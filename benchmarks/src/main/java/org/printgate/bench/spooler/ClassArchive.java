package org.printgate.bench.spooler;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.printgate.ipp.IppClient;

/**
 * The launcher's class-data archive (AppCDS), done the same way for the bench's spoolers: the
 * first run records the classes it loaded when it exits ({@code -XX:ArchiveClassesAtExit}), later
 * starts map them ({@code -XX:SharedArchiveFile}). The archive must match the class path, so the
 * bench records its own with its own class path, in a first start that is reported apart. A
 * class path the JVM cannot archive (folders of classes, as in tests) leaves the spoolers without.
 */
final class ClassArchive {
    /** The flags every measured spooler runs with, and how long the recording start took to be ready. */
    record Recorded(List<String> flags, double firstStartMs) {}

    private ClassArchive() {}

    static Recorded record(List<String> flags, URI engine, Path directory, IppClient ipp) throws IOException {
        Path archive = directory.resolve("spooler.jsa");
        double ready;
        List<String> recording = with(flags, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off");
        try (SpoolerProcess first = SpoolerProcess.launch(recording, engine, directory.resolve("first-start"))) {
            ready = first.awaitReady(ipp, BenchEngine.FORWARD, Duration.ofSeconds(60));
        }
        if (!Files.isRegularFile(archive)) {
            // The JVM archives classes from jars only: a class path with folders (a test run from
            // target/classes) has none. Then the spoolers run without, as the launcher's would.
            System.err.printf("bench: first start: ready in %.0f ms; no class archive was written (see %s), so the "
                    + "spoolers run without one%n", ready, directory.resolve("first-start/spooler.log"));
            return new Recorded(flags, ready);
        }
        System.err.printf("bench: first start (records the class archive, %.0f MiB): ready in %.0f ms%n",
                Files.size(archive) / (double) (1 << 20), ready);
        return new Recorded(with(flags, "-XX:SharedArchiveFile=" + archive), ready);
    }

    private static List<String> with(List<String> flags, String... more) {
        List<String> all = new ArrayList<>(flags);
        all.addAll(List.of(more));
        return all;
    }
}
