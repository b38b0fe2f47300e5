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
 */
public record Credential(String name, Role role, List<String> identities, int maxLiveJobs) {
    /** The live-job limit when the configuration gives none (docs/ticket-protocol.md §2.6). */
    public static final int DEFAULT_MAX_LIVE_JOBS = 10_000;

    public Credential {
        identities = List.copyOf(identities);
        if (maxLiveJobs < 1) {
            throw new IllegalArgumentException(name + ": max-live-jobs must be at least 1");
        }
    }

    /** A credential with the default live-job limit. */
    public Credential(String name, Role role, List<String> identities) {
        this(name, role, identities, DEFAULT_MAX_LIVE_JOBS);
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
