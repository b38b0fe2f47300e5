package org.printgate.engine.store;

import java.util.Locale;
import org.printgate.engine.ticket.Ticket;

/**
 * What the accounting totals are kept by (issue 17): the job's identity ({@code user@domain}),
 * its domain, and the queue it ended on. Each has a one-letter code that leads the rollup keys.
 */
public enum AccountingDimension {
    USER("u"),
    DOMAIN("d"),
    PRINTER("p");

    private final String code;

    AccountingDimension(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    /** The key a ticket's totals are kept under in this dimension. */
    public String keyOf(Ticket ticket) {
        return switch (this) {
            case USER -> ticket.user();
            case DOMAIN -> domainOf(ticket.user());
            case PRINTER -> ticket.queue();
        };
    }

    /** The part after the last {@code @}, lower case (domains have no case); "" for a bare name. */
    static String domainOf(String identity) {
        int at = identity.lastIndexOf('@');
        return at < 0 ? "" : identity.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
