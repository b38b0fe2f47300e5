package org.printgate.engine.console;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.printgate.engine.ticket.QueueEdit;

/**
 * The console's printer form (add a printer, edit one), as typed. Only the reading of text is
 * done here; whether the values make a queue is {@link QueueEdit}'s to say, as it says for
 * Create-Printer and Set-Printer-Attributes.
 *
 * @param name the new printer's name (the add form only)
 * @param deviceUri required: ipp://, ipps:// or socket://
 * @param snmpUri empty: no SNMP
 * @param maxJobs empty: the default for a new printer, unchanged for an edit
 * @param maxKOctets empty or 0: no limit
 * @param allowedUsers one entry a line, or comma separated
 */
record PrinterForm(String name, String deviceUri, String snmpUri, String maxJobs, String maxKOctets, String allowedUsers,
                   String location) {
    static PrinterForm of(ConsoleRequest request) throws IOException {
        return new PrinterForm(request.field("name").strip(), request.field("device-uri").strip(),
                request.field("snmp-uri").strip(), request.field("max-jobs").strip(), request.field("max-k-octets").strip(),
                request.field("allowed-users"), request.field("location").strip());
    }

    /** The change the form asks for; an {@link IllegalArgumentException} says which field is not readable. */
    QueueEdit edit() {
        if (deviceUri.isEmpty()) {
            // Over IPP an absent device keeps the queue's; in a form an emptied field is a mistake.
            throw new IllegalArgumentException("the device URI is empty: give ipp://, ipps:// or socket://host:port");
        }
        return new QueueEdit(uri("device URI", deviceUri), snmpUri.isEmpty() ? Optional.empty() : Optional.of(uri("SNMP URI", snmpUri)),
                maxJobs.isEmpty() ? null : (int) number("max jobs at once", maxJobs),
                maxKOctets.isEmpty() ? 0L : number("max kOctets", maxKOctets),
                users(allowedUsers), location);
    }

    /** What the audit log keeps of the change (not the SNMP URI: it holds the community, and auditors read the log). */
    String summary() {
        return "device " + deviceUri + ", SNMP " + (snmpUri.isEmpty() ? "none" : "set") + ", max jobs "
                + (maxJobs.isEmpty() ? "default" : maxJobs) + ", max kOctets " + (maxKOctets.isEmpty() ? "0" : maxKOctets)
                + ", allowed " + String.join(" ", users(allowedUsers)) + ", location " + location;
    }

    /** One entry a line, or comma separated; blanks dropped. */
    static List<String> users(String text) {
        return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static URI uri(String what, String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the " + what + " is not a URI: " + text);
        }
    }

    private static long number(String what, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number up to " + Integer.MAX_VALUE + ", not \"" + text + "\"");
        }
    }
}
