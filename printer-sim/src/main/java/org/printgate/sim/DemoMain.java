package org.printgate.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.printgate.sim.profile.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The demo printers of {@code printgate demo}: the launcher starts the engine and a spooler beside
 * them and prints the next steps, all through the spooler.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Runs the Printgate demo on this machine.")
public final class DemoMain implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        Path ledger = Path.of("var", "demo", "ledger.jsonl");
        Files.createDirectories(ledger.getParent());
        Simulator simulator = Simulator.start(Profile.demo(), ledger);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        System.out.println(SimulatorMain.banner(simulator));
        // What to do next is the launcher's to say: every step goes through the spooler, not to these printers.
        System.out.println("Pages that come out are recorded in " + ledger.toAbsolutePath());
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }
}
