package org.printgate.sim.profile;

import java.util.List;

/**
 * One simulated printer as declared in a profile. Settings are named after the IPP attribute
 * they set, where one exists (PWG 5100.14 IPP Everywhere, RFC 8011); the rest describe the
 * hardware. See {@code demo-profile.yaml} for every setting with a comment.
 */
public record PrinterSpec(
        String printerName,
        String printerMakeAndModel,
        String printerInfo,
        String printerLocation,
        List<String> documentFormatSupported,
        int pagesPerMinute,
        boolean colorSupported,
        List<String> sidesSupported,
        List<String> mediaSupported,
        String mediaDefault,
        List<Integer> printerResolutionSupported,
        String printerFirmwareName,
        String printerFirmwareStringVersion,
        long memoryBytes,
        List<TraySpec> trays,
        List<SupplySpec> supplies,
        List<FaultSpec> faults,
        PortsSpec ports,
        List<String> operationsNotSupported) {

    public PrinterSpec {
        documentFormatSupported = List.copyOf(documentFormatSupported);
        sidesSupported = sidesSupported == null ? List.of("one-sided") : List.copyOf(sidesSupported);
        mediaSupported = List.copyOf(mediaSupported);
        printerResolutionSupported = printerResolutionSupported == null ? List.of(300) : List.copyOf(printerResolutionSupported);
        trays = trays == null ? List.of() : List.copyOf(trays);
        supplies = supplies == null ? List.of() : List.copyOf(supplies);
        faults = faults == null ? List.of() : List.copyOf(faults);
        ports = ports == null ? PortsSpec.DEFAULTS : ports;
        operationsNotSupported = operationsNotSupported == null ? List.of() : List.copyOf(operationsNotSupported);
        if (pagesPerMinute <= 0) {
            throw new IllegalArgumentException(printerName + ": pages-per-minute must be positive");
        }
        if (memoryBytes <= 0) {
            throw new IllegalArgumentException(printerName + ": memory-bytes must be positive");
        }
    }

    /** The same printer on other ports. */
    public PrinterSpec withPorts(PortsSpec newPorts) {
        return new PrinterSpec(printerName, printerMakeAndModel, printerInfo, printerLocation, documentFormatSupported,
                pagesPerMinute, colorSupported, sidesSupported, mediaSupported, mediaDefault, printerResolutionSupported,
                printerFirmwareName, printerFirmwareStringVersion, memoryBytes, trays, supplies, faults, newPorts,
                operationsNotSupported);
    }

    /** The same printer refusing these IPP operations (keywords such as {@code create-job}). */
    public PrinterSpec withOperationsNotSupported(List<String> operations) {
        return new PrinterSpec(printerName, printerMakeAndModel, printerInfo, printerLocation, documentFormatSupported,
                pagesPerMinute, colorSupported, sidesSupported, mediaSupported, mediaDefault, printerResolutionSupported,
                printerFirmwareName, printerFirmwareStringVersion, memoryBytes, trays, supplies, faults, ports, operations);
    }

    /** The same printer at another speed. */
    public PrinterSpec withPagesPerMinute(int newPagesPerMinute) {
        return new PrinterSpec(printerName, printerMakeAndModel, printerInfo, printerLocation, documentFormatSupported,
                newPagesPerMinute, colorSupported, sidesSupported, mediaSupported, mediaDefault, printerResolutionSupported,
                printerFirmwareName, printerFirmwareStringVersion, memoryBytes, trays, supplies, faults, ports,
                operationsNotSupported);
    }
}
