package org.printgate.interop.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.printgate.testing.Await;
import org.printgate.testing.peers.DaemonProcess;
import org.printgate.testing.peers.IppTool;
import org.printgate.testing.peers.IppToolReport;
import org.printgate.testing.peers.PeerDaemon;
import org.printgate.testing.peers.PeerTools;

/**
 * CUPS's {@code ippeveprinter}: a real third-party IPP Everywhere printer, on a loopback port
 * of its own, keeping every document it receives ({@code -k}) in {@link #receivedDir()}.
 * <p>
 * Use it as an extension — {@code @RegisterExtension static final IppEvePrinterPeer eve =
 * IppEvePrinterPeer.named("eve");} starts before the class's tests and stops after them, and
 * a failing test gets the printer's log tail in its message — or directly:
 * {@code try (var eve = IppEvePrinterPeer.named("eve").start()) { … }}, see {@link PeerDaemon}.
 * <p>
 * Defaults: formats PDF, PWG raster, Apple raster, JPEG; 10 pages per minute; duplex; print
 * command {@code /bin/true} (without one ippeveprinter pretends to print for 5–15 s per job).
 */
public final class IppEvePrinterPeer extends PeerDaemon<IppEvePrinterPeer> {

    /**
     * What ippeveprinter (CUPS 2.4.2) advertises in {@code pwg-raster-document-resolution-supported}:
     * the resolutions to give {@link TestDocuments#withRasterResolutions} before running
     * ipp-everywhere.test against it.
     */
    public static final List<Integer> PWG_RASTER_RESOLUTIONS = List.of(300, 600);

    private static final Path IPPEVEPRINTER = Path.of("/usr/sbin/ippeveprinter");

    private final String name;
    private List<String> formats = List.of("application/pdf", "image/pwg-raster", "image/urf", "image/jpeg");
    private String speed = "10,10";
    private boolean duplex = true;
    private String printCommand = "/bin/true";
    private final List<String> extraArguments = new ArrayList<>();

    private IppEvePrinterPeer(String name) {
        super("ippeveprinter " + name);
        this.name = name;
    }

    /** A printer called {@code name}, not yet started. */
    public static IppEvePrinterPeer named(String name) {
        return new IppEvePrinterPeer(name);
    }

    /** {@code -f}: the document formats it accepts. */
    public IppEvePrinterPeer formats(String... mimeTypes) {
        requireNotStarted();
        this.formats = List.of(mimeTypes);
        return this;
    }

    /** {@code -s}: its speed in pages per minute, monochrome and colour. */
    public IppEvePrinterPeer pagesPerMinute(int monochrome, int color) {
        requireNotStarted();
        this.speed = monochrome + "," + color;
        return this;
    }

    /** {@code -2}: whether it prints on both sides. */
    public IppEvePrinterPeer duplex(boolean duplex) {
        requireNotStarted();
        this.duplex = duplex;
        return this;
    }

    /** {@code -c}: the program run for each document; {@code null} for ippeveprinter's slow default. */
    public IppEvePrinterPeer printCommand(String command) {
        requireNotStarted();
        this.printCommand = command;
        return this;
    }

    /** More ippeveprinter options, e.g. {@code -a attributes-file} or {@code -m make-and-model}. */
    public IppEvePrinterPeer extraArguments(String... arguments) {
        requireNotStarted();
        this.extraArguments.addAll(List.of(arguments));
        return this;
    }

    @Override
    protected String[] tools() {
        return new String[] {"ippeveprinter", "ipptool"};
    }

    /** Starts avahi (see {@link LoopbackAvahi}), which ippeveprinter needs, and the folder it keeps documents in. */
    @Override
    protected void prepare(Path workDir) {
        LoopbackAvahi.ensureRunning();
        try {
            Files.createDirectories(receivedDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected DaemonProcess launch(Path workDir, int port) {
        return DaemonProcess.start("ippeveprinter " + name, command(port), workDir,
                Map.of("HOME", workDir.toString()), workDir.resolve("ippeveprinter.log"));
    }

    private List<String> command(int port) {
        List<String> command = new ArrayList<>(List.of(
                PeerTools.locate("ippeveprinter").orElse(IPPEVEPRINTER).toString(),
                "-r", "off",
                "-n", "localhost",
                "-p", String.valueOf(port),
                "-d", receivedDir().toString(),
                "-k",
                "-f", String.join(",", formats),
                "-s", speed,
                "-v"));
        if (printCommand != null) {
            command.addAll(List.of("-c", printCommand));
        }
        if (duplex) {
            command.add("-2");
        }
        command.addAll(extraArguments);
        command.add(name);
        return command;
    }

    /**
     * Ready when Get-Printer-Attributes succeeds and {@code printer-up-time} is past 0:
     * ippeveprinter counts it in whole seconds since its start, and ipp-1.1.test requires
     * {@code printer-up-time > 0}, so a test starting in the printer's first second would fail.
     */
    @Override
    protected boolean answers() {
        IppToolReport report = IppTool.against(uri()).in(workDir()).verbose()
                .requestTimeout(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(10))
                .run("get-printer-attributes.test");
        return report.result("Get printer attributes")
                .filter(r -> r.outcome() == IppToolReport.Outcome.PASS)
                .flatMap(r -> r.displayed("printer-up-time"))
                .map(upTime -> Long.parseLong(upTime.trim()) > 0)
                .orElse(false);
    }

    public String name() {
        return name;
    }

    @Override
    public int port() {
        requireStarted();
        return super.port();
    }

    /** {@code ipp://127.0.0.1:PORT/ipp/print}. ippeveprinter itself advertises {@code localhost}. */
    public URI uri() {
        return URI.create("ipp://127.0.0.1:" + super.port() + "/ipp/print");
    }

    @Override
    protected String address() {
        return uri().toString();
    }

    /** Where it keeps every document it received, named {@code <job-id>-<job-name>.<ext>}. */
    public Path receivedDir() {
        if (workDir() == null) {
            throw new IllegalStateException("ippeveprinter " + name + " not started");
        }
        return workDir().resolve("received");
    }

    /** The documents received so far, oldest job first (the print command's {@code .prn} output excluded). */
    public List<Path> receivedDocuments() {
        if (workDir() == null || !Files.isDirectory(receivedDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(receivedDir())) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(".prn"))
                    .sorted(Comparator.comparingLong(IppEvePrinterPeer::jobNumber)
                            .thenComparing(f -> f.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until at least {@code count} documents were received; returns them all. */
    public List<Path> awaitReceivedDocuments(int count, Duration timeout) {
        Await.until(timeout, () -> receivedDocuments().size() >= count,
                () -> count + " documents at ippeveprinter " + name + ", have " + receivedDocuments()
                        + "\n" + logTail());
        return receivedDocuments();
    }

    /** Everything ippeveprinter logged ({@code -v}: one line per request). */
    public String log() {
        return process() == null ? "" : process().logText();
    }

    private static long jobNumber(Path file) {
        String name = file.getFileName().toString();
        int dash = name.indexOf('-');
        try {
            return dash > 0 ? Long.parseLong(name.substring(0, dash)) : Long.MAX_VALUE;
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void requireNotStarted() {
        if (process() != null) {
            throw new IllegalStateException("ippeveprinter " + name + " already started");
        }
    }

    private void requireStarted() {
        if (process() == null) {
            throw new IllegalStateException("ippeveprinter " + name + " not started");
        }
    }
}
