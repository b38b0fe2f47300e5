package org.printgate.engine.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * What a managed printer last said of itself in Update-Output-Device-Attributes (docs/firmware.md
 * §3.1): its firmware components (PWG 5100.13 {@code printer-firmware-*}, the same count in each
 * list), model and state. Each part keeps its last reported value; empty lists, empty text and
 * state 0 mean "never reported".
 *
 * @param outputDevice the {@code output-device-uuid} it reported as
 * @param firmwareVersions {@code printer-firmware-version}: one octet per dotted component
 * @param printerState RFC 8011 printer-state (3 idle, 4 processing, 5 stopped), 0 when not reported
 * @param reportedMillis when the last report came (the engine's clock)
 */
public record DeviceReport(UUID outputDevice, List<String> firmwareNames, List<String> firmwareStringVersions,
                           List<byte[]> firmwareVersions, List<String> firmwarePatches, String makeAndModel,
                           int printerState, List<String> stateReasons, String stateMessage, long reportedMillis) {
    private static final int FORMAT = 1;

    public DeviceReport {
        firmwareNames = List.copyOf(firmwareNames);
        firmwareStringVersions = List.copyOf(firmwareStringVersions);
        firmwareVersions = firmwareVersions.stream().map(byte[]::clone).toList();
        firmwarePatches = List.copyOf(firmwarePatches);
        stateReasons = List.copyOf(stateReasons);
    }

    /** A device that has said nothing yet. */
    public static DeviceReport nothingFrom(UUID outputDevice) {
        return new DeviceReport(outputDevice, List.of(), List.of(), List.of(), List.of(), "", 0, List.of(), "", 0);
    }

    public boolean hasFirmware() {
        return !firmwareNames.isEmpty();
    }

    /** "ColorJet Firmware 3.1.4", components joined by ", " (as the watch shows what it reads). */
    public String firmwareName() {
        return String.join(", ", firmwareNames);
    }

    public String firmwareVersion() {
        return String.join(", ", firmwareStringVersions);
    }

    /** The octets of each component in hex, for logs. */
    public String firmwareOctets() {
        return String.join(", ", firmwareVersions.stream().map(HexFormat.of()::formatHex).toList());
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(outputDevice.getMostSignificantBits());
            out.writeLong(outputDevice.getLeastSignificantBits());
            writeTexts(out, firmwareNames);
            writeTexts(out, firmwareStringVersions);
            out.writeInt(firmwareVersions.size());
            for (byte[] octets : firmwareVersions) {
                out.writeInt(octets.length);
                out.write(octets);
            }
            writeTexts(out, firmwarePatches);
            out.writeUTF(makeAndModel);
            out.writeInt(printerState);
            writeTexts(out, stateReasons);
            out.writeUTF(stateMessage);
            out.writeLong(reportedMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A stored report; IllegalArgumentException when the record is not one this engine can read. */
    public static DeviceReport decode(byte[] record) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("device report format " + format + " is unknown");
            }
            UUID uuid = new UUID(in.readLong(), in.readLong());
            List<String> names = readTexts(in);
            List<String> strings = readTexts(in);
            int count = in.readInt();
            List<byte[]> versions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] octets = new byte[in.readInt()];
                in.readFully(octets);
                versions.add(octets);
            }
            List<String> patches = readTexts(in);
            String model = in.readUTF();
            int state = in.readInt();
            List<String> reasons = readTexts(in);
            String message = in.readUTF();
            return new DeviceReport(uuid, names, strings, versions, patches, model, state, reasons, message, in.readLong());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable device report: " + e, e);
        }
    }

    private static void writeTexts(DataOutputStream out, List<String> texts) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            out.writeUTF(text);
        }
    }

    private static List<String> readTexts(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(in.readUTF());
        }
        return texts;
    }
}
