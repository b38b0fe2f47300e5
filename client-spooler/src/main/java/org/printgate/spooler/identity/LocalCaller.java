package org.printgate.spooler.identity;

import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;

/**
 * The local account behind one connection, as the kernel tells it, and what it may do.
 *
 * @param account the account's login name; null when the kernel did not list the connection
 * @param forwarder a trusted account (root, CUPS's lp) printing for the user it names
 * @param operator acts on every job (a member of the operator group)
 */
public record LocalCaller(String account, boolean forwarder, boolean operator) {

    /** A connection no account owns any more, or that the kernel does not list: it may do nothing. */
    static LocalCaller unknown() {
        return new LocalCaller(null, false, false);
    }

    /**
     * The user a request acts for: the account itself, or for a trusted forwarder the user it
     * names in {@code requesting-user-name} (itself when it names none). Anyone else's
     * {@code requesting-user-name} is ignored: the job is the account's, whatever name it sends.
     */
    public String user(IppRequest request) {
        if (account == null) {
            throw new IppException(Status.clientErrorNotAuthorized,
                    "the spooler cannot tell which local account this connection comes from");
        }
        if (!forwarder) {
            return account;
        }
        return request.operationValue(Types.requestingUserName).map(name -> name.getValue())
                .filter(name -> !name.isBlank()).orElse(account);
    }

    /**
     * May this caller manage the local printers (pause, disable, purge; RFC 8011 §4.2.7-§4.2.9)
     * and see every subscription? A member of the operator group, or root acting as itself: root
     * forwarding for a user it names (a CUPS backend) acts as that user, not as an operator.
     */
    public boolean mayAdminister(IppRequest request) {
        return operator || "root".equals(account) && "root".equals(user(request));
    }

    /** May this caller see the details of, and change, a job that {@code owner} printed? */
    public boolean mayTouch(String owner, IppRequest request) {
        return operator || account != null && owner.equals(user(request));
    }
}
