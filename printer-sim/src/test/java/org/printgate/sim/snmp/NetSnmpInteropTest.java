package org.printgate.sim.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent as Net-SNMP's command-line tools see it (Debian package {@code snmp}). A missing
 * tool fails the test: interop is never skipped silently. OIDs are written out in numbers here,
 * independent of {@link PrinterMib}, and printed numerically ({@code -On}) since the Printer-MIB
 * files are usually not installed.
 */
class NetSnmpInteropTest {

    private final SnmpAgentHost host = new SnmpAgentHost();
    private final FakePrinter printer = new FakePrinter("office-1");
    private int port;

    @BeforeEach
    void startAgent() throws IOException {
        port = host.add("office-1", 0, printer);
    }

    @AfterEach
    void stopAgent() {
        host.close();
    }

    @Test
    void snmpwalkOfPrinterMibListsSuppliesInputsAndAlerts() throws Exception {
        String output = run("snmpwalk", "-v2c", "-c", "public", "-On", "-t", "2", "-r", "1",
                "127.0.0.1:" + port, "1.3.6.1.2.1.43");

        assertThat(output.lines()).contains(
                ".1.3.6.1.2.1.43.5.1.1.16.1 = STRING: \"office-1\"",
                ".1.3.6.1.2.1.43.6.1.1.3.1.1 = INTEGER: 4",
                ".1.3.6.1.2.1.43.8.2.1.10.1.1 = INTEGER: 120",
                ".1.3.6.1.2.1.43.8.2.1.13.1.2 = STRING: \"Tray 2\"",
                ".1.3.6.1.2.1.43.10.2.1.4.1.1 = Counter32: 4711",
                ".1.3.6.1.2.1.43.11.1.1.6.1.1 = STRING: \"Black Toner\"",
                ".1.3.6.1.2.1.43.11.1.1.8.1.2 = INTEGER: 100",
                ".1.3.6.1.2.1.43.11.1.1.9.1.2 = INTEGER: 4",
                ".1.3.6.1.2.1.43.18.1.1.7.1.3 = INTEGER: 1104",
                ".1.3.6.1.2.1.43.18.1.1.8.1.3 = STRING: \"Cyan toner low\"");
        assertThat(output.lines()).hasSize(36).allMatch(line -> line.startsWith(".1.3.6.1.2.1.43."));
    }

    @Test
    void snmpgetSeesTheJammedBitOfHrPrinterDetectedErrorState() throws Exception {
        String[] snmpget = {"snmpget", "-v2c", "-c", "public", "-On", "-Ox", "-t", "2", "-r", "1",
                "127.0.0.1:" + port, "1.3.6.1.2.1.25.3.5.1.2.1", "1.3.6.1.2.1.25.3.5.1.1.1"};

        assertThat(run(snmpget).lines()).containsExactly(
                ".1.3.6.1.2.1.25.3.5.1.2.1 = Hex-STRING: 00 00 ",
                ".1.3.6.1.2.1.25.3.5.1.1.1 = INTEGER: 3");

        printer.jam();

        assertThat(run(snmpget).lines()).containsExactly(
                ".1.3.6.1.2.1.25.3.5.1.2.1 = Hex-STRING: 04 00 ",
                ".1.3.6.1.2.1.25.3.5.1.1.1 = INTEGER: 1");
    }

    /** Runs a Net-SNMP tool from /usr/bin and returns its standard output; it must exit with 0. */
    private static String run(String... command) throws IOException, InterruptedException {
        Path tool = Path.of("/usr/bin", command[0]);
        assertThat(Files.isExecutable(tool))
                .as("%s is needed for this interop test: apt-get install snmp", tool)
                .isTrue();
        List<String> line = new ArrayList<>(List.of(command));
        line.set(0, tool.toString());
        Process process = new ProcessBuilder(line).start();
        process.getOutputStream().close();
        // The tools print a few kilobytes at most, well within the pipe buffers, so wait first.
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(line + " did not finish within 20 s");
        }
        byte[] stdout = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit value of %s, stderr: %s", line, stderr).isZero();
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
