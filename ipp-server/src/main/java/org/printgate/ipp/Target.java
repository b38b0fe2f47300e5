package org.printgate.ipp;

import java.io.IOException;

/** A resolved IPP object (system, printer or job) bound to its operation table. */
public interface Target {
    boolean supports(int code);

    void dispatch(IppRequest request, IppResponse response) throws IOException;
}
