package org.printgate.sim.snmp;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.snmp4j.util.DefaultPDUFactory;

/**
 * The manager side for tests: snmp4j's client API over real UDP to 127.0.0.1. Methods return
 * the response PDU, or null when none came within the timeout.
 */
final class SnmpManager implements AutoCloseable {

    static final long TIMEOUT_MILLIS = 2_000;

    private static final InetAddress LOCALHOST = localhost();

    private final Snmp snmp;

    SnmpManager() throws IOException {
        snmp = new Snmp(new DefaultUdpTransportMapping());
        snmp.listen();
    }

    /** A v2c GET with community "public"; the response must arrive. */
    PDU get(int port, OID... oids) throws IOException {
        return answered(send(port, "public", SnmpConstants.version2c, PDU.GET, TIMEOUT_MILLIS, oids));
    }

    /** The value of one object instance, by v2c GET. */
    Variable value(int port, OID oid) throws IOException {
        return get(port, oid).get(0).getVariable();
    }

    /** A v2c GETBULK with community "public"; the response must arrive. */
    PDU getBulk(int port, int nonRepeaters, int maxRepetitions, OID... oids) throws IOException {
        PDU request = new PDU();
        request.setType(PDU.GETBULK);
        request.setNonRepeaters(nonRepeaters);
        request.setMaxRepetitions(maxRepetitions);
        for (OID oid : oids) {
            request.add(new VariableBinding(oid));
        }
        return answered(snmp.send(request, target(port, "public", SnmpConstants.version2c, TIMEOUT_MILLIS))
                .getResponse());
    }

    /** Any request; null when no response came within {@code timeoutMillis}. */
    PDU send(int port, String community, int version, int pduType, long timeoutMillis, OID... oids)
            throws IOException {
        CommunityTarget<UdpAddress> target = target(port, community, version, timeoutMillis);
        PDU request = new DefaultPDUFactory(pduType).createPDU(target);
        for (OID oid : oids) {
            request.add(new VariableBinding(oid));
        }
        return snmp.send(request, target).getResponse();
    }

    /** A v2c SET of one value; the response must arrive. */
    PDU set(int port, VariableBinding binding) throws IOException {
        CommunityTarget<UdpAddress> target = target(port, "public", SnmpConstants.version2c, TIMEOUT_MILLIS);
        PDU request = new DefaultPDUFactory(PDU.SET).createPDU(target);
        request.add(binding);
        return answered(snmp.send(request, target).getResponse());
    }

    /**
     * Walks {@code root} by v2c GETNEXT, as snmpwalk does: every binding under {@code root}, in
     * order, ending when the agent answers an OID outside it or endOfMibView.
     */
    List<VariableBinding> walk(int port, OID root) throws IOException {
        List<VariableBinding> bindings = new ArrayList<>();
        OID next = root;
        while (true) {
            PDU response = answered(send(port, "public", SnmpConstants.version2c, PDU.GETNEXT,
                    TIMEOUT_MILLIS, next));
            VariableBinding binding = response.get(0);
            if (binding.isException() || !binding.getOid().startsWith(root)) {
                return bindings;
            }
            bindings.add(binding);
            next = binding.getOid();
        }
    }

    private static CommunityTarget<UdpAddress> target(int port, String community, int version,
                                                      long timeoutMillis) {
        CommunityTarget<UdpAddress> target = new CommunityTarget<>(
                new UdpAddress(LOCALHOST, port), new OctetString(community));
        target.setVersion(version);
        target.setTimeout(timeoutMillis);
        target.setRetries(0);
        return target;
    }

    private static PDU answered(PDU response) {
        if (response == null) {
            throw new AssertionError("no SNMP response within " + TIMEOUT_MILLIS + " ms");
        }
        return response;
    }

    private static InetAddress localhost() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws IOException {
        snmp.close();
    }
}
