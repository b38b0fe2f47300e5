package org.printgate.interop.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.printgate.testing.peers.DaemonProcess;
import org.printgate.testing.peers.FreePort;
import org.printgate.testing.peers.PeerDaemon;
import org.printgate.testing.peers.PeerTools;

/**
 * net-snmp's agent, {@code snmpd}, as a private SNMP peer: its own config (community
 * {@code public}, read-only, from 127.0.0.1), its own persistent folder, on a UDP loopback port
 * of its own. It answers the system and interface groups of the Host: a known agent against
 * which {@link NetSnmp} is checked. ({@code snmpd} writes its persistent state to
 * {@code $SNMP_PERSISTENT_DIR/snmpd.conf}: the config therefore lives in another folder, or it
 * is overwritten on the first stop.) Started and stopped as every {@link PeerDaemon}.
 */
public final class PrivateSnmpd extends PeerDaemon<PrivateSnmpd> {

    /** The value the agent reports as {@code sysLocation.0}. */
    public static final String LOCATION = "Printgate interop rack";

    private PrivateSnmpd() {
        super("snmpd");
    }

    public static PrivateSnmpd create() {
        return new PrivateSnmpd();
    }

    @Override
    protected String[] tools() {
        return new String[] {"snmpd", "snmpget"};
    }

    @Override
    protected void prepare(Path workDir) {
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
    }

    @Override
    protected int freePort() {
        return FreePort.udp();
    }

    @Override
    protected DaemonProcess launch(Path workDir, int port) {
        // -C: no system config; -m none: load no MIB files (they only produce warnings here).
        return DaemonProcess.start("snmpd", List.of(PeerTools.require("snmpd").toString(),
                        "-f", "-Lo", "-C", "-c", workDir.resolve("agent.conf").toString(), "-m", "none",
                        "udp:127.0.0.1:" + port),
                workDir, Map.of("SNMP_PERSISTENT_DIR", workDir.resolve("persistent").toString()),
                workDir.resolve("snmpd.log"));
    }

    /** Ready when it answers a get of {@code sysLocation.0}. */
    @Override
    protected boolean answers() {
        try {
            return NetSnmp.get(hostPort(), "1.3.6.1.2.1.1.6.0").isPresent();
        } catch (AssertionError timeout) {
            return false;
        }
    }

    /** {@code 127.0.0.1:PORT}, as snmpwalk and snmpget take it. */
    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    @Override
    protected String address() {
        return hostPort();
    }
}
