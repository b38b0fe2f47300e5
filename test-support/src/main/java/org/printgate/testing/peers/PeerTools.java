package org.printgate.testing.peers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the third-party programs the interop tests run as real peers. A missing program is
 * installed once per JVM by {@code bin/install-test-peers}; if it is still missing the test
 * fails with a message saying what to install. Tests never skip because a tool is absent.
 */
public final class PeerTools {

    /** Every program the harness runs, with the Debian package that provides it. */
    public static final Map<String, String> PACKAGE_OF = packages();

    private static final String INSTALL_SCRIPT = "bin/install-test-peers";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);
    private static final List<String> SYSTEM_DIRS =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private static String installReport;

    private PeerTools() {
    }

    private static Map<String, String> packages() {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("ipptool", "cups-ipp-utils");
        tools.put("ippeveprinter", "cups-ipp-utils");
        tools.put("cupsd", "cups-daemon");
        tools.put("lpadmin", "cups-client");
        tools.put("lp", "cups-client");
        tools.put("lpstat", "cups-client");
        tools.put("snmpwalk", "snmp");
        tools.put("snmpget", "snmp");
        tools.put("snmpd", "snmpd");
        tools.put("gs", "ghostscript");
        tools.put("ps2pdf", "ghostscript");
        tools.put("pdfinfo", "poppler-utils");
        tools.put("pdftotext", "poppler-utils");
        tools.put("avahi-daemon", "avahi-daemon");
        tools.put("dbus-daemon", "dbus");
        tools.put("avahi-browse", "avahi-utils");
        tools.put("avahi-publish", "avahi-utils");
        tools.put("ip", "iproute2");
        tools.put("systemd-analyze", "systemd");
        tools.put("dpkg-deb", "dpkg");
        tools.put("runuser", "util-linux");
        tools.put("pgrep", "procps");
        tools.put("promtool", "prometheus");
        return Map.copyOf(tools);
    }

    /** The absolute path of {@code tool}; installs the peers once if it is missing, else fails. */
    public static Path require(String tool) {
        return requireAll(tool).get(tool);
    }

    /** The absolute paths of {@code tools}, in order; installs once if any is missing, else fails. */
    public static Map<String, Path> requireAll(String... tools) {
        Map<String, Path> found = locateAll(tools);
        if (found.size() < tools.length) {
            runInstallScriptOnce();
            found = locateAll(tools);
        }
        if (found.size() < tools.length) {
            Set<String> missing = new LinkedHashSet<>(List.of(tools));
            missing.removeAll(found.keySet());
            List<String> described = new ArrayList<>();
            missing.forEach(t -> described.add(t + " (Debian package " + PACKAGE_OF.getOrDefault(t, "?") + ")"));
            throw new AssertionError("Peer tools missing: " + String.join(", ", described)
                    + "\nSearched PATH and " + SYSTEM_DIRS + "."
                    + "\n" + installReport
                    + "\nInstall them with: sudo " + repositoryRoot().resolve(INSTALL_SCRIPT));
        }
        return found;
    }

    /** Every tool in {@link #PACKAGE_OF}. */
    public static Map<String, Path> requireEvery() {
        return requireAll(PACKAGE_OF.keySet().stream().sorted().toArray(String[]::new));
    }

    /** The absolute path of {@code tool} on PATH or in the usual system directories, if any. */
    public static Optional<Path> locate(String tool) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(SYSTEM_DIRS);
        return dirs.stream()
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, tool))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    /** The repository root: the nearest directory above {@code user.dir} holding the install script. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(INSTALL_SCRIPT))) {
                return dir;
            }
        }
        throw new AssertionError("No " + INSTALL_SCRIPT + " in " + System.getProperty("user.dir")
                + " or any directory above it");
    }

    private static Map<String, Path> locateAll(String... tools) {
        Map<String, Path> found = new LinkedHashMap<>();
        for (String tool : tools) {
            locate(tool).ifPresent(p -> found.put(tool, p));
        }
        return found;
    }

    private static synchronized void runInstallScriptOnce() {
        if (installReport != null) {
            return;
        }
        Path script = repositoryRoot().resolve(INSTALL_SCRIPT);
        // apt needs root; a developer account may have password-less sudo.
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> command = root ? List.of(script.toString()) : List.of("sudo", "-n", script.toString());
        try {
            ExternalCommand.Result result = ExternalCommand.of(command).timeout(INSTALL_TIMEOUT).run();
            installReport = "Ran " + String.join(" ", command) + " (exit code " + result.exitCode() + "):\n"
                    + DaemonProcess.tail(result.stdout() + result.stderr(), 30);
        } catch (RuntimeException | AssertionError e) {
            installReport = "Could not run " + String.join(" ", command) + ": " + e.getMessage();
        }
    }
}
