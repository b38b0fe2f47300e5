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
        List<String> operationsNotSupported,
        String printerUuid,
        java.net.URI engineUri,
        String deviceToken) {

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
        if (printerUuid != null) {
            uuidOf(printerName, printerUuid);
        }
        // A managed printer (docs/firmware.md §1) names its queue on the engine and the token it reports with.
        if ((engineUri == null) != (deviceToken == null || deviceToken.isBlank())) {
            throw new IllegalArgumentException(printerName + ": engine-uri and device-token go together");
        }
        if (engineUri != null && (engineUri.getScheme() == null || !engineUri.getScheme().matches("(?i)ipps?")
                || engineUri.getPath() == null || !engineUri.getPath().startsWith("/ipp/print/"))) {
            throw new IllegalArgumentException(printerName + ": engine-uri must be the queue's ipp(s)://HOST:PORT/ipp/print/NAME, not "
                    + engineUri);
        }
    }

    /**
     * printer-uuid: the profile's, else one derived from the printer's name, so it stays the same
     * across restarts (RFC 8011 §5.4.38; a managed printer's output-device-uuid, docs/firmware.md §1).
     */
    public java.util.UUID uuid() {
        return printerUuid != null ? uuidOf(printerName, printerUuid)
                : java.util.UUID.nameUUIDFromBytes(("printgate-sim:" + printerName).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Is it managed by an engine: does it report its firmware and state there? */
    public boolean managed() {
        return engineUri != null;
    }

    private static java.util.UUID uuidOf(String printerName, String text) {
        String value = text.strip();
        if (value.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            value = value.substring(9);
        }
        try {
            return java.util.UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(printerName + ": printer-uuid must be urn:uuid:… or a UUID, not " + text);
        }
    }

    /** The same printer on other ports. */
    public PrinterSpec withPorts(PortsSpec newPorts) {
        return new PrinterSpec(printerName, printerMakeAndModel, printerInfo, printerLocation, documentFormatSupported,
                pagesPerMinute, colorSupported, sidesSupported, mediaSupported, mediaDefault, printerResolutionSupported,
                printerFirmwareName, printerFirmwareStringVersion, memoryBytes, trays, supplies, faults, newPorts,
                operationsNotSupported, printerUuid, engineUri, deviceToken);
    }

    /** The same printer refusing these IPP operations (keywords such as {@code create-job}). */
    public PrinterSpec withOperationsNotSupported(List<String> operations) {
        return new PrinterSpec(printerName, printerMakeAndModel, printerInfo, printerLocation, documentFormatSupported,
                pagesPerMinute, colorSupported, sidesSupported, mediaSupported, mediaDefault, printerResolutionSupported,
                printerFirmwareName, printerFirmwareStringVersion, memoryBytes, trays, supplies, faults, ports, operations,
                printerUuid, engineUri, deviceToken);
    }

    /** The same printer at another speed. */
    public PrinterSpec withPagesPerMinute(int newPagesPerMinute) {
        return new PrinterSpec(printerName, printerMakeAndModel, printerInfo, printerLocation, documentFormatSupported,
                newPagesPerMinute, colorSupported, sidesSupported, mediaSupported, mediaDefault, printerResolutionSupported,
                printerFirmwareName, printerFirmwareStringVersion, memoryBytes, trays, supplies, faults, ports,
                operationsNotSupported, printerUuid, engineUri, deviceToken);
    }
}
