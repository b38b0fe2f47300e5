package org.printgate.engine;

import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.printgate.ipp.IppResponse;

/**
 * How many requests of each operation the engine has been sent since it started: what a growing
 * site costs it (a full Get-Printers per spooler every few seconds, or one lookup per change),
 * read by tests; and how many of each were answered with each status, for {@code /metrics}.
 * Requests refused before the engine sees them (HTTP 401, malformed IPP, an operation no target
 * knows) are the IPP layer's and not counted here.
 */
public final class RequestCounts {
    private final Map<Integer, LongAdder> byOperation = new ConcurrentHashMap<>();
    private final Map<Key, LongAdder> byAnswer = new ConcurrentHashMap<>();

    /** An operation code and the status-code it was answered with. */
    public record Key(int operation, int status) {}

    public void count(int operationCode) {
        byOperation.computeIfAbsent(operationCode, code -> new LongAdder()).increment();
    }

    /** Requests of {@code operation} so far. */
    public long of(Operation operation) {
        LongAdder count = byOperation.get(operation.getCode());
        return count == null ? 0 : count.sum();
    }

    /** A request of {@code operationCode} was answered {@code status}. */
    public void answered(int operationCode, Status status) {
        byAnswer.computeIfAbsent(new Key(operationCode, status.getCode()), key -> new LongAdder()).increment();
    }

    /**
     * A request of {@code operationCode} is answered with {@code response} once what it waits for
     * is durable: counted then, as server-error-internal-error if that failed (as the IPP layer
     * answers it).
     */
    public void answeredWith(int operationCode, IppResponse response) {
        CompletableFuture<?> readiness = response.readiness();
        if (readiness == null) {
            answered(operationCode, response.status());
        } else {
            readiness.whenComplete((done, failure) ->
                    answered(operationCode, failure == null ? response.status() : Status.serverErrorInternalError));
        }
    }

    /** Answers so far by operation and status (live counters). */
    public Map<Key, LongAdder> answers() {
        return byAnswer;
    }
}
