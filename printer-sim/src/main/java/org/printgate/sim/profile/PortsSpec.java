package org.printgate.sim.profile;

/**
 * Where a printer listens. A missing port is {@code base + i} for printer {@code i} of its profile
 * (IPP 8700+i, raw 9100+i, SNMP 16100+i); 0 asks the system for a free port.
 *
 * @param ipp IPP over HTTP, path {@code /ipp/print}
 * @param raw AppSocket / JetDirect raw port
 * @param snmp SNMP agent, UDP
 */
public record PortsSpec(Integer ipp, Integer raw, Integer snmp) {
    public static final PortsSpec DEFAULTS = new PortsSpec(null, null, null);
}
