package org.printgate.engine;

import com.hp.jipp.model.Operation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests of each operation the engine has been sent since it started: what a growing
 * site costs it (a full Get-Printers per spooler every few seconds, or one lookup per change),
 * read by tests and, later, by {@code /metrics}.
 */
public final class RequestCounts {
    private final Map<Integer, LongAdder> byOperation = new ConcurrentHashMap<>();

    public void count(int operationCode) {
        byOperation.computeIfAbsent(operationCode, code -> new LongAdder()).increment();
    }

    /** Requests of {@code operation} so far. */
    public long of(Operation operation) {
        LongAdder count = byOperation.get(operation.getCode());
        return count == null ? 0 : count.sum();
    }
}
