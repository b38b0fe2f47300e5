package org.printgate.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.config.EngineConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code printgate engine}: runs the ticket engine until stopped. */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Runs the Printgate ticket engine (IPP on port 8632, data in ./var/engine).")
public final class EngineMain implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration (YAML); default: the shipped demo configuration.")
    private Path configFile;

    @Option(names = "--port", description = "Port to listen on, overriding the configuration.")
    private Integer port;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory, overriding the configuration.")
    private Path data;

    @Option(names = "--hash-password", description = "Read a password from standard input (its first line) and print"
            + " the password-pbkdf2 value to put in the configuration; then exit.")
    private boolean hashPassword;

    @Option(names = "--hash-iterations", paramLabel = "N", description = "PBKDF2 iterations for --hash-password"
            + " (default ${DEFAULT-VALUE}).", defaultValue = "" + Authenticator.DEFAULT_ITERATIONS)
    private int hashIterations;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (hashPassword) {
            return printPasswordHash();
        }
        EngineConfig config = configFile == null ? EngineConfig.demo() : EngineConfig.load(configFile);
        if (port != null) {
            config = config.withPort(port);
        }
        Path directory = data != null ? data : Path.of(config.data());
        Engine engine = Engine.start(config, Clock.systemUTC(), directory);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            stopped.countDown();
        }));
        System.out.printf("printgate engine: %d queues, ipp://%s:%d/ipp/system, data in %s%n",
                config.printers().size(), config.host(), engine.port(), directory.toAbsolutePath());
        stopped.await();
        return 0;
    }

    /** --hash-password: the configuration value for the password on standard input. */
    private int printPasswordHash() throws java.io.IOException {
        String password = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8)).readLine();
        if (password == null || password.isEmpty()) {
            spec.commandLine().getErr().println("no password on standard input");
            return 2;
        }
        spec.commandLine().getOut().println(Authenticator.hashPassword(password.toCharArray(), hashIterations));
        spec.commandLine().getOut().flush();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new EngineMain()).execute(args));
    }
}
