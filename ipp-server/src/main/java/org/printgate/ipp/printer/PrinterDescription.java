package org.printgate.ipp.printer;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.KeywordOrName;
import com.hp.jipp.model.IdentifyAction;
import com.hp.jipp.model.IppFeaturesSupported;
import com.hp.jipp.model.MultipleOperationTimeOutAction;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Types;
import com.hp.jipp.model.WhichJobs;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.printgate.ipp.ExtraTypes;

/**
 * The printer description attributes an IPP Everywhere printer answers for itself, whatever
 * printer it stands for: its identity, the protocol it speaks and what its jobs may be (RFC 8011
 * §5.4, PWG 5100.13 §6.5, PWG 5100.14 §5.2), as PAPPL answers them for every printer application.
 * The job template and media capabilities and the status ({@link PrinterStatus}) are the
 * printer's own and come after these.
 */
public final class PrinterDescription {
    /** RFC 3380 §4.1: the *-settable-attributes-supported value of an object nothing can be set on. */
    private static final String NONE = "none";
    private final URI printerUri;
    private String name;
    private String info = "";
    private String location = "";
    private List<String> jobSettable = List.of();
    private String makeAndModel;
    private URI moreInfo;
    private List<URI> icons;
    private URI uuid;
    private String deviceId;
    private String dnsSdName;
    private List<Operation> operations;
    private List<String> documentFormats;
    private List<String> compression = List.of("none");
    private int multipleOperationTimeOut;
    private List<String> jobCreationAttributes;
    private List<String> ippVersions = List.of("1.0", "1.1", "2.0");

    private PrinterDescription(URI printerUri) {
        this.printerUri = printerUri;
    }

    /** The description of the printer a client reaches at {@code printerUri}. */
    public static PrinterDescription of(URI printerUri) {
        return new PrinterDescription(printerUri);
    }

    public PrinterDescription name(String printerName) {
        this.name = printerName;
        return this;
    }

    public PrinterDescription info(String printerInfo) {
        this.info = printerInfo;
        return this;
    }

    public PrinterDescription location(String printerLocation) {
        this.location = printerLocation;
        return this;
    }

    /** printer-make-and-model, when the printer says it here rather than among its capabilities. */
    public PrinterDescription makeAndModel(String printerMakeAndModel) {
        this.makeAndModel = printerMakeAndModel;
        return this;
    }

    public PrinterDescription moreInfo(URI printerMoreInfo) {
        this.moreInfo = printerMoreInfo;
        return this;
    }

    public PrinterDescription icons(List<URI> printerIcons) {
        this.icons = printerIcons;
        return this;
    }

    public PrinterDescription uuid(URI printerUuid) {
        this.uuid = printerUuid;
        return this;
    }

    /** printer-device-id (PWG 5107.2), for a printer that has one. */
    public PrinterDescription deviceId(String printerDeviceId) {
        this.deviceId = printerDeviceId;
        return this;
    }

    public PrinterDescription dnsSdName(String printerDnsSdName) {
        this.dnsSdName = printerDnsSdName;
        return this;
    }

    /** operations-supported, ascending ({@link SupportedOperations#operations()}). */
    public PrinterDescription operations(List<Operation> operationsSupported) {
        this.operations = operationsSupported;
        return this;
    }

    /** document-format-supported, when the printer says it here rather than among its capabilities. */
    public PrinterDescription documentFormats(List<String> documentFormatSupported) {
        this.documentFormats = documentFormatSupported;
        return this;
    }

    /** compression-supported; "none" unless the printer takes documents apart. */
    public PrinterDescription compression(List<String> compressionSupported) {
        this.compression = compressionSupported;
        return this;
    }

    /** multiple-operation-time-out: how long a Create-Job waits for its document, in seconds. */
    public PrinterDescription multipleOperationTimeOut(int seconds) {
        this.multipleOperationTimeOut = seconds;
        return this;
    }

    /** job-settable-attributes-supported: what Set-Job-Attributes changes (RFC 3380 §4.1); "none" by default. */
    public PrinterDescription jobSettableAttributes(List<String> jobSettableAttributesSupported) {
        this.jobSettable = jobSettableAttributesSupported;
        return this;
    }

    /**
     * ipp-versions-supported; 1.0 to 2.0 by default. A printer claims 2.1 only with what PWG 5100.12
     * adds: subscriptions with ippget and the operator operations.
     */
    public PrinterDescription ippVersions(List<String> ippVersionsSupported) {
        this.ippVersions = List.copyOf(ippVersionsSupported);
        return this;
    }

    public PrinterDescription jobCreationAttributes(List<String> jobCreationAttributesSupported) {
        this.jobCreationAttributes = jobCreationAttributesSupported;
        return this;
    }

    public List<Attribute<?>> attributes() {
        List<Attribute<?>> a = new ArrayList<>();
        // Identity (RFC 8011 §5.4.1-§5.4.7, PWG 5100.13 §6.5).
        a.add(Types.printerUriSupported.of(printerUri));
        a.add(Types.uriSecuritySupported.of("none"));
        a.add(Types.uriAuthenticationSupported.of("requesting-user-name"));
        a.add(Types.printerName.of(Objects.requireNonNull(name, "printer-name")));
        a.add(Types.printerInfo.of(info));
        a.add(Types.printerLocation.of(location));
        if (makeAndModel != null) {
            a.add(Types.printerMakeAndModel.of(makeAndModel));
        }
        a.add(Types.printerMoreInfo.of(Objects.requireNonNull(moreInfo, "printer-more-info")));
        a.add(Types.printerIcons.of(Objects.requireNonNull(icons, "printer-icons")));
        a.add(Types.printerUuid.of(Objects.requireNonNull(uuid, "printer-uuid")));
        if (deviceId != null) {
            a.add(Types.printerDeviceId.of(deviceId));
        }
        a.add(Types.printerDnsSdName.of(Objects.requireNonNull(dnsSdName, "printer-dns-sd-name")));
        a.add(Types.printerGeoLocation.unknown());
        a.add(Types.printerOrganization.of(""));
        a.add(Types.printerOrganizationalUnit.of(""));
        a.add(Types.printerKind.of(List.of(new KeywordOrName("document"))));
        // The protocol: versions, operations, charsets and languages, documents (RFC 8011 §5.4.14-§5.4.24).
        a.add(Types.ippVersionsSupported.of(ippVersions));
        a.add(Types.ippFeaturesSupported.of(IppFeaturesSupported.ippEverywhere));
        a.add(Types.operationsSupported.of(Objects.requireNonNull(operations, "operations-supported")));
        a.add(Types.charsetConfigured.of(ExtraTypes.charsetUtf8));
        a.add(Types.charsetSupported.of(ExtraTypes.charsetUtf8, ExtraTypes.charsetUsAscii));
        a.add(Types.naturalLanguageConfigured.of("en"));
        a.add(Types.generatedNaturalLanguageSupported.of("en"));
        a.add(Types.documentFormatDefault.of("application/octet-stream"));
        if (documentFormats != null) {
            a.add(Types.documentFormatSupported.of(documentFormats));
        }
        a.add(Types.compressionSupported.of(compression));
        a.add(Types.pdlOverrideSupported.of("attempted"));
        a.add(Types.referenceUriSchemesSupported.of("http"));
        // Jobs: one document each, listed by Get-Jobs, found by job-id (RFC 8011 §5.4.25-§5.4.28, PWG 5100.13).
        a.add(Types.jobIdsSupported.of(true));
        a.add(Types.multipleDocumentJobsSupported.of(false));
        a.add(Types.multipleOperationTimeOut.of(multipleOperationTimeOut));
        a.add(Types.multipleOperationTimeOutAction.of(MultipleOperationTimeOutAction.abortJob));
        a.add(Types.whichJobsSupported.of(WhichJobs.completed, WhichJobs.notCompleted, WhichJobs.all));
        a.add(Types.printerGetAttributesSupported.of(Types.documentFormat.getName()));
        a.add(Types.identifyActionsDefault.of(IdentifyAction.flash));
        a.add(Types.identifyActionsSupported.of(IdentifyAction.flash, IdentifyAction.display, IdentifyAction.sound));
        a.add(Types.jobCreationAttributesSupported.of(
                Objects.requireNonNull(jobCreationAttributes, "job-creation-attributes-supported")));
        a.add(Types.preferredAttributesSupported.of(false));
        // What may change after creation (PWG 5100.12 §6.3, RFC 3380 §4.1): "none" unless said; the printer's own never.
        a.add(Types.jobSettableAttributesSupported.of(jobSettable.isEmpty() ? List.of(NONE) : jobSettable));
        a.add(Types.printerSettableAttributesSupported.of(NONE));
        return a;
    }
}
