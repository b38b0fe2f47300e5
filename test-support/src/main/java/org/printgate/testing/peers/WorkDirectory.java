package org.printgate.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The private folder of one peer (its config, spool, logs) under {@code java.io.tmpdir}.
 * Mode 0755, not the usual 0700 of temp folders: cupsd runs its filters as user {@code lp},
 * which must be able to reach the spool inside.
 */
public final class WorkDirectory {

    private WorkDirectory() {
    }

    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory("printgate-" + prefix + "-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a work folder for " + prefix, e);
        }
    }

    /** Deletes {@code dir} and everything in it; a file that will not go is left behind. */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // A busy or foreign file in /tmp is not worth failing a test for.
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // As above.
        }
    }
}
