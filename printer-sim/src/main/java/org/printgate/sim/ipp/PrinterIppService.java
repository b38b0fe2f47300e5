package org.printgate.sim.ipp;

import com.hp.jipp.model.Status;
import java.awt.BasicStroke;
import java.awt.Color;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.printgate.ipp.Caller;
import org.printgate.ipp.HttpResource;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppService;
import org.printgate.ipp.OperationTable;
import org.printgate.ipp.Target;
import org.printgate.ipp.printer.PrinterIcons;
import org.printgate.ipp.printer.SupportedOperations;
import org.printgate.ipp.subscription.SubscriptionAccess;
import org.printgate.ipp.subscription.SubscriptionOperations;
import org.printgate.ipp.subscription.Subscriptions;
import org.printgate.sim.job.Job;
import org.printgate.sim.printer.SimPrinter;

/**
 * The IPP face of one simulated printer, at {@code /ipp/print}: finds the printer or job a
 * request addresses and hands it to {@link PrinterOperations}, {@link PrinterAdminOperations},
 * the subscription operations or {@link JobOperations}.
 */
public final class PrinterIppService implements IppService {
    public static final String PATH = "/ipp/print";

    /** The printer-icons, the same for every simulated printer: a green lamp, paper out in a tray. */
    static final PrinterIcons ICONS = new PrinterIcons("/icon-", (g, unit) -> {
        g.setColor(new Color(0x90A4AE));
        g.setStroke(new BasicStroke(Math.max(1, unit / 2)));
        g.drawRect(Math.round(4 * unit), Math.round(10 * unit), Math.round(8 * unit), Math.round(5 * unit));
        g.setColor(new Color(0x66BB6A));
        g.fillOval(Math.round(12 * unit), Math.round(6.5f * unit), Math.round(1.5f * unit), Math.round(1.5f * unit));
    });

    /** The subscription operations (RFC 3995, RFC 3996), by the simulator's rules of who is who. */
    static final OperationTable<PrinterOperations.PrinterTarget> SUBSCRIPTIONS = SubscriptionOperations.table(
            new SubscriptionAccess<>() {
                @Override
                public Subscriptions subscriptions(PrinterOperations.PrinterTarget target) {
                    return target.events().subscriptions();
                }

                @Override
                public String printerName(PrinterOperations.PrinterTarget target) {
                    return target.printer().name();
                }

                @Override
                public URI printerUri(PrinterOperations.PrinterTarget target, String printer) {
                    // Each printer has its own subscriptions: they are all this one's.
                    return target.printerUri();
                }

                @Override
                public String user(PrinterOperations.PrinterTarget target, IppRequest request) {
                    return request.requestingUserName();
                }

                @Override
                public boolean isOperator(PrinterOperations.PrinterTarget target, IppRequest request) {
                    return Operators.isOperator(request);
                }

                @Override
                public void checkJobSubscription(PrinterOperations.PrinterTarget target, IppRequest request, int jobId) {
                    Job job = target.printer().job(jobId)
                            .orElseThrow(() -> new IppException(Status.clientErrorNotFound, "job " + jobId + " does not exist"));
                    // Has it ended? Its events are over (RFC 3995 §11.1.1).
                    if (job.isTerminal()) {
                        throw new IppException(Status.clientErrorNotPossible, "job " + jobId + " has ended; it will raise no more events");
                    }
                }
            });

    private final SimPrinter printer;
    private final SupportedOperations operations;
    private final PrinterEvents events;

    public PrinterIppService(SimPrinter printer) {
        this.printer = printer;
        // A simpler or older printer (e.g. only Print-Job): what its profile leaves out, it refuses.
        this.operations = SupportedOperations.of(PrinterOperations.TABLE, PrinterAdminOperations.TABLE, SUBSCRIPTIONS,
                        JobOperations.TABLE)
                .without(printer.spec().operationsNotSupported());
        this.events = new PrinterEvents(printer);
    }

    @Override
    public Set<Integer> supportedOperations() {
        return operations.codes();
    }

    @Override
    public Target resolve(IppRequest request) {
        // Is the printer hung? Then the request is read and never answered.
        awaitNotHung();
        URI printerUri = printerUri(request);
        if (JobOperations.TABLE.supports(request.code())) {
            int id = request.jobId().orElseThrow(() ->
                    new IppException(Status.clientErrorBadRequest, "job-id or job-uri is missing"));
            Job job = printer.job(id).orElseThrow(() ->
                    new IppException(Status.clientErrorNotFound, "job " + id + " does not exist"));
            return JobOperations.TABLE.bind(new JobOperations.JobTarget(printer, job, printerUri));
        }
        var target = new PrinterOperations.PrinterTarget(printer, printerUri, operations.operations(), events);
        if (PrinterAdminOperations.TABLE.supports(request.code())) {
            return PrinterAdminOperations.TABLE.bind(target);
        }
        if (SUBSCRIPTIONS.supports(request.code())) {
            return SUBSCRIPTIONS.bind(target);
        }
        return PrinterOperations.TABLE.bind(target);
    }

    /** The printer's URI as this client reaches it, checked against the request's printer-uri. */
    private URI printerUri(IppRequest request) {
        Optional<URI> named = request.printerUri().or(() -> request.operationValue(com.hp.jipp.model.Types.jobUri)
                .map(uri -> URI.create(uri.toString().replaceFirst("/[0-9]+$", ""))));
        URI uri = named.orElseThrow(() -> new IppException(Status.clientErrorBadRequest, "printer-uri is missing"));
        // Does the URI name this printer? Any host works: clients say localhost or 127.0.0.1.
        if (!PATH.equals(uri.getPath())) {
            throw new IppException(Status.clientErrorNotFound, "no printer at " + uri);
        }
        String host = request.host() != null ? request.host() : "127.0.0.1:" + request.localPort();
        return URI.create("ipp://" + host + PATH);
    }

    private void awaitNotHung() {
        try {
            printer.hardware().awaitNotHung(() -> false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IppException(Status.serverErrorServiceUnavailable, "shutting down");
        }
    }

    @Override
    public Optional<HttpResource> httpGet(String path, Caller caller) {
        if (path.equals(PATH) || path.equals("/")) {
            return Optional.of(HttpResource.html(StatusPage.html(printer)));
        }
        return ICONS.get(path);
    }
}
