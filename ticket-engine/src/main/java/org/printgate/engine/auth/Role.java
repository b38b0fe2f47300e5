package org.printgate.engine.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** What a credential may do (docs/ticket-protocol.md §2.3). */
public enum Role {
    /** A workstation's spooler: tickets for the identities it may act for; its own jobs. */
    SPOOLER,
    /** A person or tool with one identity: as a spooler. */
    USER,
    /** Everything, on every queue and job. */
    OPERATOR;

    @JsonCreator
    public static Role fromKeyword(String keyword) {
        return valueOf(keyword.trim().toUpperCase(Locale.ROOT));
    }
}
