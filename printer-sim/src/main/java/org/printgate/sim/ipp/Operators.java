package org.printgate.sim.ipp;

import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import java.net.InetSocketAddress;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may act as a simulated printer's operator. The simulator has no accounts and asks for no
 * password, as a lab printer whose web page nobody locked: a caller on this machine (the loopback
 * interface, like someone at the printer's front panel) is its operator; a caller from the
 * network may print, and see and touch its own subscriptions, but not pause, disable, purge or
 * see others' subscriptions. requesting-user-name names the caller (RFC 8011 §9.3).
 */
final class Operators {
    private static final Logger log = LoggerFactory.getLogger(Operators.class);

    private Operators() {}

    static boolean isOperator(IppRequest request) {
        InetSocketAddress remote = request.remote();
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
    }

    /** Refuses, logged, a caller who is not an operator. */
    static void require(IppRequest request, String printer) {
        if (!isOperator(request)) {
            String operation = Operation.Companion.get(request.code()).getName();
            log.warn("{} on {} refused: {} asked from {}, not from this machine", operation, printer,
                    request.requestingUserName(), request.remote());
            throw new IppException(Status.clientErrorForbidden, operation + " is for the printer's operator: "
                    + "ask from the machine the simulator runs on");
        }
    }
}
