package org.printgate.spooler.local;

import org.printgate.ipp.IppRequest;
import org.printgate.spooler.identity.LocalCaller;

/** The local caller {@link LocalIppService#authenticate} found for a request. */
final class Callers {
    private Callers() {}

    static LocalCaller of(IppRequest request) {
        LocalCaller caller = request.principal();
        if (caller == null) {
            throw new IllegalStateException("a local request reached an operation without its caller");
        }
        return caller;
    }
}
