package org.printgate.sim;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code printgate sim}: runs the simulated printers of a profile until stopped. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Runs simulated printers (IPP Everywhere, raw 9100, SNMP) from a profile.")
public final class SimulatorMain implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "FILE", description = "Profile (YAML or JSON); default: the shipped demo profile.")
    private Path profileFile;

    @Option(names = "--ledger", paramLabel = "FILE", defaultValue = "var/sim/ledger.jsonl",
            description = "Page ledger file, JSON lines (default: ${DEFAULT-VALUE}).")
    private Path ledgerFile;

    @Option(names = "--free-ports", description = "Ignore the profile's ports and let the system pick free ones.")
    private boolean freePorts;

    @Override
    public Integer call() throws Exception {
        Profile profile = profileFile == null ? Profile.demo() : Profile.load(profileFile);
        if (freePorts) {
            profile = profile.onFreePorts();
        }
        if (ledgerFile.getParent() != null) {
            java.nio.file.Files.createDirectories(ledgerFile.getParent());
        }
        Simulator simulator = Simulator.start(profile, ledgerFile);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        System.out.println(banner(simulator));
        stopped.await();
        return 0;
    }

    static String banner(Simulator simulator) {
        StringBuilder text = new StringBuilder("printer-sim: ").append(simulator.printers().size()).append(" printers\n");
        int shown = 0;
        for (SimPrinter printer : simulator.printers()) {
            if (shown++ == 10) {
                text.append("  ...\n");
                break;
            }
            text.append(String.format("  %-14s %s  raw %s:%d  snmp udp/%d%n", printer.name(), simulator.ippUri(printer),
                    simulator.host(), simulator.rawPort(printer), simulator.snmpPort(printer)));
        }
        text.append("  control API and page ledger: http://").append(simulator.host()).append(':')
                .append(simulator.controlPort()).append("/  (ledger file: see --ledger)");
        return text.toString();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorMain()).execute(args));
    }
}
