package org.printgate.sim.system;

import java.io.IOException;
import org.printgate.sim.snmp.PrinterMib;
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

/**
 * An SNMP manager that reads a simulated printer's Host Resources MIB status (RFC 2790) the way
 * a monitoring tool does: v2c GET with community "public" over UDP.
 */
final class SnmpProbe implements AutoCloseable {
    /** hrPrinterStatus other(1): CUPS and monitors read it with the error state as "stopped". */
    static final int HR_PRINTER_STATUS_OTHER = 1;

    /** hrPrinterDetectedErrorState bits in its first octet (bit 0 is the octet's 0x80). */
    static final int NO_PAPER = 0x40;
    static final int NO_TONER = 0x10;
    static final int JAMMED = 0x04;
    static final int OFFLINE = 0x02;

    private final Snmp snmp;
    private final String host;
    private final int port;

    SnmpProbe(String host, int port) throws IOException {
        this.snmp = new Snmp(new DefaultUdpTransportMapping());
        this.host = host;
        this.port = port;
        snmp.listen();
    }

    int hrPrinterStatus() throws IOException {
        return get(PrinterMib.instance(PrinterMib.hrPrinterStatus, PrinterMib.PRINTER_DEVICE_INDEX)).toInt();
    }

    /** The first octet of hrPrinterDetectedErrorState.1. */
    int errorStateFirstOctet() throws IOException {
        Variable value = get(PrinterMib.instance(PrinterMib.hrPrinterDetectedErrorState, PrinterMib.PRINTER_DEVICE_INDEX));
        return ((OctetString) value).getValue()[0] & 0xff;
    }

    private Variable get(OID oid) throws IOException {
        CommunityTarget<UdpAddress> target = new CommunityTarget<>(new UdpAddress(host + "/" + port), new OctetString("public"));
        target.setVersion(SnmpConstants.version2c);
        target.setTimeout(2_000);
        target.setRetries(1);
        PDU request = new PDU();
        request.setType(PDU.GET);
        request.add(new VariableBinding(oid));
        PDU response = snmp.send(request, target).getResponse();
        if (response == null) {
            throw new IOException("no SNMP answer from " + host + "/" + port + " for " + oid);
        }
        return response.get(0).getVariable();
    }

    @Override
    public void close() throws IOException {
        snmp.close();
    }
}
