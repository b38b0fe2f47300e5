package org.printgate.probe;

import com.hp.jipp.model.PrinterStateReason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Reads a printer's condition over SNMPv2c (docs/ticket-protocol.md §5, §5.1): one GET of
 * {@code hrPrinterStatus}, {@code hrPrinterDetectedErrorState} (RFC 2790) and
 * {@code prtMarkerLifeCount} (RFC 3805), turned into {@code printer-state-reasons}.
 * <p>
 * All printers share one {@link Snmp} session and its one UDP socket; requests are sent
 * asynchronously, so a printer that does not answer holds no thread. A check gives up after
 * the timeout (split over one retransmission, as UDP may lose a datagram).
 */
public final class SnmpPrinterProbe implements AutoCloseable {
    // Instances of device 1 (hrDeviceIndex) and marker 1 (prtMarkerIndex), as printers number them.
    private static final OID hrPrinterStatus = new OID("1.3.6.1.2.1.25.3.5.1.1.1");
    private static final OID hrPrinterDetectedErrorState = new OID("1.3.6.1.2.1.25.3.5.1.2.1");
    private static final OID prtMarkerLifeCount = new OID("1.3.6.1.2.1.43.10.2.1.4.1.1");

    /** RFC 4088 snmp: URIs default to UDP 161; v1/v2c agents to the community "public". */
    private static final int DEFAULT_PORT = 161;
    private static final String DEFAULT_COMMUNITY = "public";

    /**
     * hrPrinterDetectedErrorState bit n → reason (§5.1). Bit 0 is the most significant bit of
     * the first octet (RFC 2790, hrPrinterDetectedErrorState).
     */
    private static final String[] ERROR_STATE_REASONS = {
        PrinterStateReason.mediaLow + PrinterStateReasons.WARNING,                // 0 lowPaper
        PrinterStateReason.mediaEmpty + PrinterStateReasons.ERROR,                // 1 noPaper
        PrinterStateReason.tonerLow + PrinterStateReasons.WARNING,                // 2 lowToner
        PrinterStateReason.tonerEmpty + PrinterStateReasons.ERROR,                // 3 noToner
        PrinterStateReason.coverOpen + PrinterStateReasons.ERROR,                 // 4 doorOpen
        PrinterStateReason.mediaJam + PrinterStateReasons.ERROR,                  // 5 jammed
        PrinterStateReasons.OFFLINE + PrinterStateReasons.ERROR,                  // 6 offline
        PrinterStateReason.other + PrinterStateReasons.WARNING,                   // 7 serviceRequested
        PrinterStateReason.inputTrayMissing + PrinterStateReasons.ERROR,          // 8 inputTrayMissing
        PrinterStateReason.outputTrayMissing + PrinterStateReasons.ERROR,         // 9 outputTrayMissing
        PrinterStateReason.markerSupplyMissing + PrinterStateReasons.ERROR,       // 10 markerSupplyMissing
        PrinterStateReason.outputAreaAlmostFull + PrinterStateReasons.WARNING,    // 11 outputNearFull
        PrinterStateReason.outputAreaFull + PrinterStateReasons.ERROR,            // 12 outputFull
        PrinterStateReason.mediaEmpty + PrinterStateReasons.WARNING,              // 13 inputTrayEmpty
        PrinterStateReason.other + PrinterStateReasons.WARNING,                   // 14 overduePreventMaint
    };

    private final Snmp snmp;
    private final Duration timeout;
    private final Executor blockingWork;

    /**
     * Opens the shared SNMP session (one UDP socket on an ephemeral port).
     *
     * @param timeout how long one read waits for its answer
     * @param blockingWork where host names are resolved, so that a slow DNS holds no caller
     */
    public SnmpPrinterProbe(Duration timeout, Executor blockingWork) throws IOException {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.blockingWork = Objects.requireNonNull(blockingWork, "blockingWork");
        this.snmp = new Snmp(new DefaultUdpTransportMapping());
        snmp.listen();
    }

    /**
     * Reads the printer at {@code snmpUri} ({@code snmp://community@host:port}). The future fails
     * with {@link NoAnswerException} when nothing answers in time, with another
     * {@link IOException} when the agent answers without a printer's status.
     */
    public CompletableFuture<ProbeReading> read(URI snmpUri) {
        CompletableFuture<ProbeReading> result = new CompletableFuture<>();
        String host = snmpUri.getHost();
        int port = snmpUri.getPort() == -1 ? DEFAULT_PORT : snmpUri.getPort();
        String address = host + ":" + port;
        if (host == null) {
            result.completeExceptionally(new IOException("no host in " + snmpUri));
            return result;
        }
        String community = snmpUri.getUserInfo() == null || snmpUri.getUserInfo().isEmpty()
                ? DEFAULT_COMMUNITY : snmpUri.getUserInfo();
        // snmp4j's own timer should answer first; this catches a slow resolver as well.
        CompletableFuture.delayedExecutor(timeout.toMillis() + 500, TimeUnit.MILLISECONDS)
                .execute(() -> result.completeExceptionally(new NoAnswerException(address, null)));
        try {
            blockingWork.execute(() -> send(host, port, community, address, result));
        } catch (RuntimeException e) {
            result.completeExceptionally(new IOException("SNMP probe closed", e));
        }
        return result;
    }

    private void send(String host, int port, String community, String address, CompletableFuture<ProbeReading> result) {
        if (result.isDone()) {
            return;
        }
        PDU request = new PDU();
        request.setType(PDU.GET);
        for (OID oid : List.of(hrPrinterStatus, hrPrinterDetectedErrorState, prtMarkerLifeCount)) {
            request.add(new VariableBinding(new OID(oid)));
        }
        ResponseListener listener = new ResponseListener() {
            @Override
            public <A extends Address> void onResponse(ResponseEvent<A> event) {
                // snmp4j keeps an asynchronous request until it is canceled.
                snmp.cancel(event.getRequest(), this);
                try {
                    result.complete(decode(event, address));
                } catch (IOException e) {
                    result.completeExceptionally(e);
                }
            }
        };
        try {
            CommunityTarget<UdpAddress> target = new CommunityTarget<>(
                    new UdpAddress(InetAddress.getByName(host), port), new OctetString(community));
            target.setVersion(SnmpConstants.version2c);
            target.setRetries(1);
            target.setTimeout(Math.max(1, timeout.toMillis() / 2));
            snmp.send(request, target, null, listener);
            result.whenComplete((reading, failure) -> snmp.cancel(request, listener));
        } catch (IOException e) {
            result.completeExceptionally(new NoAnswerException(address, e));
        }
    }

    private static ProbeReading decode(ResponseEvent<?> event, String address) throws IOException {
        PDU response = event.getResponse();
        if (event.getError() != null || response == null) {
            throw new NoAnswerException(address, event.getError());
        }
        if (response.getErrorStatus() != PDU.noError) {
            throw new IOException("SNMP " + response.getErrorStatusText() + " from " + address);
        }
        Variable status = value(response, hrPrinterStatus);
        Variable errorState = value(response, hrPrinterDetectedErrorState);
        Variable lifeCount = value(response, prtMarkerLifeCount);
        // An agent without the hrPrinterTable is no printer we can watch: that is no answer about it.
        if (status == null && errorState == null) {
            throw new IOException("No printer status (RFC 2790 hrPrinterTable) at " + address);
        }
        // hrPrinterStatus other/unknown/idle/printing/warmup adds no reason (§5.1): the printer answers.
        List<String> reasons = errorState instanceof OctetString octets ? reasonsOf(octets.getValue()) : List.of();
        return new ProbeReading(reasons, "", pageCount(lifeCount), List.of(), List.of());
    }

    /** The reasons hrPrinterDetectedErrorState's bits stand for; octets beyond the known bits are ignored. */
    static List<String> reasonsOf(byte[] octets) {
        List<String> reasons = new ArrayList<>();
        for (int bit = 0; bit < ERROR_STATE_REASONS.length && bit / 8 < octets.length; bit++) {
            if ((octets[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                reasons.add(ERROR_STATE_REASONS[bit]);
            }
        }
        return reasons;
    }

    private static long pageCount(Variable lifeCount) {
        if (lifeCount == null) {
            return -1;
        }
        try {
            return lifeCount.toLong();
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }

    private static Variable value(PDU response, OID oid) {
        for (VariableBinding binding : response.getVariableBindings()) {
            if (binding.getOid().equals(oid) && !binding.isException()) {
                return binding.getVariable();
            }
        }
        return null;
    }

    /** Closes the shared session; reads still waiting fail at their deadline. */
    @Override
    public void close() throws IOException {
        snmp.close();
    }
}
