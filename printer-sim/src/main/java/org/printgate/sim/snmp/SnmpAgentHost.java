package org.printgate.sim.snmp;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.TransportMapping;
import org.snmp4j.agent.CommandProcessor;
import org.snmp4j.agent.DefaultMOServer;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * The SNMP agents (SNMPv1 and SNMPv2c over UDP, RFC 3416 operations GET, GETNEXT and GETBULK) of
 * many simulated printers in one process, each printer on its own UDP port.
 * <p>
 * snmp4j-agent's {@code BaseAgent} is one agent per process, with its own dispatcher, USM, VACM
 * and community tables, notification and configuration MIBs and worker threads; the simulator
 * runs 500 printers in a 1 GB heap. So one {@link MessageDispatcherImpl} serves every port, and
 * each printer is only a {@link DefaultUdpTransportMapping} (one socket, one listen thread), a
 * {@link DefaultMOServer} holding its live managed objects ({@link PrinterMibObjects}) and a
 * {@link CommandProcessor} with {@link ReadOnlyCommunity} access rules: about 25 KB of heap per
 * printer. The dispatcher hands every request to {@link TransportRouter}, which picks the printer
 * by the transport the request came in on. The command processors have no worker pool: a request
 * is answered on its port's listen thread, so the host uses exactly one thread per printer and
 * answers the requests to one printer one at a time.
 * <p>
 * Values are read from each printer's {@link PrinterMibSource} while a request is processed (on
 * the listen thread), so SNMP always agrees with the printer's state at that moment.
 * <p>
 * Ports: a fixed port is bound with SO_REUSEADDR, and this host refuses to give one port to two of
 * its printers itself, because on Linux SO_REUSEADDR lets a second UDP socket bind the same port
 * silently. Port 0 (the system picks a free port) is bound without SO_REUSEADDR: with it, Linux
 * may hand out an ephemeral port another SO_REUSEADDR socket already holds (about one duplicate
 * per 30 sockets measured over 2000 binds on 127.0.0.1).
 */
public final class SnmpAgentHost implements AutoCloseable {

    /** The read-only community printers answer unless given another. */
    public static final String DEFAULT_COMMUNITY = "public";

    private static final Logger log = LoggerFactory.getLogger(SnmpAgentHost.class);

    /**
     * snmp4j-agent checks a request's contextEngineID against its own; v1/v2c requests carry none,
     * so any fixed value does.
     */
    private static final OctetString CONTEXT_ENGINE_ID = new OctetString("printgate-sim");

    /**
     * Largest request accepted and response sent, in octets. snmp4j's default of 65535 costs a
     * 64 KiB receive buffer per port (32 MB for 500 printers); 8 KiB is far above the 484 octets
     * RFC 3417 requires and holds a GET of every object a printer serves. GETBULK answers are cut
     * to fit, as RFC 3416 section 4.2.3 allows.
     */
    static final int MAX_MESSAGE_SIZE = 8 * 1024;

    private final InetAddress bindAddress;
    private final MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
    private final Map<TransportMapping<?>, PrinterAgent> byTransport = new ConcurrentHashMap<>();
    private final Map<String, PrinterAgent> byName = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    /** One printer's agent: its socket and the processor answering on it. */
    private record PrinterAgent(String name, int port, DefaultUdpTransportMapping transport,
                                CommandProcessor processor) {
    }

    /** A host binding its printers' ports on 127.0.0.1. */
    public SnmpAgentHost() {
        this(loopback());
    }

    /** A host binding its printers' ports on {@code bindAddress}. */
    public SnmpAgentHost(InetAddress bindAddress) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addCommandResponder(new TransportRouter());
    }

    /**
     * Starts the agent of printer {@code printerName} on UDP {@code port} with community
     * {@value #DEFAULT_COMMUNITY}.
     *
     * @return the bound port, the one the system picked when {@code port} is 0
     * @throws BindException if the port is in use; the message names the printer and the port
     */
    public int add(String printerName, int port, PrinterMibSource source) throws IOException {
        return add(printerName, port, source, DEFAULT_COMMUNITY);
    }

    /**
     * Starts the agent of printer {@code printerName} on UDP {@code port}, answering SNMPv1 and
     * SNMPv2c requests that carry {@code community} (read-only) and dropping all others.
     *
     * @return the bound port, the one the system picked when {@code port} is 0
     * @throws BindException if the port is in use; the message names the printer and the port
     * @throws IllegalArgumentException if a printer of that name is already served
     */
    public synchronized int add(String printerName, int port, PrinterMibSource source, String community)
            throws IOException {
        Objects.requireNonNull(printerName, "printerName");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(community, "community");
        // Is the host still open? Is the name new? Is the port a port?
        if (closed) {
            throw new IllegalStateException("SNMP agent host is closed");
        }
        if (byName.containsKey(printerName)) {
            throw new IllegalArgumentException("Printer '" + printerName + "' already has an SNMP agent");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("Printer '" + printerName + "': SNMP port " + port + " out of range");
        }
        // Does another printer of this host hold the port? SO_REUSEADDR would not tell us.
        for (PrinterAgent other : byName.values()) {
            if (port != 0 && other.port() == port) {
                throw new BindException(bindFailure(printerName, port, "used by printer '" + other.name() + "'"));
            }
        }

        DefaultMOServer server = new DefaultMOServer();
        PrinterMibObjects.register(server, printerName, source);
        ReadOnlyCommunity access = new ReadOnlyCommunity(printerName, community, CONTEXT_ENGINE_ID);
        CommandProcessor processor = new CommandProcessor(CONTEXT_ENGINE_ID);
        processor.setVacm(access);
        processor.setCoexistenceProvider(access);
        processor.addMOServer(server);

        DefaultUdpTransportMapping transport = bind(printerName, port);
        transport.setMaxInboundMessageSize(MAX_MESSAGE_SIZE);
        PrinterAgent agent = new PrinterAgent(printerName, transport.getListenAddress().getPort(),
                transport, processor);
        byTransport.put(transport, agent);
        dispatcher.addTransportMapping(transport);
        transport.addTransportListener(dispatcher);
        try {
            transport.listen();
        } catch (IOException | RuntimeException e) {
            stop(agent);
            throw e;
        }
        byName.put(printerName, agent);
        log.debug("SNMP agent of printer '{}' listening on {}:{}", printerName, bindAddress.getHostAddress(),
                agent.port());
        return agent.port();
    }

    /** The UDP port printer {@code printerName}'s agent is bound to, if it has one. */
    public synchronized OptionalInt port(String printerName) {
        PrinterAgent agent = byName.get(printerName);
        return agent == null ? OptionalInt.empty() : OptionalInt.of(agent.port());
    }

    /**
     * Stops the agent of printer {@code printerName} and frees its port.
     *
     * @return whether the printer had an agent
     */
    public synchronized boolean remove(String printerName) {
        PrinterAgent agent = byName.remove(printerName);
        if (agent == null) {
            return false;
        }
        stop(agent);
        log.debug("SNMP agent of printer '{}' stopped", printerName);
        return true;
    }

    /** Stops every agent; the host cannot be used afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        for (String printerName : new ArrayList<>(byName.keySet())) {
            remove(printerName);
        }
    }

    /** Binds the printer's socket, naming printer and port when that fails. */
    private DefaultUdpTransportMapping bind(String printerName, int port) throws SocketException {
        try {
            return new DefaultUdpTransportMapping(new UdpAddress(bindAddress, port), port != 0);
        } catch (SocketException e) {
            SocketException named = e instanceof BindException
                    ? new BindException(bindFailure(printerName, port, e.getMessage()))
                    : new SocketException(bindFailure(printerName, port, e.getMessage()));
            named.initCause(e);
            throw named;
        }
    }

    private String bindFailure(String printerName, int port, String reason) {
        return "SNMP agent of printer '" + printerName + "' cannot bind UDP " + bindAddress.getHostAddress()
                + ":" + port + ": " + reason;
    }

    private void stop(PrinterAgent agent) {
        byTransport.remove(agent.transport());
        agent.transport().removeTransportListener(dispatcher);
        dispatcher.removeTransportMapping(agent.transport());
        try {
            agent.transport().close();
        } catch (IOException e) {
            log.warn("Closing the SNMP socket of printer '{}' failed", agent.name(), e);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }

    /**
     * Hands each request to the command processor of the printer whose socket received it. It runs
     * on that socket's listen thread; an exception escaping it would end the thread and leave the
     * printer deaf, so failures are logged and the request is dropped.
     */
    private final class TransportRouter implements CommandResponder {

        @Override
        public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
            PrinterAgent agent = byTransport.get(event.getTransportMapping());
            if (agent == null) {
                return; // removed while the request was in flight
            }
            try {
                agent.processor().processPdu(event);
            } catch (RuntimeException e) {
                log.warn("SNMP request to printer '{}' from {} failed", agent.name(), event.getPeerAddress(), e);
            }
        }
    }
}
