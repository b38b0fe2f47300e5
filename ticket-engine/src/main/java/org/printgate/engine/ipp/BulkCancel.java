package org.printgate.engine.ipp;

import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.printgate.engine.Engine;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;

/**
 * Cancel-My-Jobs and Cancel-Jobs (PWG 5100.11; docs/ticket-protocol.md §6.8): Cancel-Job for
 * many jobs at once, on one queue or, addressed to the system, on every queue. Each job is
 * canceled as Cancel-Job would (ended now, or stopping while at a printer, its holder told when
 * someone else canceled), in one durable change. With {@code job-ids} it is all of them or none.
 */
final class BulkCancel {
    /** §2.6: at most this many job-ids in one request. */
    private static final int MAX_JOB_IDS = 1000;

    private BulkCancel() {}

    static void cancelMyJobsOnQueue(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        cancelMyJobs(target.engine(), target.credential(), target.queue().name(), request, response);
    }

    static void cancelMyJobsEverywhere(Targets.SystemTarget target, IppRequest request, IppResponse response) {
        cancelMyJobs(target.engine(), target.credential(), null, request, response);
    }

    static void cancelJobsOnQueue(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        cancelJobs(target.engine(), target.credential(), target.queue().name(), request, response);
    }

    static void cancelJobsEverywhere(Targets.SystemTarget target, IppRequest request, IppResponse response) {
        cancelJobs(target.engine(), target.credential(), null, request, response);
    }

    /**
     * The requester's own live jobs: those of the user named by {@code requesting-user-name}
     * (an identity the credential may speak for), or without a name those the credential holds.
     */
    private static void cancelMyJobs(Engine engine, Credential credential, String queue, IppRequest request,
                                     IppResponse response) {
        Optional<String> user = request.operationValue(Types.requestingUserName).map(n -> n.getValue());
        // May this credential speak for that user (§2.4)?
        if (user.isPresent() && !credential.mayActAs(user.get())) {
            throw new IppException(Status.clientErrorForbidden, "this credential may not act as " + user.get());
        }
        Predicate<Ticket> mine = user.isPresent()
                ? t -> t.user().toLowerCase(Locale.ROOT).equals(user.get().toLowerCase(Locale.ROOT))
                        && JobOperations.maySee(credential, t)
                : t -> t.holder().equals(credential.name());
        cancel(engine, credential, queue, mine, request, response);
    }

    /** Every live job (or those in job-ids) on the queue or the system: operators only. */
    private static void cancelJobs(Engine engine, Credential credential, String queue, IppRequest request,
                                   IppResponse response) {
        PrinterManagement.requireOperator(credential);
        cancel(engine, credential, queue, t -> true, request, response);
    }

    private static void cancel(Engine engine, Credential credential, String queue, Predicate<Ticket> select,
                               IppRequest request, IppResponse response) {
        TicketBook book = engine.book();
        Predicate<Ticket> here = queue == null ? select : select.and(t -> t.queue().equals(queue));
        List<Integer> ids = request.operationValues(Types.jobIds);
        if (ids.isEmpty()) {
            engine.apply(() -> book.cancelEach(queue, here, credential.name(), credential.isOperator()));
            return;
        }
        if (ids.size() > MAX_JOB_IDS) {
            throw new IppException(Status.clientErrorRequestValueTooLong, "more than " + MAX_JOB_IDS + " job-ids");
        }
        // All or none: name the jobs that stand in the way (PWG 5100.11), cancel nothing.
        List<Integer> absent = ids.stream().filter(id -> book.ticket(id).filter(here).isEmpty()).toList();
        if (!absent.isEmpty()) {
            response.unsupported(Types.jobIds.of(absent));
            throw new IppException(Status.clientErrorNotFound, "no job " + absent.get(0));
        }
        List<Integer> ended = ids.stream().filter(id -> book.ticket(id).map(t -> t.state().isTerminal()
                && t.state() != org.printgate.engine.ticket.TicketState.CANCELED).orElse(false)).toList();
        if (!ended.isEmpty()) {
            response.unsupported(Types.jobIds.of(ended));
            throw new IppException(Status.clientErrorNotPossible, "job " + ended.get(0) + " has already ended");
        }
        List<Long> jobIds = ids.stream().map(Integer::longValue).toList();
        engine.apply(() -> book.cancelNamed(jobIds, here, credential.name(), credential.isOperator()));
    }
}
