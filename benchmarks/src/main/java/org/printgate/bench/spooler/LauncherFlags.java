package org.printgate.bench.spooler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spooler's JVM flags as the launcher has them: the {@code SPOOLER_JAVA_OPTS="..."} line of
 * {@code bin/printgate} is the one place they are written, and the bench reads it there, so the
 * child spoolers it measures run exactly as {@code bin/printgate spooler} runs them.
 */
final class LauncherFlags {
    private static final Pattern LINE = Pattern.compile("(?m)^SPOOLER_JAVA_OPTS=\"([^\"]*)\"\\s*$");

    private LauncherFlags() {}

    /** The flags of the launcher at {@code launcher}, split on blanks (the launcher does the same: unquoted $VAR). */
    static List<String> of(Path launcher) throws IOException {
        Matcher line = LINE.matcher(Files.readString(launcher));
        if (!line.find()) {
            throw new IOException(launcher + " has no SPOOLER_JAVA_OPTS=\"...\" line");
        }
        return Arrays.stream(line.group(1).trim().split("\\s+")).filter(flag -> !flag.isEmpty()).toList();
    }

    /** {@code bin/printgate} in the working directory or the nearest folder above it that has one. */
    static Optional<Path> findLauncher() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path launcher = dir.resolve("bin/printgate");
            if (Files.isRegularFile(launcher)) {
                return Optional.of(launcher);
            }
        }
        return Optional.empty();
    }
}
