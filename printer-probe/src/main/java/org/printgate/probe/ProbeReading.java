package org.printgate.probe;

import java.util.List;

/**
 * What one probe (SNMP or IPP) read from a printer in one check, before the watch merges the
 * sources into a {@link PrinterStatus} (docs/ticket-protocol.md §5.1).
 *
 * @param reasons {@code printer-state-reasons} with severity suffixes, each keyword once, {@code none} dropped
 * @param deviceMessage the printer's own {@code printer-state-message}, or "" (SNMP has none)
 * @param pageCount page counter, -1 if the printer did not say
 * @param supplies marker supplies, empty if the printer did not say
 * @param trays input trays, empty if the printer did not say
 * @param capabilities the device's capability attributes (IPP only; empty from SNMP), see
 *                     the engine's DeviceCapabilities
 * @param firmware the printer's firmware (IPP only), {@link Firmware#UNKNOWN} if it did not say
 */
public record ProbeReading(List<String> reasons, String deviceMessage, long pageCount,
                           List<PrinterStatus.Supply> supplies, List<PrinterStatus.InputTray> trays,
                           List<com.hp.jipp.encoding.Attribute<?>> capabilities, Firmware firmware) {
    public ProbeReading {
        reasons = PrinterStateReasons.merge(List.of(reasons));
        deviceMessage = deviceMessage == null ? "" : deviceMessage;
        supplies = List.copyOf(supplies);
        trays = List.copyOf(trays);
        capabilities = List.copyOf(capabilities);
        firmware = firmware == null ? Firmware.UNKNOWN : firmware;
    }

    /** A reading that does not say which firmware the printer runs. */
    public ProbeReading(List<String> reasons, String deviceMessage, long pageCount,
                        List<PrinterStatus.Supply> supplies, List<PrinterStatus.InputTray> trays,
                        List<com.hp.jipp.encoding.Attribute<?>> capabilities) {
        this(reasons, deviceMessage, pageCount, supplies, trays, capabilities, Firmware.UNKNOWN);
    }

    /** A reading without capabilities (SNMP). */
    public ProbeReading(List<String> reasons, String deviceMessage, long pageCount,
                        List<PrinterStatus.Supply> supplies, List<PrinterStatus.InputTray> trays) {
        this(reasons, deviceMessage, pageCount, supplies, trays, List.of());
    }
}
