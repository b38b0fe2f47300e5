package org.printgate.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code printgate demo}: the whole system on this machine. For now that is the demo printers;
 * the ticket engine and the client spooler join it as they land.
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
        System.out.println(nextSteps(simulator, ledger));
        stopped.await();
        return 0;
    }

    static String nextSteps(Simulator simulator, Path ledger) {
        SimPrinter color = simulator.printer(0);
        SimPrinter laser = simulator.printer(1);
        String control = "http://" + simulator.host() + ":" + simulator.controlPort();
        return """

                What to do next (in another terminal):
                  Add the colour printer to CUPS, driverless:
                    sudo lpadmin -p %s -E -v %s -m everywhere
                    lp -d %s /usr/share/cups/data/testprint
                  Add the PostScript laser as a raw socket queue:
                    sudo lpadmin -p %s -E -v socket://%s:%d -m raw
                  Ask its SNMP agent:
                    snmpwalk -v2c -c public %s:%d 1.3.6.1.2.1.43
                  Jam the colour printer at its next page, then clear it:
                    curl -X POST -d '{"type":"jam"}' %s/printers/%s/faults
                    curl -X DELETE %s/printers/%s/faults/jam
                  Pages that came out: %s/ledger  (and %s)
                  The ticket engine (started beside the printers) knows them as queues:
                    http://127.0.0.1:8632/  (spooler token "demo-spooler-token", operator admin/admin)
                Stop with Ctrl-C.""".formatted(
                color.name(), simulator.ippUri(color), color.name(),
                laser.name(), simulator.host(), simulator.rawPort(laser),
                simulator.host(), simulator.snmpPort(color),
                control, color.name(), control, color.name(), control, ledger);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }
}
