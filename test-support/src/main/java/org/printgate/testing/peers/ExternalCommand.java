package org.printgate.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived third-party program to completion: working directory, extra environment,
 * a timeout after which the program and its children are killed, stdout and stderr captured.
 * Output goes through files, not pipes, so a chatty program can never block on a full pipe.
 * {@code LC_ALL=C} is set unless overridden, so messages we parse are not translated.
 */
public final class ExternalCommand {

    private final List<String> command;
    private final Map<String, String> environment = new LinkedHashMap<>(Map.of("LC_ALL", "C"));
    private Path directory;
    private Duration timeout = Duration.ofMinutes(2);

    private ExternalCommand(List<String> command) {
        this.command = List.copyOf(command);
    }

    public static ExternalCommand of(String... command) {
        return new ExternalCommand(List.of(command));
    }

    public static ExternalCommand of(List<String> command) {
        return new ExternalCommand(command);
    }

    public ExternalCommand in(Path workingDirectory) {
        this.directory = workingDirectory;
        return this;
    }

    public ExternalCommand env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public ExternalCommand env(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    public ExternalCommand timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Runs the program and returns whatever it answered; fails only if it cannot start or times out. */
    public Result run() {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("printgate-cmd-", ".out");
            err = Files.createTempFile("printgate-cmd-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            builder.environment().putAll(environment);
            long started = System.nanoTime();
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                // Children first: a killed parent would orphan them and hide them from descendants().
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("Timed out after " + timeout + ": " + String.join(" ", command)
                        + "\n--- stdout ---\n" + read(out) + "\n--- stderr ---\n" + read(err));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            return new Result(command, process.exitValue(), read(out), read(err), took);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Runs the program and fails, showing everything it printed, unless it exits with 0. */
    public Result runSuccessfully() {
        return run().requireSuccess();
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover temp file is not worth failing a test for.
            }
        }
    }

    /** What a finished program answered. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr, Duration took) {

        public boolean succeeded() {
            return exitCode == 0;
        }

        public Result requireSuccess() {
            if (!succeeded()) {
                throw new AssertionError(describe());
            }
            return this;
        }

        public List<String> stdoutLines() {
            return stdout.lines().toList();
        }

        /** The command, its exit code and all its output: the text a failure message needs. */
        public String describe() {
            return String.join(" ", command) + "\n  exit code " + exitCode + " after " + took.toMillis() + " ms"
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }
}
