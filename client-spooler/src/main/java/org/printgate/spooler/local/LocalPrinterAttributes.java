package org.printgate.spooler.local;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.KeywordOrName;
import com.hp.jipp.model.IdentifyAction;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.printgate.ipp.ExtraTypes;

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
            ExtraTypes.deviceUri.getName(), Types.printerId.getName(), Types.systemUri.getName());

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

    static List<Attribute<?>> of(LocalPrinter printer, URI printerUri, List<Operation> operations, int queued,
                                 boolean printing) {
        List<Attribute<?>> a = new ArrayList<>();
        String authority = printerUri.getRawAuthority();
        a.add(Types.printerUriSupported.of(printerUri));
        a.add(Types.uriSecuritySupported.of("none"));
        a.add(Types.uriAuthenticationSupported.of("requesting-user-name"));
        a.add(Types.printerName.of(printer.name()));
        a.add(Types.printerInfo.of(printer.name() + " (Printgate)"));
        a.add(Types.printerLocation.of(printer.location()));
        a.add(Types.printerMoreInfo.of(URI.create("http://" + authority + "/")));
        a.add(Types.printerUuid.of(printer.uuid()));
        a.add(Types.printerIcons.of(LocalPrinterIcons.uris(authority)));
        a.add(Types.printerDnsSdName.of(printer.name() + " (Printgate)"));
        a.add(Types.printerGeoLocation.unknown());
        a.add(Types.printerOrganization.of(""));
        a.add(Types.printerOrganizationalUnit.of(""));
        a.add(Types.printerKind.of(List.of(new KeywordOrName("document"))));
        a.add(Types.ippVersionsSupported.of("1.0", "1.1", "2.0"));
        a.add(Types.ippFeaturesSupported.of("ipp-everywhere"));
        a.add(Types.operationsSupported.of(operations));
        a.add(Types.charsetConfigured.of("utf-8"));
        a.add(Types.charsetSupported.of("utf-8", "us-ascii"));
        a.add(Types.naturalLanguageConfigured.of("en"));
        a.add(Types.generatedNaturalLanguageSupported.of("en"));
        a.add(Types.documentFormatDefault.of("application/octet-stream"));
        // Taken apart on receipt (DocumentSpooling), whatever the printer itself takes.
        a.add(Types.compressionSupported.of(DocumentSpooling.COMPRESSION_SUPPORTED));
        a.add(Types.pdlOverrideSupported.of("attempted"));
        a.add(Types.referenceUriSchemesSupported.of("http"));
        a.add(Types.jobIdsSupported.of(true));
        a.add(Types.multipleDocumentJobsSupported.of(false));
        a.add(Types.multipleOperationTimeOut.of(MULTIPLE_OPERATION_TIME_OUT_SECONDS));
        a.add(Types.multipleOperationTimeOutAction.of("abort-job"));
        a.add(Types.whichJobsSupported.of("completed", "not-completed", "all"));
        a.add(Types.printerGetAttributesSupported.of("document-format"));
        a.add(Types.identifyActionsDefault.of(IdentifyAction.flash));
        a.add(Types.identifyActionsSupported.of(IdentifyAction.flash, IdentifyAction.display, IdentifyAction.sound));
        a.add(Types.jobCreationAttributesSupported.of(JobTemplateCheck.CREATION_ATTRIBUTES));
        a.add(Types.preferredAttributesSupported.of(false));
        a.add(Types.jobPriorityDefault.of(50));
        a.add(Types.jobPrioritySupported.of(100));
        a.add(Types.jobHoldUntilDefault.of(new KeywordOrName("no-hold")));
        a.add(Types.jobHoldUntilSupported.of(List.of(new KeywordOrName("no-hold"))));
        a.add(Types.jobSheetsDefault.of(new KeywordOrName("none")));
        a.add(Types.jobSheetsSupported.of(List.of(new KeywordOrName("none"))));
        // State: the engine's view of the real printer, and this spooler's own jobs.
        PrinterState state = !printer.up() ? PrinterState.stopped : printing ? PrinterState.processing : PrinterState.idle;
        a.add(Types.printerState.of(state));
        a.add(Types.printerStateReasons.of(printer.up() || printer.reasons().isEmpty() ? List.of("none") : printer.reasons()));
        a.add(Types.printerStateMessage.of(printer.up() ? state.getName() : printer.trouble()));
        a.add(Types.printerIsAcceptingJobs.of(printer.accepting()));
        a.add(Types.queuedJobCount.of(queued));
        Calendar now = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        // Unix seconds, as CUPS: job time-at-* use the same clock and stay valid across restarts.
        a.add(Types.printerUpTime.of((int) (System.currentTimeMillis() / 1000)));
        a.add(Types.printerCurrentTime.of(now));
        a.add(Types.printerStateChangeTime.of((int) (STARTED / 1000)));
        a.add(Types.printerStateChangeDateTime.of(now));
        a.add(Types.printerConfigChangeTime.of((int) (STARTED / 1000)));
        a.add(Types.printerConfigChangeDateTime.of(now));
        for (Attribute<?> capability : printer.capabilities()) {
            if (capability.getName().equals("document-format-supported")) {
                a.add(withOctetStream(capability));
            } else if (!OWN.contains(capability.getName()) && !capability.getName().startsWith("printgate-")) {
                a.add(capability);
            }
        }
        return a;
    }
}
