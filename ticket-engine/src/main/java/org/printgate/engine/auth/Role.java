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
    OPERATOR,
    /**
     * Reads the web console (printers, jobs, reports) and changes nothing there. Over IPP it is
     * a plain {@link #USER}: {@link Credential#isOperator()} is false, so it sees and may touch
     * only the jobs of the identities it may act for.
     */
    AUDITOR,
    /**
     * A managed printer (docs/firmware.md §1): bound to one queue and one output-device-uuid, it
     * may only report its own firmware and state there (Update-Output-Device-Attributes);
     * everything else is client-error-forbidden.
     */
    DEVICE;

    @JsonCreator
    public static Role fromKeyword(String keyword) {
        return valueOf(keyword.trim().toUpperCase(Locale.ROOT));
    }
}
