package org.printgate.interop.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.printgate.testing.Await;

/**
 * net-snmp's agent, {@code snmpd}, as a private SNMP peer: its own config (community
 * {@code public}, read-only, from 127.0.0.1), its own persistent folder, on a UDP loopback port
 * of its own. It answers the system and interface groups of the Host: a known agent against
 * which {@link NetSnmp} is checked. ({@code snmpd} writes its persistent state to
 * {@code $SNMP_PERSISTENT_DIR/snmpd.conf}: the config therefore lives in another folder, or it
 * is overwritten on the first stop.)
 */
public final class PrivateSnmpd implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** The value the agent reports as {@code sysLocation.0}. */
    public static final String LOCATION = "Printgate interop rack";
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private Path workDir;
    private DaemonProcess process;
    private int port;

    private PrivateSnmpd() {
    }

    public static PrivateSnmpd create() {
        return new PrivateSnmpd();
    }

    /** Starts snmpd and waits until it answers a get of {@code sysLocation.0}. */
    public synchronized PrivateSnmpd start() {
        if (process != null) {
            return this;
        }
        PeerTools.requireAll("snmpd", "snmpget");
        workDir = WorkDirectory.create("snmpd");
        try {
            Files.createDirectories(workDir.resolve("persistent"));
            Files.writeString(workDir.resolve("agent.conf"), """
                    rocommunity public 127.0.0.1
                    sysLocation %s
                    sysContact interop-tests@printgate.invalid
                    sysName printgate-snmpd
                    """.formatted(LOCATION));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = FreePort.udp();
        // -C: no system config; -m none: load no MIB files (they only produce warnings here).
        process = DaemonProcess.start("snmpd", List.of(PeerTools.require("snmpd").toString(),
                        "-f", "-Lo", "-C", "-c", workDir.resolve("agent.conf").toString(), "-m", "none",
                        "udp:127.0.0.1:" + port),
                workDir, Map.of("SNMP_PERSISTENT_DIR", workDir.resolve("persistent").toString()),
                workDir.resolve("snmpd.log"));
        try {
            Await.until(STARTUP, () -> !process.isAlive() || answers(),
                    () -> "snmpd to answer on " + hostPort() + "\n" + process.logTail(20));
            if (!process.isAlive()) {
                throw new AssertionError("snmpd exited at startup:\n" + process.logTail(20));
            }
        } catch (AssertionError e) {
            close();
            throw e;
        }
        return this;
    }

    private boolean answers() {
        try {
            return NetSnmp.get(hostPort(), "1.3.6.1.2.1.1.6.0").isPresent();
        } catch (AssertionError timeout) {
            return false;
        }
    }

    /** {@code 127.0.0.1:PORT}, as snmpwalk and snmpget take it. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
            process = null;
        }
        WorkDirectory.delete(workDir);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
