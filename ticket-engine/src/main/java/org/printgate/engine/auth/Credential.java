package org.printgate.engine.auth;

import java.util.List;
import java.util.Locale;

/**
 * Who a request comes from: a named credential with a role and the identities (user@domain
 * patterns) it may act for (docs/ticket-protocol.md §2.3-2.4).
 *
 * @param name the credential's name; it is the holder of the tickets it asks for
 * @param identities user@domain, *@domain or *
 * @param maxLiveJobs how many tickets it may hold that have not ended (§6.3 check 9)
 * @param device for the {@link Role#DEVICE} role, and only for it: its queue and uuid (docs/firmware.md §1)
 */
public record Credential(String name, Role role, List<String> identities, int maxLiveJobs, DeviceBinding device) {
    /** The live-job limit when the configuration gives none (docs/ticket-protocol.md §2.6). */
    public static final int DEFAULT_MAX_LIVE_JOBS = 10_000;

    public Credential {
        identities = List.copyOf(identities);
        if (maxLiveJobs < 1) {
            throw new IllegalArgumentException(name + ": max-live-jobs must be at least 1");
        }
        if ((role == Role.DEVICE) != (device != null)) {
            throw new IllegalArgumentException(name + ": queue and output-device-uuid are given for role device, and only for it");
        }
    }

    /** A credential of a role other than device. */
    public Credential(String name, Role role, List<String> identities, int maxLiveJobs) {
        this(name, role, identities, maxLiveJobs, null);
    }

    /** A credential with the default live-job limit. */
    public Credential(String name, Role role, List<String> identities) {
        this(name, role, identities, DEFAULT_MAX_LIVE_JOBS);
    }

    /** A printer's own credential (docs/firmware.md §1). */
    public boolean isDevice() {
        return role == Role.DEVICE;
    }

    public boolean isOperator() {
        return role == Role.OPERATOR;
    }

    /** May this credential act as {@code user}? */
    public boolean mayActAs(String user) {
        String lower = user.toLowerCase(Locale.ROOT);
        for (String pattern : identities) {
            String p = pattern.toLowerCase(Locale.ROOT);
            if (p.equals("*") || p.equals(lower) || (p.startsWith("*@") && lower.endsWith(p.substring(1)) && lower.indexOf('@') > 0)) {
                return true;
            }
        }
        return false;
    }

    /** The one identity of a credential that has exactly one plain identity, else null. */
    public String soleIdentity() {
        return identities.size() == 1 && !identities.get(0).contains("*") ? identities.get(0) : null;
    }
}
