package org.printgate.ipp;

import java.io.IOException;

/**
 * One IPP operation on one kind of target (system, printer or job). Implementations are methods
 * named after the operation, e.g. {@code printJob(printer, request, response)}.
 *
 * @param <T> the target the operation acts on
 */
@FunctionalInterface
public interface OperationHandler<T> {
    void handle(T target, IppRequest request, IppResponse response) throws IOException;
}
