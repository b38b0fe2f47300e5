package org.printgate.sim.ipp;

/**
 * printer-firmware-version (PWG 5100.13 §6.6.13, octetString(MAX)) from a dotted string version:
 * one octet per component, {@code 3.2.0} as {@code 03 02 00} (docs/firmware.md §3.1, §4). A
 * component's leading digits are its number ("0-beta" is 0); past 255 it is 255, the most one octet holds.
 */
final class FirmwareOctets {
    private FirmwareOctets() {}

    static byte[] of(String stringVersion) {
        if (stringVersion == null || stringVersion.isBlank()) {
            return new byte[0];
        }
        String[] components = stringVersion.strip().split("\\.", -1);
        byte[] octets = new byte[components.length];
        for (int i = 0; i < components.length; i++) {
            int value = 0;
            String component = components[i];
            for (int c = 0; c < component.length() && Character.isDigit(component.charAt(c)) && value <= 255; c++) {
                value = value * 10 + Character.digit(component.charAt(c), 10);
            }
            octets[i] = (byte) Math.min(value, 255);
        }
        return octets;
    }
}
