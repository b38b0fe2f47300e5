package org.printgate.engine.console;

import java.io.IOException;
import java.time.Clock;
import java.util.function.BiFunction;
import org.printgate.engine.Engine;
import org.printgate.engine.ticket.Change;
import org.printgate.engine.ticket.QueueConfig;
import org.printgate.engine.ticket.QueueEdit;
import org.printgate.engine.ticket.Ticket;
import org.printgate.engine.ticket.TicketBook;
import org.printgate.ipp.IppException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's changes from the console, made through the same engine calls as the IPP
 * operations (PrinterManagement's Create-Printer, Set-Printer-Attributes, Delete-Printer,
 * Pause/Resume/Disable/Enable-Printer, with the same checks; JobOperations' Cancel-Job
 * and Printgate-Move-Job), so they are as durable and as widely told. Each is written to the
 * audit log with its outcome, and answered with the page to go back to.
 */
final class ConsoleActions {
    private static final Logger log = LoggerFactory.getLogger(ConsoleActions.class);

    private final Engine engine;
    private final AuditLog audit;
    private final Clock clock;

    ConsoleActions(Engine engine, AuditLog audit, Clock clock) {
        this.engine = engine;
        this.audit = audit;
        this.clock = clock;
    }

    /** Performs the action {@code path} names; returns the console path to redirect to. */
    String perform(ConsoleRequest request, ConsoleSessions.Session session, String path) throws IOException {
        String[] parts = path.split("/");
        if (parts.length == 3 && parts[1].equals("printers") && parts[2].equals("add")) {
            return addPrinter(request, session);
        }
        if (parts.length == 4 && parts[1].equals("printers") && parts[3].equals("edit")) {
            return editPrinter(request, session, parts[2]);
        }
        if (parts.length == 4 && parts[1].equals("printers") && parts[3].equals("remove")) {
            return removePrinter(request, session, parts[2]);
        }
        if (parts.length == 4 && parts[1].equals("printers")) {
            return printerAction(request, session, parts[2], parts[3]);
        }
        if (parts.length == 4 && parts[1].equals("jobs")) {
            return jobAction(request, session, jobId(parts[2]), parts[3]);
        }
        throw new IllegalArgumentException("no action at " + path);
    }

    private String printerAction(ConsoleRequest request, ConsoleSessions.Session session, String queue, String action) {
        BiFunction<TicketBook, String, Change> change = switch (action) {
            case "pause" -> (book, q) -> book.setPaused(q, true);
            case "resume" -> (book, q) -> book.setPaused(q, false);
            case "disable" -> (book, q) -> book.setAccepting(q, false);
            case "enable" -> (book, q) -> book.setAccepting(q, true);
            default -> throw new IllegalArgumentException("no printer action " + action);
        };
        String back = "/printers/" + EngineViews.encode(queue);
        run(request, session, action + " printer", queue, () -> {
            if (engine.book().queue(queue).isEmpty()) {
                throw new IllegalArgumentException("no printer " + queue);
            }
            engine.applyToQueue(queue, () -> change.apply(engine.book(), queue));
            if (action.equals("resume")) {
                // As Resume-Printer does: look at the printer now rather than at the next check.
                engine.watch().checkNow(queue);
            }
        });
        return back;
    }

    /** Create-Printer's work from the printers page's form: back to the new printer, or to the form with the reason. */
    private String addPrinter(ConsoleRequest request, ConsoleSessions.Session session) throws IOException {
        PrinterForm form = PrinterForm.of(request);
        boolean done = run(request, session, "add printer", form.name() + " (" + form.summary() + ")", () -> {
            QueueEdit.requireNewName(engine.book(), form.name());
            engine.putQueue(form.edit().newQueue(form.name()));
        });
        return done ? "/printers/" + EngineViews.encode(form.name()) : "/printers";
    }

    /** Set-Printer-Attributes' work from a printer page's form. */
    private String editPrinter(ConsoleRequest request, ConsoleSessions.Session session, String queue) throws IOException {
        PrinterForm form = PrinterForm.of(request);
        run(request, session, "edit printer", queue + " (" + form.summary() + ")", () -> {
            QueueConfig base = engine.book().queue(queue).orElseThrow(() -> new IllegalArgumentException("no printer " + queue));
            engine.putQueue(form.edit().applyTo(base));
        });
        return "/printers/" + EngineViews.encode(queue);
    }

    /** Delete-Printer's work, after its confirmation page: refused while the queue has live jobs, as over IPP. */
    private String removePrinter(ConsoleRequest request, ConsoleSessions.Session session, String queue) throws IOException {
        // The confirmation page's button sends confirm=yes; a bare POST is not a confirmed removal.
        if (!request.field("confirm").equals("yes")) {
            throw new IllegalArgumentException("removing a printer is not confirmed");
        }
        boolean done = run(request, session, "remove printer", queue, () -> {
            if (engine.book().queue(queue).isEmpty()) {
                throw new IllegalArgumentException("no printer " + queue);
            }
            engine.deleteQueue(queue);
        });
        return done ? "/printers" : "/printers/" + EngineViews.encode(queue);
    }

    private String jobAction(ConsoleRequest request, ConsoleSessions.Session session, long id, String action) throws IOException {
        switch (action) {
            case "cancel" -> {
                // The confirmation page's button sends confirm=yes; a bare POST is not a confirmed cancel.
                if (!request.field("confirm").equals("yes")) {
                    throw new IllegalArgumentException("cancel is not confirmed");
                }
                // An operator's cancel of a job at the printer interrupts it there (fig. 5): said so in the audit log.
                boolean atPrinter = engine.book().ticket(id).filter(t -> t.state().holdsCapacity()).isPresent();
                run(request, session, atPrinter ? "interrupt job" : "cancel job", Long.toString(id), () -> {
                    Ticket ticket = ticket(id);
                    boolean byOperator = !ticket.holder().equals(session.credential.name());
                    engine.apply(() -> engine.book().cancel(id, session.credential.name(), byOperator));
                });
                return "/jobs";
            }
            case "move" -> {
                String destination = request.field("destination");
                if (destination.isEmpty()) {
                    throw new IllegalArgumentException("no destination printer chosen");
                }
                run(request, session, "move job", id + " to " + destination, () -> {
                    Ticket ticket = ticket(id);
                    // An operator moves the job as its holder (JobOperations.holderOf).
                    engine.apply(() -> engine.book().move(id, ticket.holder(), destination));
                });
                return "/jobs";
            }
            default -> throw new IllegalArgumentException("no job action " + action);
        }
    }

    private Ticket ticket(long id) {
        return engine.book().ticket(id).orElseThrow(() -> new IllegalArgumentException("no job " + id));
    }

    /** Runs an action, records it, and leaves its outcome as the session's notice; true when it was done. */
    private boolean run(ConsoleRequest request, ConsoleSessions.Session session, String action, String target, Runnable work) {
        String outcome;
        try {
            work.run();
            outcome = "ok";
            session.notice = "Done: " + action + " " + target + ".";
            log.info("console: {} from {}: {} {}", session.credential.name(), request.address(), action, target);
        } catch (IppException | IllegalArgumentException e) {
            outcome = "refused: " + e.getMessage();
            session.notice = "Not done: " + action + " " + target + ": " + e.getMessage();
            log.warn("console: {} from {}: {} {} refused: {}", session.credential.name(), request.address(), action, target, e.getMessage());
        }
        audit.append(new AuditLog.Entry(clock.instant(), session.credential.name(), request.address(), action, target, outcome));
        return outcome.equals("ok");
    }

    static long jobId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a job id is a number: " + text);
        }
    }
}
