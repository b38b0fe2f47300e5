package org.printgate.engine.watch;

import com.hp.jipp.encoding.AttributeType;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.KeyValues;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Types;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.printgate.engine.device.DeviceCapabilities;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.IppClient;
import org.printgate.probe.Firmware;
import org.printgate.probe.NoAnswerException;
import org.printgate.probe.PrinterStatus;
import org.printgate.probe.ProbeReading;

/**
 * Reads a printer's condition with IPP Get-Printer-Attributes (docs/ticket-protocol.md §5, §5.1;
 * RFC 8011 §4.2.5): {@code printer-state-reasons} as reported, unsuffixed keywords stored as
 * {@code -error}, with the message, page counter, supplies and trays when the printer gives them,
 * its firmware (shown to operators), and its capability attributes (§6.10), which the engine passes
 * on to the queue's clients.
 * <p>
 * {@link IppClient} blocks, so each read runs on the given pool and is interrupted when its
 * deadline passes: a hung printer holds one pool thread for at most the timeout.
 */
public final class IppPrinterProbe {
    private static final List<AttributeType<?>> REQUESTED = List.of(Types.printerState, Types.printerStateReasons,
            Types.printerStateMessage, Types.printerImpressionsCompleted, ExtraTypes.markerNames,
            ExtraTypes.markerLevels, Types.printerInputTray, Types.printerFirmwareName, Types.printerFirmwareStringVersion);

    private final IppClient client;
    private final Duration timeout;
    private final ExecutorService blockingWork;
    private final AtomicInteger requestIds = new AtomicInteger();

    /**
     * @param timeout how long one read waits for the connection and the answer
     * @param blockingWork where the blocking IPP exchanges run; owned by the caller
     */
    public IppPrinterProbe(Duration timeout, ExecutorService blockingWork) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.blockingWork = Objects.requireNonNull(blockingWork, "blockingWork");
        this.client = new IppClient(timeout, timeout);
    }

    /**
     * Reads the printer at {@code deviceUri} (ipp:// or ipps://). The future fails with
     * {@link NoAnswerException} when the printer refuses or does not answer in time, with another
     * {@link IOException} when it answers with an error.
     */
    public CompletableFuture<ProbeReading> read(URI deviceUri) {
        CompletableFuture<ProbeReading> result = new CompletableFuture<>();
        String address = deviceUri.getHost() + ":" + IppClient.httpUri(deviceUri).getPort();
        Future<?> exchange;
        try {
            exchange = blockingWork.submit(() -> {
                try {
                    result.complete(getPrinterAttributes(deviceUri, address));
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(new IOException("IPP probe closed", e));
            return result;
        }
        // The client's own timeouts cover connecting and the response head; a body that stalls
        // is cut off here, by interrupting the exchange.
        CompletableFuture.delayedExecutor(timeout.toMillis() + 500, TimeUnit.MILLISECONDS)
                .execute(() -> result.completeExceptionally(new NoAnswerException(address, null)));
        result.whenComplete((reading, failure) -> exchange.cancel(true));
        return result;
    }

    private ProbeReading getPrinterAttributes(URI deviceUri, String address) throws IOException {
        // The state, and what the device can do (kept for the queue's clients, §6.10): one exchange.
        List<AttributeType<?>> requested = new ArrayList<>(REQUESTED);
        DeviceCapabilities.NAMES.forEach(name -> requested.add(new com.hp.jipp.encoding.KeywordType(name)));
        IppPacket request = IppPacket.getPrinterAttributes(deviceUri, requested)
                .setRequestId(requestIds.incrementAndGet() & Integer.MAX_VALUE)
                .build();
        IppPacket response;
        try {
            response = client.send(deviceUri, request);
        } catch (SocketException | HttpTimeoutException | ClosedChannelException | EOFException e) {
            // Refused, timed out, or the connection went away: the printer did not answer.
            throw new NoAnswerException(address, e);
        }
        // Did the printer answer with its attributes? Successful status codes are 0x0000-0x00FF.
        if (response.getStatus().getCode() > 0xFF) {
            throw new IOException("Get-Printer-Attributes: " + response.getStatus().getName() + " from " + deviceUri);
        }
        List<String> reasons = response.getStrings(Tag.printerAttributes, Types.printerStateReasons);
        String message = response.getString(Tag.printerAttributes, Types.printerStateMessage);
        Integer impressions = response.getValue(Tag.printerAttributes, Types.printerImpressionsCompleted);
        return new ProbeReading(reasons, message, impressions == null ? -1 : impressions,
                supplies(response), trays(response), DeviceCapabilities.fromDevice(response.get(Tag.printerAttributes)),
                firmware(response));
    }

    /** printer-firmware-name and printer-firmware-string-version, one value per firmware component. */
    private static Firmware firmware(IppPacket response) {
        return new Firmware(String.join(", ", response.getStrings(Tag.printerAttributes, Types.printerFirmwareName)),
                String.join(", ", response.getStrings(Tag.printerAttributes, Types.printerFirmwareStringVersion)));
    }

    /** CUPS's marker-names and marker-levels, pairwise. */
    private static List<PrinterStatus.Supply> supplies(IppPacket response) {
        List<String> names = response.getStrings(Tag.printerAttributes, ExtraTypes.markerNames);
        List<Integer> levels = response.getValues(Tag.printerAttributes, ExtraTypes.markerLevels);
        List<PrinterStatus.Supply> supplies = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            supplies.add(new PrinterStatus.Supply(names.get(i), i < levels.size() ? levels.get(i) : -2));
        }
        return supplies;
    }

    /** PWG 5100.13 printer-input-tray: "name=…;level=…;maxcapacity=…" per tray. */
    private static List<PrinterStatus.InputTray> trays(IppPacket response) {
        List<PrinterStatus.InputTray> trays = new ArrayList<>();
        for (KeyValues tray : response.getValues(Tag.printerAttributes, Types.printerInputTray)) {
            String name = tray.get("name");
            trays.add(new PrinterStatus.InputTray(name == null ? "tray " + (trays.size() + 1) : name,
                    number(tray.get("level")), number(tray.get("maxcapacity"))));
        }
        return trays;
    }

    private static int number(String value) {
        try {
            return value == null ? -2 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -2;
        }
    }
}
