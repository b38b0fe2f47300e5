package org.printgate.ipp;

import com.hp.jipp.model.Operation;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The operations one kind of target supports, keyed by operation code (PAPPL's and jipp's way:
 * a table, not a switch). Build one per kind of target and share it between all targets.
 *
 * @param <T> the target type
 */
public final class OperationTable<T> {
    private final Map<Integer, OperationHandler<T>> handlers;

    private OperationTable(Map<Integer, OperationHandler<T>> handlers) {
        this.handlers = Collections.unmodifiableMap(new LinkedHashMap<>(handlers));
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Operation codes in the order they were added, for operations-supported. */
    public Set<Integer> codes() {
        return handlers.keySet();
    }

    public boolean supports(int code) {
        return handlers.containsKey(code);
    }

    /** Binds this table to one target, ready for dispatch. */
    public Target bind(T target) {
        return new Target() {
            @Override
            public boolean supports(int code) {
                return OperationTable.this.supports(code);
            }

            @Override
            public void dispatch(IppRequest request, IppResponse response) throws IOException {
                handlers.get(request.code()).handle(target, request, response);
            }
        };
    }

    public static final class Builder<T> {
        private final Map<Integer, OperationHandler<T>> handlers = new LinkedHashMap<>();

        public Builder<T> on(Operation operation, OperationHandler<T> handler) {
            return on(operation.getCode(), handler);
        }

        public Builder<T> on(int code, OperationHandler<T> handler) {
            if (handlers.putIfAbsent(code, handler) != null) {
                throw new IllegalArgumentException("operation 0x" + Integer.toHexString(code) + " added twice");
            }
            return this;
        }

        public OperationTable<T> build() {
            return new OperationTable<>(handlers);
        }
    }
}
