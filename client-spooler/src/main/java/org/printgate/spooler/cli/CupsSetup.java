package org.printgate.spooler.cli;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.IppClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code printgate setup --cups}: for a desktop whose CUPS does not find the spooler's printers
 * over DNS-SD, a permanent, driverless CUPS queue for each of them ({@code lpadmin -p QUEUE -E
 * -v ipp://localhost:PORT/printers/QUEUE -m everywhere}), and none for a printer the spooler no
 * longer has ({@code lpadmin -x}). Run it again whenever the list changes (a timer, a login).
 * <p>
 * It only ever removes a CUPS queue whose device URI points at the spooler; a queue made by hand
 * for anything else is left as it is, and so is one that already has the name it wants.
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Makes CUPS follow this workstation's Printgate spooler (lpadmin needs root or the lpadmin group).")
public final class CupsSetup implements Callable<Integer> {
    private static final Pattern DEVICE_LINE = Pattern.compile("^device for ([^:\\s]+): (\\S+)$");
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(1);
    private static final int IPP_PORT = 631;

    @Option(names = "--cups", required = true,
            description = "Add a CUPS queue for each of the spooler's printers; remove those of printers it no longer has.")
    boolean cups;

    @Option(names = "--spooler", description = "The local spooler (default ${DEFAULT-VALUE}).")
    URI spooler = URI.create("ipp://localhost:8631/");

    @Option(names = "--cups-server", paramLabel = "HOST:PORT",
            description = "The CUPS scheduler to change (default: the one CUPS's own commands use).")
    String cupsServer;

    /** A printer as the spooler lists it. */
    record SpoolerPrinter(String name, String info, String location) {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command as {@code printgate setup ARGS} would; returns its exit code. */
    public static int run(String... args) {
        return new CommandLine(new CupsSetup()).execute(args);
    }

    @Override
    public Integer call() throws IOException {
        // The spooler's list first: if it cannot be had, nothing is removed.
        List<SpoolerPrinter> printers = spoolerPrinters();
        Map<String, URI> queues = cupsQueues();
        int failures = 0;
        for (SpoolerPrinter printer : printers) {
            URI device = deviceUri(printer.name());
            // Is there a CUPS queue for this printer already, under any name?
            Optional<String> existing = queues.entrySet().stream()
                    .filter(q -> spoolerQueueOf(q.getValue()).filter(printer.name()::equals).isPresent())
                    .map(Map.Entry::getKey).findFirst();
            if (existing.isPresent()) {
                System.out.printf("kept     %s (%s)%n", existing.get(), device);
                continue;
            }
            // Is the name taken by a queue that prints somewhere else? That one is someone's own.
            if (queues.containsKey(printer.name())) {
                System.out.printf("skipped  %s: a CUPS queue of that name prints to %s%n", printer.name(), queues.get(printer.name()));
                continue;
            }
            List<String> add = new ArrayList<>(List.of("-p", printer.name(), "-E", "-v", device.toString(), "-m", "everywhere",
                    "-o", "printer-is-shared=false", "-D", printer.info()));
            if (!printer.location().isEmpty()) {
                add.addAll(List.of("-L", printer.location()));
            }
            failures += run("lpadmin", add) ? 0 : 1;
            System.out.printf("added    %s (%s)%n", printer.name(), device);
        }
        List<String> names = printers.stream().map(SpoolerPrinter::name).toList();
        for (Map.Entry<String, URI> queue : queues.entrySet()) {
            Optional<String> printer = spoolerQueueOf(queue.getValue());
            // Only a queue that prints to this spooler, for a printer it no longer has.
            if (printer.isPresent() && !names.contains(printer.get())) {
                failures += run("lpadmin", List.of("-x", queue.getKey())) ? 0 : 1;
                System.out.printf("removed  %s (%s is gone from the spooler)%n", queue.getKey(), printer.get());
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** CUPS-Get-Printers to the spooler, as CUPS's own lpstat asks a server. */
    List<SpoolerPrinter> spoolerPrinters() throws IOException {
        IppClient ipp = new IppClient(Duration.ofSeconds(5), Duration.ofSeconds(30));
        IppPacket request = new IppPacket(0x0200, ExtraTypes.cupsGetPrinters.getCode(), 1,
                List.of(AttributeGroup.groupOf(Tag.operationAttributes,
                        Types.attributesCharset.of(ExtraTypes.charsetUtf8), Types.attributesNaturalLanguage.of("en"),
                        Types.requestingUserName.of(System.getProperty("user.name")),
                        Types.requestedAttributes.of(Types.printerName.getName(), Types.printerInfo.getName(),
                                Types.printerLocation.getName()))));
        IppPacket answer = ipp.send(spooler, request);
        if (answer.getStatus().getCode() >= 0x0400) {
            String message = answer.getString(Tag.operationAttributes, Types.statusMessage);
            throw new IOException("the spooler at " + spooler + " answered " + answer.getStatus().getName()
                    + (message == null ? "" : ": " + message));
        }
        List<SpoolerPrinter> printers = new ArrayList<>();
        for (AttributeGroup group : answer.getAttributeGroups()) {
            if (group.getTag() != Tag.printerAttributes || group.getValue(Types.printerName) == null) {
                continue;
            }
            String name = group.getValue(Types.printerName).getValue();
            String info = group.getValue(Types.printerInfo) == null ? name : group.getValue(Types.printerInfo).getValue();
            String location = group.getValue(Types.printerLocation) == null ? "" : group.getValue(Types.printerLocation).getValue();
            printers.add(new SpoolerPrinter(name, info, location));
        }
        return printers;
    }

    /** Every CUPS queue and its device URI ({@code lpstat -v}). */
    Map<String, URI> cupsQueues() throws IOException {
        Result listed = execute("lpstat", List.of("-v"));
        Map<String, URI> queues = new LinkedHashMap<>();
        if (listed.exitCode() != 0) {
            // CUPS says so, and exits 1, when it has no queue at all.
            if (listed.output().contains("No destinations added")) {
                return queues;
            }
            throw new IOException("lpstat -v failed (exit code " + listed.exitCode() + "): " + listed.output().strip());
        }
        for (String line : listed.output().split("\n")) {
            Matcher device = DEVICE_LINE.matcher(line.strip());
            if (device.matches()) {
                try {
                    queues.put(device.group(1), URI.create(device.group(2)));
                } catch (IllegalArgumentException e) {
                    // A device URI that is no URI (a backend's own notation) is not ours.
                }
            }
        }
        return queues;
    }

    /** The spooler's printer a CUPS device URI points at, if it points at this spooler at all. */
    Optional<String> spoolerQueueOf(URI device) {
        String scheme = device.getScheme() == null ? "" : device.getScheme();
        String path = device.getPath() == null ? "" : device.getPath();
        boolean here = (scheme.equals("ipp") || scheme.equals("ipps")) && device.getHost() != null
                && LOOPBACK_NAMES.contains(device.getHost()) && port(device) == spoolerPort();
        String prefix = "/printers/";
        if (!here || !path.startsWith(prefix) || path.length() == prefix.length()) {
            return Optional.empty();
        }
        return Optional.of(path.substring(prefix.length()));
    }

    private URI deviceUri(String printer) {
        return URI.create("ipp://localhost:" + spoolerPort() + "/printers/" + printer);
    }

    private int spoolerPort() {
        return port(spooler);
    }

    /** An ipp or ipps URI without a port means IPP's own, 631 (RFC 8010 §8.1). */
    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : IPP_PORT;
    }

    private boolean run(String program, List<String> arguments) throws IOException {
        Result result = execute(program, arguments);
        if (result.exitCode() != 0) {
            System.err.printf("%s %s failed (exit code %d): %s%n", program, String.join(" ", arguments), result.exitCode(),
                    result.output().strip());
            return false;
        }
        return true;
    }

    /** What a CUPS command printed, both streams together, and how it exited. */
    record Result(int exitCode, String output) {}

    private Result execute(String program, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(locate(program)));
        if (cupsServer != null) {
            command.addAll(List.of("-h", cupsServer));
        }
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Its messages are read: untranslated.
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(program + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + program + " ran", e);
        }
        return new Result(process.exitValue(), output);
    }

    /** CUPS's commands live in sbin, which a user's PATH may lack. */
    private static String locate(String program) throws IOException {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(SYSTEM_DIRS);
        for (String dir : dirs) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, program);
            if (candidate != null && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IOException(program + " not found: install CUPS's client programs (Debian: cups-client)");
    }
}
