package org.printgate.engine.ticket;

import com.hp.jipp.model.Status;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.printgate.ipp.IppException;

/**
 * An operator's change to a queue's configuration, as Create-Printer and Set-Printer-Attributes
 * (docs/ticket-protocol.md §6.11) and the console's printer forms ask for it. The one place these
 * values are checked, so that IPP and the console cannot disagree; a refusal is an
 * {@link IppException} with the status IPP answers and a reason an operator can act on.
 * <p>
 * A field left null keeps the queue's value (or, for a new queue, takes the default).
 *
 * @param deviceUri ipp://, ipps:// or socket://host...; required for a new queue
 * @param snmpUri {@code Optional.empty()} for no SNMP (snmp://community@host:port otherwise)
 * @param maxJobs concurrent go-aheads, {@value #MIN_JOBS} to {@value #MAX_JOBS}
 * @param maxKOctets KiB in flight, 0 for no limit
 * @param allowedUsers access list: user@domain, *@domain or *; at least one
 * @param location printer-location, may be empty
 */
public record QueueEdit(URI deviceUri, Optional<URI> snmpUri, Integer maxJobs, Long maxKOctets,
                        List<String> allowedUsers, String location) {
    public static final int MIN_JOBS = 1;
    /** More concurrent go-aheads than any printer takes: a typo, not a capacity. */
    public static final int MAX_JOBS = 1000;
    /** printer-location is text(127) (RFC 8011 §5.4.4). */
    public static final int MAX_LOCATION = 127;
    /** The mechanisms clients know (§3.2): the scheme is the mechanism. */
    public static final List<String> DEVICE_SCHEMES = List.of("ipp", "ipps", "socket");
    /** *, *@domain or user@domain: what {@link QueueConfig#allows} can match. */
    private static final Pattern ALLOWED = Pattern.compile("\\*|[^@\\s,]+@[^@\\s,]+");

    /** Create-Printer: no queue may have the name already (client-error-not-possible). */
    public static void requireNewName(TicketBook book, String name) {
        if (book.queue(name).isPresent()) {
            throw new IppException(Status.clientErrorNotPossible, "a printer named " + name + " exists already");
        }
    }

    /** A new queue named {@code name}, accepting jobs and not paused; defaults for what the edit leaves out. */
    public QueueConfig newQueue(String name) {
        return build(name, null);
    }

    /** {@code base} with this edit applied; its accepting and paused states are kept. */
    public QueueConfig applyTo(QueueConfig base) {
        return build(base.name(), base);
    }

    private QueueConfig build(String name, QueueConfig base) {
        // Is there a device, and one clients can reach by a mechanism they know?
        URI device = deviceUri != null ? deviceUri : base == null ? null : base.deviceUri();
        if (device == null) {
            throw new IppException(Status.clientErrorBadRequest, "a device URI is needed (ipp://, ipps:// or socket://)");
        }
        String scheme = device.getScheme() == null ? "" : device.getScheme().toLowerCase(Locale.ROOT);
        if (!DEVICE_SCHEMES.contains(scheme)) {
            throw unsupported("the device URI must start with ipp://, ipps:// or socket://, not " + device);
        }
        if (device.getHost() == null) {
            throw unsupported("the device URI names no host: " + device);
        }
        // Is the SNMP address one the watch can read?
        URI snmp = snmpUri != null ? snmpUri.orElse(null) : base == null ? null : base.snmpUri();
        if (snmp != null && (!"snmp".equalsIgnoreCase(snmp.getScheme()) || snmp.getHost() == null)) {
            throw unsupported("the SNMP URI must look like snmp://community@host:161, not " + snmp);
        }
        // Is the capacity one a printer can have?
        int jobs = maxJobs != null ? maxJobs : base != null ? base.maxJobs() : scheme.equals("socket") ? 1 : 2;
        if (jobs < MIN_JOBS || jobs > MAX_JOBS) {
            throw unsupported("max jobs at once must be from " + MIN_JOBS + " to " + MAX_JOBS + ", not " + jobs);
        }
        long kOctets = maxKOctets != null ? maxKOctets : base == null ? 0L : base.maxKOctets();
        if (kOctets < 0) {
            throw unsupported("max kOctets must be 0 (no limit) or more, not " + kOctets);
        }
        // Does every entry of the access list mean someone? An empty list would silently mean everyone.
        List<String> allowed = allowedUsers != null ? allowedUsers : base == null ? List.of("*") : base.allowedUsers();
        if (allowed.isEmpty()) {
            throw unsupported("the allowed users list is empty: give at least one, or * for everyone");
        }
        for (String entry : allowed) {
            if (!ALLOWED.matcher(entry).matches()) {
                throw unsupported("an allowed user is user@domain, *@domain or *, not \"" + entry + "\"");
            }
        }
        String where = location != null ? location : base == null ? "" : base.location();
        if (where.length() > MAX_LOCATION) {
            throw unsupported("the location is longer than " + MAX_LOCATION + " characters");
        }
        if (!QueueConfig.NAME.matcher(name).matches()) {
            throw unsupported("a printer name is 1 to 127 letters, digits, '.', '_' or '-', starting with a letter or digit, not \""
                    + name + "\"");
        }
        return new QueueConfig(name, device, snmp, jobs, kOctets, allowed, where,
                base == null || base.acceptingJobs(), base != null && base.paused());
    }

    private static IppException unsupported(String reason) {
        return new IppException(Status.clientErrorAttributesOrValuesNotSupported, reason);
    }
}
