package org.printgate.spooler.local;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.KeywordOrName;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.printer.PrinterDescription;
import org.printgate.ipp.printer.PrinterStatus;
import org.printgate.ipp.subscription.Subscriptions;
import org.printgate.spooler.spool.HoldUntil;
import org.printgate.spooler.spool.SpoolJobs;

/**
 * The attributes of a local printer: its own identity, operations and state (RFC 8011 §5.4,
 * PWG 5100.14 §5.2), then the real printer's capabilities (completed with defaults by {@link LocalPrinter}).
 */
final class LocalPrinterAttributes {
    /** Attributes the spooler answers itself; a real printer's values for these are not copied. */
    private static final Set<String> OWN = Set.of(
            Types.printerUriSupported.getName(), Types.uriSecuritySupported.getName(),
            Types.uriAuthenticationSupported.getName(), Types.printerName.getName(), Types.printerInfo.getName(),
            Types.printerLocation.getName(), Types.printerMoreInfo.getName(), Types.printerUuid.getName(),
            Types.printerState.getName(), Types.printerStateReasons.getName(), Types.printerStateMessage.getName(),
            Types.printerIsAcceptingJobs.getName(), Types.queuedJobCount.getName(), Types.printerUpTime.getName(),
            Types.printerCurrentTime.getName(), Types.printerStateChangeTime.getName(),
            Types.printerStateChangeDateTime.getName(), Types.printerConfigChangeTime.getName(),
            Types.printerConfigChangeDateTime.getName(), Types.operationsSupported.getName(),
            Types.ippVersionsSupported.getName(), Types.ippFeaturesSupported.getName(),
            Types.charsetConfigured.getName(), Types.charsetSupported.getName(),
            Types.naturalLanguageConfigured.getName(), Types.generatedNaturalLanguageSupported.getName(),
            Types.documentFormatDefault.getName(), Types.compressionSupported.getName(),
            Types.pdlOverrideSupported.getName(), Types.referenceUriSchemesSupported.getName(),
            Types.jobIdsSupported.getName(), Types.multipleDocumentJobsSupported.getName(),
            Types.multipleOperationTimeOut.getName(), Types.multipleOperationTimeOutAction.getName(),
            Types.whichJobsSupported.getName(), Types.printerGetAttributesSupported.getName(),
            Types.identifyActionsDefault.getName(), Types.identifyActionsSupported.getName(),
            Types.jobCreationAttributesSupported.getName(), Types.preferredAttributesSupported.getName(),
            Types.printerIcons.getName(), Types.printerDnsSdName.getName(), Types.printerGeoLocation.getName(),
            Types.printerOrganization.getName(), Types.printerOrganizationalUnit.getName(),
            Types.jobPriorityDefault.getName(), Types.jobPrioritySupported.getName(),
            Types.jobHoldUntilDefault.getName(), Types.jobHoldUntilSupported.getName(),
            Types.jobSheetsDefault.getName(), Types.jobSheetsSupported.getName(), Types.printerKind.getName(),
            Types.printerAlert.getName(), Types.printerAlertDescription.getName(), Types.printerUri.getName(),
            ExtraTypes.deviceUri.getName(), Types.printerId.getName(), Types.systemUri.getName(),
            Types.jobSettableAttributesSupported.getName(), Types.printerSettableAttributesSupported.getName(),
            ExtraTypes.printerType.getName());

    static final int MULTIPLE_OPERATION_TIME_OUT_SECONDS = 300;
    private static final long STARTED = System.currentTimeMillis();

    private LocalPrinterAttributes() {}

    /** document-format-default is octet-stream, so it must be among the supported (RFC 8011 §5.4.21). */
    private static Attribute<?> withOctetStream(Attribute<?> formats) {
        List<String> all = new ArrayList<>(formats.strings());
        if (!all.contains("application/octet-stream")) {
            all.add("application/octet-stream");
        }
        return Types.documentFormatSupported.of(all);
    }

    /** The attributes of {@code printer} as a client at {@code authority} reaches it, with its share of {@code jobs}. */
    static List<Attribute<?>> of(LocalPrinter printer, String authority, List<Operation> operations, SpoolJobs jobs,
                                 LocalPrinters printers) {
        return of(printer, LocalJobAttributes.printerUri(authority, printer.name()), operations,
                LocalPrinterState.of(printer, jobs, printers.controls()), printers.stateChangeTime(printer.name()), "");
    }

    /**
     * @param state the printer's state now ({@link LocalPrinterState})
     * @param stateChangeTime printer-state-change-time, Unix seconds
     * @param yourJob what the asking user's own waiting job is doing, or "": CUPS's backend copies
     *     printer-state-message into the desktop's queue, where KDE, GTK and macOS show it, so the
     *     user sees their place in line there too
     */
    static List<Attribute<?>> of(LocalPrinter printer, URI printerUri, List<Operation> operations, LocalPrinterState state,
                                 int stateChangeTime, String yourJob) {
        String authority = printerUri.getRawAuthority();
        List<Attribute<?>> a = new ArrayList<>(PrinterDescription.of(printerUri)
                .name(printer.name())
                .info(printer.name() + " (Printgate)")
                .location(printer.location())
                .moreInfo(URI.create("http://" + authority + "/"))
                .icons(LocalIppService.ICONS.uris(authority))
                .uuid(printer.uuid())
                .dnsSdName(printer.name() + " (Printgate)")
                .operations(operations)
                // Taken apart on receipt (DocumentSpooling), whatever the printer itself takes.
                .compression(DocumentSpooling.COMPRESSION_SUPPORTED)
                .multipleOperationTimeOut(MULTIPLE_OPERATION_TIME_OUT_SECONDS)
                .jobCreationAttributes(JobTemplateCheck.CREATION_ATTRIBUTES)
                // lp -i JOB -H hold|resume holds and releases a job with Set-Job-Attributes.
                .jobSettableAttributes(List.of(Types.jobHoldUntil.getName()))
                .attributes());
        // IPP/2.1 (PWG 5100.12): ipptool's ipp-2.1.test passes on a local printer (IppToolAgainstTheSpoolerTest).
        a.removeIf(attribute -> attribute.getName().equals(Types.ippVersionsSupported.getName()));
        a.add(Types.ippVersionsSupported.of("1.0", "1.1", "2.0", "2.1"));
        a.add(Types.jobPriorityDefault.of(50));
        a.add(Types.jobPrioritySupported.of(100));
        a.add(Types.jobHoldUntilDefault.of(new KeywordOrName("no-hold")));
        a.add(Types.jobHoldUntilSupported.of(HoldUntil.SUPPORTED.stream().map(KeywordOrName::new).toList()));
        a.add(Types.jobSheetsDefault.of(new KeywordOrName("none")));
        a.add(Types.jobSheetsSupported.of(List.of(new KeywordOrName("none"))));
        // State: the engine's view of the real printer, this spooler's own jobs, and this computer's operators.
        // Unix seconds, as CUPS: job time-at-* use the same clock and stay valid across restarts.
        a.addAll(new PrinterStatus(state.state(), state.reasons(),
                yourJob.isEmpty() ? state.message() : state.message() + "; " + yourJob, state.accepting(), state.queued(),
                (int) (System.currentTimeMillis() / 1000), stateChangeTime, (int) (STARTED / 1000)).attributes());
        // Subscriptions with ippget (PWG 5100.12 §6.3, RFC 3995 §5.3, RFC 3996 §7).
        a.addAll(Subscriptions.PRINTER_ATTRIBUTES);
        for (Attribute<?> capability : printer.capabilities()) {
            if (capability.getName().equals("document-format-supported")) {
                a.add(withOctetStream(capability));
            } else if (!OWN.contains(capability.getName()) && !capability.getName().startsWith("printgate-")
                    && !Subscriptions.isOwn(capability.getName())) {
                a.add(capability);
            }
        }
        List<String> formats = printer.capability(Types.documentFormatSupported.getName()).strings();
        if (printer.capability(Types.printerDeviceId.getName()) == null) {
            a.add(Types.printerDeviceId.of(deviceId(printer, formats)));
        }
        preferredFormat(formats).ifPresent(format -> a.add(ExtraTypes.documentFormatPreferred.of(format)));
        return a;
    }

    /**
     * An IEEE 1284 device ID for a printer that gave none (a socket printer): stable for the same
     * make and model, which is what Windows keys its driver choice on.
     */
    static String deviceId(LocalPrinter printer, List<String> formats) {
        Attribute<?> model = printer.capability(Types.printerMakeAndModel.getName());
        String makeAndModel = model == null || model.isEmpty() ? "Printgate printer" : String.valueOf(model.getValue());
        String make = makeAndModel.contains(" ") ? makeAndModel.substring(0, makeAndModel.indexOf(' ')) : makeAndModel;
        List<String> commands = new ArrayList<>();
        for (String format : formats) {
            switch (format) {
                case "application/pdf" -> commands.add("PDF");
                case "application/postscript" -> commands.add("POSTSCRIPT");
                case "image/pwg-raster" -> commands.add("PWGRaster");
                case "image/urf" -> commands.add("URF");
                case "application/vnd.hp-pcl" -> commands.add("PCL");
                default -> { }
            }
        }
        return "MFG:" + clean(make) + ";MDL:" + clean(makeAndModel) + ";CMD:" + String.join(",", commands) + ";CLS:PRINTER;";
    }

    private static String clean(String text) {
        return text.replace(';', ' ').replace(':', ' ');
    }

    /** The format a driverless client does best to send: PDF, then the rasters, then PostScript. */
    static java.util.Optional<String> preferredFormat(List<String> formats) {
        for (String format : List.of("application/pdf", "image/urf", "image/pwg-raster", "application/postscript")) {
            if (formats.contains(format)) {
                return java.util.Optional.of(format);
            }
        }
        return java.util.Optional.empty();
    }
}
