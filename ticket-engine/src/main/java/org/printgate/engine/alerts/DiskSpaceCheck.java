package org.printgate.engine.alerts;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is the disk of the engine's store near full? Its {@link FileStore}'s usable space below the
 * configured share raises an alert; above it again, the alert clears. The store refuses
 * commits when the disk is full, so every ticket request would fail: operators should hear first.
 */
final class DiskSpaceCheck {
    private static final Logger log = LoggerFactory.getLogger(DiskSpaceCheck.class);
    private static final long MIB = 1024 * 1024;

    private final AlertBoard board;
    private final Path directory;
    private final double minFreePercent;

    DiskSpaceCheck(AlertBoard board, Path directory, double minFreePercent) {
        this.board = board;
        this.directory = directory.toAbsolutePath();
        this.minFreePercent = minFreePercent;
    }

    void check() {
        long usable;
        long total;
        try {
            FileStore store = Files.getFileStore(directory);
            usable = store.getUsableSpace();
            total = store.getTotalSpace();
        } catch (IOException e) {
            log.warn("cannot read the free space of {}: {}", directory, e.toString());
            return;
        }
        if (total <= 0) {
            return;
        }
        double freePercent = 100.0 * usable / total;
        String subject = directory.toString();
        if (freePercent >= minFreePercent) {
            board.clear(AlertKind.DISK_NEAR_FULL, subject);
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("directory", subject);
        details.put("free-mib", String.valueOf(usable / MIB));
        details.put("total-mib", String.valueOf(total / MIB));
        details.put("free-percent", String.format(java.util.Locale.ROOT, "%.1f", freePercent));
        board.raise(AlertKind.DISK_NEAR_FULL, subject, usable < 64 * MIB ? Severity.CRITICAL : Severity.WARNING,
                String.format(java.util.Locale.ROOT, "the disk of the engine's store %s has %.1f %% free (%d MiB), "
                        + "below the %.0f %% configured; when it is full, no ticket can be stored",
                        subject, freePercent, usable / MIB, minFreePercent), details);
    }
}
