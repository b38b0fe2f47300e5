package org.printgate.spooler;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code printgate spooler}: runs the client spooler until stopped. */
@Command(name = "spooler", mixinStandardHelpOptions = true,
        description = "Runs the Printgate client spooler: local IPP printers at ipp://localhost:8631/printers/<queue>.")
public final class SpoolerMain implements Callable<Integer> {

    @Option(names = "--engine", paramLabel = "URL", description = "The ticket engine, e.g. ipp://printgate:8632/ipp/system.")
    private URI engine;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration (YAML).")
    private Path configFile;

    @Option(names = "--port", description = "Local port (default 8631).")
    private Integer port;

    @Option(names = "--spool", paramLabel = "DIR", description = "Spool directory (default ./var/spool).")
    private Path spool;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        SpoolerConfig config = configFile == null ? SpoolerConfig.defaults() : SpoolerConfig.load(configFile);
        if (engine != null) {
            config = config.withEngine(engine.getPath() == null || engine.getPath().isEmpty() || engine.getPath().equals("/")
                    ? engine.resolve("/ipp/system") : engine);
        }
        if (port != null) {
            config = config.withPort(port);
        }
        if (spool != null) {
            config = config.withSpool(spool);
        }
        Spooler spooler = Spooler.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            spooler.close();
            stopped.countDown();
        }));
        System.out.printf("printgate spooler: ipp://localhost:%d/printers/<queue> (%d queues), engine %s, spool %s, ready in %d ms%n",
                spooler.port(), spooler.printers().all().size(), config.engine(), config.spool().toAbsolutePath(),
                (System.nanoTime() - started) / 1_000_000);
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SpoolerMain()).execute(args));
    }
}
