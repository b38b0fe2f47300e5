package org.printgate.engine.auth;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * What a device credential is bound to (docs/firmware.md §1): the one queue it reports for and
 * the {@code output-device-uuid} (its printer's own {@code printer-uuid}) it must name.
 *
 * @param queue the queue's name
 * @param outputDeviceUuid the printer's UUID
 */
public record DeviceBinding(String queue, UUID outputDeviceUuid) {
    public DeviceBinding {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(outputDeviceUuid, "output-device-uuid");
    }

    /** The UUID of a {@code urn:uuid:} URI (RFC 4122 §3), or an IllegalArgumentException that says what was expected. */
    public static UUID parseUuid(String uri) {
        String text = uri == null ? "" : uri.strip();
        if (!text.toLowerCase(Locale.ROOT).startsWith("urn:uuid:")) {
            throw new IllegalArgumentException("output-device-uuid must be a urn:uuid: URI, not \"" + text + "\"");
        }
        try {
            return UUID.fromString(text.substring("urn:uuid:".length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("output-device-uuid " + text + " holds no UUID");
        }
    }

    /** Does {@code uri} (an output-device-uuid as sent) name this device? Case does not matter (RFC 4122 §3). */
    public boolean isNamedBy(URI uri) {
        try {
            return parseUuid(uri.toString()).equals(outputDeviceUuid);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The binding's UUID as a URI, as the device sends it. */
    public URI uuidUri() {
        return URI.create("urn:uuid:" + outputDeviceUuid);
    }
}
