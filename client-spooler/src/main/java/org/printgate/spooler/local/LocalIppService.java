package org.printgate.spooler.local;

import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.awt.Color;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.printgate.ipp.Caller;
import org.printgate.ipp.HttpResource;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppService;
import org.printgate.ipp.Target;
import org.printgate.ipp.printer.PrinterIcons;
import org.printgate.ipp.printer.SupportedOperations;
import org.printgate.spooler.identity.LocalCaller;
import org.printgate.spooler.identity.LocalCallers;
import org.printgate.spooler.spool.SpoolJob;
import org.printgate.spooler.spool.SpoolJobs;

/**
 * The spooler's local IPP face: one IPP Everywhere printer per engine queue at
 * {@code /printers/<queue>}, its jobs at {@code /jobs/<id>}, and the user's status page at
 * {@code /}. Listens on loopback only; the user behind each request is the local account that
 * owns the connection (the kernel says), not the name the request gives.
 */
public final class LocalIppService implements IppService {
    /** The local printers' printer-icons, drawn by the spooler since the engine does not pass the real printer's on. */
    static final PrinterIcons ICONS = new PrinterIcons("/icons/printer-", (g, unit) -> {
        // A ticket's blue dot: a Printgate queue.
        g.setColor(new Color(0x1E88E5));
        g.fillOval(Math.round(12 * unit), Math.round(6.5f * unit), Math.round(1.5f * unit), Math.round(1.5f * unit));
    });

    /** The printers' and jobs' operations, and the server's own (printer lists for CUPS's clients). */
    private static final Set<Integer> SERVED = SupportedOperations.of(LocalPrinterOperations.TABLE,
            SubscriptionOperations.TABLE, PrinterAdminOperations.TABLE, LocalJobOperations.TABLE,
            LocalServerOperations.TABLE).codes();

    private final LocalPrinters printers;
    private final SpoolJobs jobs;
    private final JobActions actions;
    private final StatusPage page;
    private final LocalCallers callers;
    private final LocalSubscriptions subscriptions;
    private final SupportedOperations operations = SupportedOperations.of(LocalPrinterOperations.TABLE,
            SubscriptionOperations.TABLE, PrinterAdminOperations.TABLE, LocalJobOperations.TABLE);
    private final List<Operation> operationList = operations.operations();

    public LocalIppService(LocalPrinters printers, SpoolJobs jobs, JobActions actions, LocalCallers callers,
                           LocalSubscriptions subscriptions) {
        this.printers = printers;
        this.subscriptions = subscriptions;
        this.callers = callers;
        this.jobs = jobs;
        this.actions = actions;
        this.page = new StatusPage(printers, jobs, actions);
    }

    @Override
    public LocalCaller authenticate(Caller caller) {
        return callers.identify(caller);
    }

    @Override
    public Set<Integer> supportedOperations() {
        return SERVED;
    }

    @Override
    public Target resolve(IppRequest request) {
        String authority = authority(request);
        if (LocalServerOperations.TABLE.supports(request.code())) {
            return LocalServerOperations.TABLE.bind(new LocalServerOperations.ServerTarget(authority, operationList, printers, jobs));
        }
        if (LocalJobOperations.TABLE.supports(request.code())) {
            SpoolJob job = jobOf(request);
            return LocalJobOperations.TABLE.bind(new LocalJobOperations.JobTarget(job, authority, printers, jobs, actions));
        }
        // Get-Jobs on the server's root lists the jobs of every printer, as CUPS does.
        LocalPrinter printer = request.code() == Operation.getJobs.getCode() && addressesRoot(request) ? null
                : printerOf(request);
        var target = new LocalPrinterOperations.PrinterTarget(printer, authority, operationList, printers, jobs, actions,
                subscriptions);
        if (SubscriptionOperations.TABLE.supports(request.code())) {
            return SubscriptionOperations.TABLE.bind(target);
        }
        if (PrinterAdminOperations.TABLE.supports(request.code())) {
            return PrinterAdminOperations.TABLE.bind(target);
        }
        return LocalPrinterOperations.TABLE.bind(target);
    }

    private static boolean addressesRoot(IppRequest request) {
        return request.printerUri().map(uri -> uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/")
                || uri.getPath().equals("/jobs")).orElse(false);
    }

    /** The printer named by printer-uri; any host works (clients say localhost or 127.0.0.1). */
    private LocalPrinter printerOf(IppRequest request) {
        URI uri = request.printerUri().orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "printer-uri is missing"));
        String path = uri.getPath() == null ? "" : uri.getPath();
        // The server itself, as CUPS's clients address it (lp -h): its default printer.
        if (path.isEmpty() || path.equals("/")) {
            return LocalServerOperations.defaultPrinter(printers)
                    .flatMap(printer -> printers.ready(printer.name(), Callers.of(request).user(request)))
                    .orElseThrow(() -> new IppException(Status.clientErrorNotFound, "no printers yet: the engine has named no queues"));
        }
        if (!path.startsWith(LocalPrinter.PATH_PREFIX)) {
            throw new IppException(Status.clientErrorNotFound, "no printer at " + uri + "; printers are at " + LocalPrinter.PATH_PREFIX + "<queue>");
        }
        String name = path.substring(LocalPrinter.PATH_PREFIX.length());
        // Shown here or not: any queue the user may use takes jobs by its URL (looked up now if need be).
        return printers.ready(name, Callers.of(request).user(request))
                .orElseThrow(() -> new IppException(Status.clientErrorNotFound, "no printer named " + name));
    }

    /** The job named by job-uri, or by printer-uri and job-id. */
    private SpoolJob jobOf(IppRequest request) {
        Optional<URI> jobUri = request.operationValue(Types.jobUri);
        long id;
        if (jobUri.isPresent()) {
            String path = jobUri.get().getPath() == null ? "" : jobUri.get().getPath();
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (!path.startsWith("/jobs/") && !path.startsWith(LocalPrinter.PATH_PREFIX) || !last.matches("[0-9]{1,18}")) {
                throw new IppException(Status.clientErrorNotFound, "no job at " + jobUri.get());
            }
            id = Long.parseLong(last);
        } else {
            printerOf(request);
            id = request.jobId().orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "job-id or job-uri is missing"));
        }
        return jobs.get(id).orElseThrow(() -> new IppException(Status.clientErrorNotFound, "job " + id + " does not exist"));
    }

    private static String authority(IppRequest request) {
        return request.host() != null ? request.host() : "localhost:" + request.localPort();
    }

    @Override
    public Optional<HttpResource> httpGet(String path, Caller caller) {
        return ICONS.get(path).or(() -> page.get(path, callers.identify(caller)));
    }
}
