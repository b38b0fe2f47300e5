package org.printgate.bench.spooler;

import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.printgate.ipp.IppClient;

/**
 * A client spooler in a JVM of its own, started as {@code bin/printgate spooler} starts it (the
 * launcher's flags, {@code SpoolerMain}), so that its start time, resident memory and heap are
 * the ones a desktop would see. Its output goes to {@code spooler.log} in its folder.
 */
final class SpoolerProcess implements AutoCloseable {
    static final String TOKEN = "bench-spooler-token";
    /**
     * The forward phase's spooler is another workstation: one spooler holds a credential at a
     * time (protocol §2.3), and a spooler that started with the accept phase's credential would
     * cancel, in its resync, the thousands of tickets that phase left queued (§11.3).
     */
    static final String FORWARD_TOKEN = "bench-forward-spooler-token";
    static final String DOMAIN = "bench";

    private final Process process;
    private final int port;
    private final Path directory;
    private final long launchedNanos;

    private SpoolerProcess(Process process, int port, Path directory, long launchedNanos) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.launchedNanos = launchedNanos;
    }

    /** Launches a spooler with an empty spool in {@code directory}, talking to the engine at {@code engine}. */
    static SpoolerProcess launch(List<String> jvmFlags, URI engine, Path directory) throws IOException {
        return launch(jvmFlags, engine, directory, TOKEN);
    }

    /** Likewise, as the workstation whose credential is {@code token}. */
    static SpoolerProcess launch(List<String> jvmFlags, URI engine, Path directory, String token) throws IOException {
        Files.createDirectories(directory);
        int port = freePort();
        Path config = directory.resolve("spooler.yaml");
        Files.writeString(config, """
                engine: "%s"
                token: %s
                domain: %s
                port: %d
                spool: "%s"
                """.formatted(engine, token, DOMAIN, port, directory.resolve("spool")));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", desktopClassPath(), "org.printgate.spooler.SpoolerMain",
                "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("spooler.log").toFile());
        long launched = System.nanoTime();
        return new SpoolerProcess(builder.start(), port, directory, launched);
    }

    long pid() {
        return process.pid();
    }

    /** ipp://localhost:PORT/printers/QUEUE, the local printer of an engine queue. */
    URI printerUri(String queue) {
        return URI.create("ipp://localhost:" + port + "/printers/" + queue);
    }

    /**
     * Asks Get-Printer-Attributes of {@code queue} until it is answered successful-ok (the
     * spooler listens and has learned its queues from the engine); returns the milliseconds from
     * the launch to that answer.
     */
    double awaitReady(IppClient ipp, String queue, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        IppPacket ask = new IppPacket(0x0200, Operation.getPrinterAttributes.getCode(), 1, List.of(
                AttributeGroup.groupOf(Tag.operationAttributes, Types.attributesCharset.of("utf-8"),
                        Types.attributesNaturalLanguage.of("en"), Types.printerUri.of(printerUri(queue)),
                        Types.requestedAttributes.of("printer-state"))));
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the spooler exited with " + process.exitValue() + "; see " + directory.resolve("spooler.log"));
            }
            try {
                IppPacket answer = ipp.send(printerUri(queue), ask);
                if (answer.getStatus().equals(Status.successfulOk)) {
                    return (System.nanoTime() - launchedNanos) / 1e6;
                }
                last = answer.getStatus().toString();
            } catch (IOException e) {
                last = e.toString();
            }
            // Not listening yet (refused at once) or no queues yet: ask again shortly.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        throw new IOException("the spooler did not answer Get-Printer-Attributes of " + queue + " within " + within
                + " (last: " + last + "); see " + directory.resolve("spooler.log"));
    }

    /** VmRSS of the process from /proc, in MiB. */
    double rssMb() throws IOException {
        return ProcFs.rssKb(pid()) / 1024.0;
    }

    /** CPU time the process has used (user + system), in nanoseconds. */
    long cpuNanos() throws IOException {
        return ProcFs.cpuNanos(pid());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * The class path a desktop runs the spooler with: the client-spooler jar and its runtime
     * dependencies as the build wrote them (target/classpath.txt), not this JVM's, which also
     * holds the engine, the simulator and the bench. Start time and memory are measured on it.
     */
    static String desktopClassPath() throws IOException {
        Path module = LauncherFlags.findLauncher()
                .orElseThrow(() -> new IOException("no bin/printgate here or above: run from a checkout"))
                .toAbsolutePath().getParent().getParent().resolve("client-spooler");
        Path listed = module.resolve("target/classpath.txt");
        Path jar;
        try (var jars = Files.list(module.resolve("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("client-spooler-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IOException("no client-spooler jar in " + module.resolve("target")
                            + ": build it first (mvn package, or bin/printgate spooler)"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("client-spooler is not built: " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(listed)) {
            throw new IOException("no " + listed + ": build client-spooler first (mvn package)");
        }
        return jar + java.io.File.pathSeparator + Files.readString(listed).strip();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
