package org.printgate.engine.ticket;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A printer's queue as configured (docs/ticket-protocol.md §3.2, §8.2, §9.2).
 *
 * @param name queue name = printer-name
 * @param deviceUri the printer's own address; its scheme is the mechanism (ipp, ipps, socket)
 * @param snmpUri where the watch reads the Printer MIB, or null
 * @param maxJobs capacity: concurrent grants
 * @param maxKOctets capacity: KiB in flight, 0 for no limit
 * @param allowedUsers access list: user@domain, *@domain or *
 * @param location printer-location
 * @param acceptingJobs printer-is-accepting-jobs: false while an operator has disabled the queue (Disable-Printer)
 * @param paused an operator paused the queue (Pause-Printer): no go-aheads, whatever the printer's state
 */
public record QueueConfig(String name, URI deviceUri, URI snmpUri, int maxJobs, long maxKOctets,
                          List<String> allowedUsers, String location, boolean acceptingJobs, boolean paused) {
    /** A queue name: it is a path segment of the queue's URI and a key in the store. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,126}");

    public QueueConfig {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad queue name: " + name);
        }
        if (maxJobs < 1) {
            throw new IllegalArgumentException(name + ": max-jobs must be at least 1");
        }
        allowedUsers = allowedUsers == null || allowedUsers.isEmpty() ? List.of("*") : List.copyOf(allowedUsers);
        location = location == null ? "" : location;
    }

    /** A queue that accepts new tickets and is not paused. */
    public QueueConfig(String name, URI deviceUri, URI snmpUri, int maxJobs, long maxKOctets,
                       List<String> allowedUsers, String location) {
        this(name, deviceUri, snmpUri, maxJobs, maxKOctets, allowedUsers, location, true, false);
    }

    /** The same queue, accepting new tickets or not (Enable-Printer / Disable-Printer). */
    public QueueConfig withAcceptingJobs(boolean accepting) {
        return new QueueConfig(name, deviceUri, snmpUri, maxJobs, maxKOctets, allowedUsers, location, accepting, paused);
    }

    /** The same queue, paused or not (Pause-Printer / Resume-Printer). */
    public QueueConfig withPaused(boolean pause) {
        return new QueueConfig(name, deviceUri, snmpUri, maxJobs, maxKOctets, allowedUsers, location, acceptingJobs, pause);
    }

    /** Is {@code user} (user@domain) on the access list? Case-insensitive, as domains are. */
    public boolean allows(String user) {
        String lower = user.toLowerCase(java.util.Locale.ROOT);
        for (String pattern : allowedUsers) {
            String p = pattern.toLowerCase(java.util.Locale.ROOT);
            if (p.equals("*") || p.equals(lower) || (p.startsWith("*@") && lower.endsWith(p.substring(1)))) {
                return true;
            }
        }
        return false;
    }
}
