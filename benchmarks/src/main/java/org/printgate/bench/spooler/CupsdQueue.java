package org.printgate.bench.spooler;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.printgate.ipp.IppClient;

/**
 * The anchor of the accept figure: a CUPS scheduler of the bench's own (never the system's:
 * its own configuration, spool and logs in a private folder, loopback only) with one raw queue
 * that is stopped ({@code cupsdisable}), so that, like the spooler's paused queue, it only
 * accepts and spools. Its device is a socket:// port nothing listens on; it is never used.
 * CUPS's defaults are kept for what decides the figure (SyncOnClose No, the job files written
 * when cupsd gets round to it), except {@code MaxJobs 0}: the run queues more than the default
 * 500 jobs. INTEROP-NOTES.md "A private cupsd" has the recipe.
 */
final class CupsdQueue implements AutoCloseable {
    static final String QUEUE = "bench";

    private final Path root;
    private final int port;
    private final Process process;

    private CupsdQueue(Path root, int port, Process process) {
        this.root = root;
        this.port = port;
        this.process = process;
    }

    /** Starts cupsd in {@code root} and sets up the stopped queue; fails when CUPS is not installed. */
    static CupsdQueue start(Path root, IppClient ipp) throws IOException, InterruptedException {
        Path cupsd = Path.of("/usr/sbin/cupsd");
        if (!Files.isExecutable(cupsd)) {
            throw new IOException("cupsd is not installed (/usr/sbin/cupsd): the accept figure's anchor needs it; "
                    + "apt-get install cups cups-client (bin/test installs it)");
        }
        for (String dir : List.of("etc/ppd", "etc/ssl", "spool/tmp", "cache", "state", "log", "home")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.setAttribute(root.resolve("spool/tmp"), "unix:mode", 01777);
        int port = SpoolerProcess.freePort();
        Files.writeString(root.resolve("cups-files.conf"), """
                ServerRoot %1$s/etc
                ServerKeychain %1$s/etc/ssl
                RequestRoot %1$s/spool
                TempDir %1$s/spool/tmp
                CacheDir %1$s/cache
                StateDir %1$s/state
                ErrorLog %1$s/log/error_log
                AccessLog %1$s/log/access_log
                PageLog %1$s/log/page_log
                Printcap %1$s/etc/printcap
                ServerBin /usr/lib/cups
                DataDir /usr/share/cups
                DocumentRoot /usr/share/cups/doc-root
                """.formatted(root));
        Files.writeString(root.resolve("cupsd.conf"), """
                LogLevel warn
                MaxJobs 0
                Listen 127.0.0.1:%d
                ServerAlias *
                Browsing No
                BrowseLocalProtocols none
                DefaultAuthType None
                DefaultEncryption Never
                IdleExitTimeout 0
                <Location />
                  Order allow,deny
                  Allow all
                </Location>
                <Policy default>
                  JobPrivateAccess all
                  JobPrivateValues none
                  <Limit All>
                    Order allow,deny
                    Allow all
                  </Limit>
                </Policy>
                """.formatted(port));
        Process process = new ProcessBuilder(cupsd.toString(), "-f", "-c", root.resolve("cupsd.conf").toString(),
                "-s", root.resolve("cups-files.conf").toString()).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(root.resolve("log/cupsd.out").toFile()).start();
        CupsdQueue cups = new CupsdQueue(root, port, process);
        try {
            cups.awaitAnswer(ipp, URI.create("ipp://127.0.0.1:" + port + "/"), null);
            cups.client("lpadmin", "-p", QUEUE, "-E", "-v", "socket://127.0.0.1:" + SpoolerProcess.freePort(), "-m", "raw");
            cups.client("cupsdisable", QUEUE);
            cups.awaitAnswer(ipp, cups.queueUri(), PrinterState.stopped);
            return cups;
        } catch (IOException | RuntimeException e) {
            cups.close();
            throw e;
        }
    }

    URI queueUri() {
        return URI.create("ipp://127.0.0.1:" + port + "/printers/" + QUEUE);
    }

    long pid() {
        return process.pid();
    }

    /** Get-Printer-Attributes until it is answered at all, or, with {@code state}, until the queue is in that state. */
    private void awaitAnswer(IppClient ipp, URI printer, PrinterState state) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        IppPacket ask = new IppPacket(0x0200, Operation.getPrinterAttributes.getCode(), 1, List.of(
                AttributeGroup.groupOf(Tag.operationAttributes, Types.attributesCharset.of("utf-8"),
                        Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(printer))));
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("cupsd exited with " + process.exitValue() + "; see " + root.resolve("log"));
            }
            try {
                IppPacket answer = ipp.send(printer, ask);
                AttributeGroup attributes = answer.get(Tag.printerAttributes);
                // Any answer says the scheduler runs; the queue must also be in the state asked for.
                if (state == null || answer.getStatus().equals(Status.successfulOk)
                        && attributes != null && state.equals(attributes.getValue(Types.printerState))) {
                    return;
                }
                last = answer.getStatus() + (attributes == null ? "" : ", " + attributes.getValue(Types.printerState));
            } catch (IOException e) {
                last = e.toString();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new IOException("cupsd at " + printer + " did not answer as expected within 30 s (last: " + last
                + "); see " + root.resolve("log/error_log"));
    }

    /** Runs a CUPS client program against this scheduler only. */
    private void client(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(program, "-h", "127.0.0.1:" + port));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("CUPS_SERVER", "127.0.0.1:" + port, "HOME", root.resolve("home").toString()));
        Process run = builder.start();
        String output = new String(run.getInputStream().readAllBytes());
        if (!run.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS) || run.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
