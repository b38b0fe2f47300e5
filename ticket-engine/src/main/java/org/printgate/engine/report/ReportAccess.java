package org.printgate.engine.report;

import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.auth.Role;

/**
 * Who may read accounting reports and exports: operators, and auditors (who read and change
 * nothing). The one place this is decided, for the HTTP route and any page that shows reports.
 */
public final class ReportAccess {
    private final Authenticator authenticator;

    public ReportAccess(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** Is {@code credential} allowed to read who printed what? */
    public static boolean mayRead(Credential credential) {
        return credential.role() == Role.OPERATOR || credential.role() == Role.AUDITOR;
    }

    /**
     * The credential behind an Authorization header value, if it may read reports.
     *
     * @throws org.printgate.ipp.Unauthenticated no or wrong credentials (HTTP 401)
     * @throws Forbidden credentials that may not read reports (HTTP 403)
     */
    public Credential check(String authorization) {
        Credential credential = authenticator.authenticate(authorization);
        if (!mayRead(credential)) {
            throw new Forbidden(credential.name() + " may not read accounting reports (operators and auditors may)");
        }
        return credential;
    }

    /** Known credentials without the right to read reports. */
    public static final class Forbidden extends RuntimeException {
        public Forbidden(String message) {
            super(message);
        }
    }
}
