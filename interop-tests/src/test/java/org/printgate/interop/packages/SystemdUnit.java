package org.printgate.interop.packages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.printgate.testing.peers.DaemonProcess;

/**
 * An installed systemd service unit, read for what a test needs to start its program the way
 * systemd would where systemd does not run the machine (a container): the account of
 * {@code User=}, the command line of {@code ExecStart=}, {@code WorkingDirectory=} and
 * {@code Environment=}, and an environment that holds nothing else but {@code PATH}.
 * The sandboxing lines are systemd's alone, so a process started this way runs without them.
 * Reads the simple forms the Printgate units use; a line it cannot read fails the test.
 */
record SystemdUnit(Path file, String user, List<String> execStart, Path workingDirectory, Map<String, String> environment) {

    /** systemd's default PATH for services (systemd.exec(5), "Environment variables in spawned processes"). */
    private static final String SERVICE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    static SystemdUnit read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the unit " + file, e);
        }
        Map<String, String> service = new LinkedHashMap<>();
        Map<String, String> environment = new LinkedHashMap<>();
        String section = "";
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith(";")) {
                continue;
            }
            if (text.startsWith("[")) {
                section = text;
                continue;
            }
            if (!section.equals("[Service]")) {
                continue;
            }
            int equals = text.indexOf('=');
            if (equals < 0 || text.endsWith("\\")) {
                throw new AssertionError(file + ": cannot read the line \"" + line + "\"");
            }
            String key = text.substring(0, equals);
            String value = text.substring(equals + 1);
            if (key.equals("Environment")) {
                for (String assignment : words(file, value)) {
                    String[] nameValue = assignment.split("=", 2);
                    environment.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
                }
            } else if (service.put(key, value) != null && (key.equals("ExecStart") || key.equals("User"))) {
                throw new AssertionError(file + ": more than one " + key + "= line");
            }
        }
        String user = Optional.ofNullable(service.get("User")).orElseThrow(() -> new AssertionError(file + " has no User="));
        String execStart = Optional.ofNullable(service.get("ExecStart")).orElseThrow(() -> new AssertionError(file + " has no ExecStart="));
        if (!execStart.startsWith("/")) {
            throw new AssertionError(file + ": ExecStart= must start with an absolute path (no prefix): " + execStart);
        }
        Path directory = Path.of(service.getOrDefault("WorkingDirectory", "/"));
        return new SystemdUnit(file, user, words(file, execStart), directory, Map.copyOf(environment));
    }

    /** The words of a value: the units quote nothing, so a quote or a specifier is a line this reader does not know. */
    private static List<String> words(Path file, String value) {
        if (value.contains("\"") || value.contains("'") || value.contains("%") || value.contains("$")) {
            throw new AssertionError(file + ": quotes, specifiers and variables are not read by this test: " + value);
        }
        return List.of(value.strip().split("\\s+"));
    }

    /**
     * Starts the unit's command as its account, in its working directory, with only its
     * environment: {@code env -i PATH=... runuser -u USER -- EXECSTART}. Closing the returned
     * process sends SIGTERM to runuser, which passes it on to the program, as systemd's stop does.
     */
    DaemonProcess start(String name, Path log) {
        List<String> command = new ArrayList<>(List.of("env", "-i", "PATH=" + SERVICE_PATH));
        environment.forEach((key, value) -> command.add(key + "=" + value));
        command.addAll(List.of("runuser", "-u", user, "--"));
        command.addAll(execStart);
        return DaemonProcess.start(name, command, workingDirectory, Map.of(), log);
    }
}
