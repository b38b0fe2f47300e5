package org.printgate.engine.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.AttributeType;
import com.hp.jipp.encoding.Name;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.encoding.Text;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.PrinterState;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.auth.DeviceBinding;
import org.printgate.engine.store.DeviceReport;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A managed printer's side of the engine (docs/firmware.md §1, §3.1): who may call what, and
 * Update-Output-Device-Attributes (PWG 5100.18 INFRA §6.1.7), by which a printer reports its
 * firmware, model and state to the queue its device credential is bound to.
 */
final class OutputDeviceOperations {
    private static final Logger log = LoggerFactory.getLogger(OutputDeviceOperations.class);

    /** RFC 8011 §5.1.3: name(MAX) is 255 octets. */
    static final int NAME_MAX = 255;
    /** RFC 8011 §5.1.2: text(MAX) is 1023 octets. */
    static final int TEXT_MAX = 1023;
    /** RFC 8011 §5.1.11: octetString(MAX) is 1023 octets. */
    static final int OCTETS_MAX = 1023;
    /** RFC 8011 §5.4.9: printer-make-and-model is text(127). */
    static final int MODEL_MAX = 127;
    /** RFC 8011 §5.1.4: keywords are at most 255 octets. */
    static final int KEYWORD_MAX = 255;
    /** Firmware components and state reasons kept per printer: a bound on what one device may make the engine keep. */
    static final int MAX_COMPONENTS = 16;
    static final int MAX_REASONS = 32;

    /** The printer attributes a report may carry; anything else is returned as unsupported (§3.1). */
    private static final Set<String> KEPT = Set.of(Types.printerFirmwareName.getName(),
            Types.printerFirmwareStringVersion.getName(), Types.printerFirmwareVersion.getName(),
            Types.printerFirmwarePatches.getName(), Types.printerMakeAndModel.getName(), Types.printerState.getName(),
            Types.printerStateReasons.getName(), Types.printerStateMessage.getName());

    private OutputDeviceOperations() {}

    /**
     * The role rules, before anything else of the request is looked at (§1, §3): a device
     * credential calls Update-Output-Device-Attributes on its own queue and nothing else; no other
     * credential calls it, an operator neither, since a report is the printer's own word and the
     * engine acts on it. Both refusals are client-error-forbidden: no other credential of the same
     * holder would be let in either.
     */
    static void checkCaller(Credential credential, IppRequest request) {
        boolean report = request.code() == Operation.updateOutputDeviceAttributes.getCode();
        if (!credential.isDevice()) {
            if (report) {
                log.warn("{} ({}) sent Update-Output-Device-Attributes: only a printer's device credential reports",
                        credential.name(), credential.role());
                throw new IppException(Status.clientErrorForbidden,
                        "only a printer's device credential sends Update-Output-Device-Attributes");
            }
            return;
        }
        if (!report) {
            log.warn("device credential {} sent {}: refused", credential.name(), request.packet().getOperation());
            throw new IppException(Status.clientErrorForbidden,
                    "a device credential may only send Update-Output-Device-Attributes");
        }
        // Is it its own queue? Asked before the queue is looked up: a device learns nothing of others.
        String queue = request.printerUri().map(OutputDeviceOperations::queueName).orElse(null);
        if (queue != null && !queue.equals(credential.device().queue())) {
            log.warn("device credential {} reported for queue {}, bound to {}: refused", credential.name(), queue,
                    credential.device().queue());
            throw new IppException(Status.clientErrorForbidden, "this device credential reports for "
                    + credential.device().queue() + " only");
        }
    }

    private static String queueName(URI printerUri) {
        String path = printerUri.getPath() == null ? "" : printerUri.getPath();
        return path.startsWith("/ipp/print/") ? path.substring("/ipp/print/".length()) : "";
    }

    /**
     * Update-Output-Device-Attributes (600, 610, 611): the printer's firmware, model and state,
     * kept for its queue (each part replacing what it last said of it) before the answer goes.
     */
    static void updateOutputDeviceAttributes(Targets.QueueTarget target, IppRequest request, IppResponse response) {
        Credential credential = target.credential();
        String queue = target.queue().name();
        DeviceBinding binding = credential.device();
        // Does it say which device it is, and is that the one the credential is bound to?
        URI uuid = request.operationValue(Types.outputDeviceUuid)
                .orElseThrow(() -> refuse(credential, queue, Status.clientErrorBadRequest, "output-device-uuid is missing"));
        if (!binding.isNamedBy(uuid)) {
            throw refuse(credential, queue, Status.clientErrorForbidden, "output-device-uuid " + uuid
                    + " is not the device this credential is bound to");
        }
        // Does it report anything?
        AttributeGroup printer = request.group(Tag.printerAttributes)
                .orElseThrow(() -> refuse(credential, queue, Status.clientErrorBadRequest, "no printer attributes to report"));
        DeviceReport before = target.engine().deviceReports().last(queue)
                .filter(r -> r.outputDevice().equals(binding.outputDeviceUuid()))
                .orElse(DeviceReport.nothingFrom(binding.outputDeviceUuid()));
        DeviceReport after;
        try {
            after = merged(before, printer, target.engine().clock().millis());
        } catch (IppException e) {
            throw refuse(credential, queue, e.status(), e.getMessage());
        }
        for (Attribute<?> attribute : printer) {
            if (!KEPT.contains(attribute.getName())) {
                response.unsupported(attribute);
            }
        }
        target.engine().deviceReports().put(queue, after);
        log.info("{}: device {} reports firmware [{}] [{}] ({}), model \"{}\", state {} {}", queue, credential.name(),
                after.firmwareName(), after.firmwareVersion(), after.firmwareOctets(), after.makeAndModel(),
                after.printerState(), after.stateReasons());
    }

    /** {@code before} with what {@code printer} reports, checked against the syntaxes and bounds of §3.1. */
    private static DeviceReport merged(DeviceReport before, AttributeGroup printer, long now) {
        List<String> names = before.firmwareNames();
        List<String> strings = before.firmwareStringVersions();
        List<byte[]> versions = before.firmwareVersions();
        List<String> patches = before.firmwarePatches();
        List<Name> reportedNames = values(printer, Types.printerFirmwareName);
        List<Text> reportedStrings = values(printer, Types.printerFirmwareStringVersion);
        List<byte[]> reportedVersions = values(printer, Types.printerFirmwareVersion);
        List<Text> reportedPatches = values(printer, Types.printerFirmwarePatches);
        // The firmware is one block: names, string versions and versions name the same components
        // in the same order (PWG 5100.13), so they come together, of one count; patches too if given.
        if (!reportedNames.isEmpty() || !reportedStrings.isEmpty() || !reportedVersions.isEmpty() || !reportedPatches.isEmpty()) {
            int count = reportedNames.size();
            if (count == 0 || reportedStrings.size() != count || reportedVersions.size() != count
                    || (!reportedPatches.isEmpty() && reportedPatches.size() != count)) {
                throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "printer-firmware-name ("
                        + reportedNames.size() + "), -string-version (" + reportedStrings.size() + "), -version ("
                        + reportedVersions.size() + ") and -patches (" + reportedPatches.size() + ") must have one count");
            }
            if (count > MAX_COMPONENTS) {
                throw new IppException(Status.clientErrorAttributesOrValuesNotSupported,
                        "more than " + MAX_COMPONENTS + " firmware components");
            }
            names = reportedNames.stream().map(n -> bounded("printer-firmware-name", n.getValue(), NAME_MAX)).toList();
            strings = reportedStrings.stream().map(t -> bounded("printer-firmware-string-version", t.getValue(), TEXT_MAX)).toList();
            for (byte[] octets : reportedVersions) {
                if (octets.length > OCTETS_MAX) {
                    throw tooLong("printer-firmware-version", OCTETS_MAX);
                }
            }
            versions = reportedVersions;
            patches = reportedPatches.stream().map(t -> bounded("printer-firmware-patches", t.getValue(), TEXT_MAX)).toList();
        }
        String model = IppRequest.value(printer, Types.printerMakeAndModel)
                .map(t -> bounded("printer-make-and-model", t.getValue(), MODEL_MAX)).orElse(before.makeAndModel());
        int state = IppRequest.value(printer, Types.printerState).map(PrinterState::getCode).orElse(before.printerState());
        if (state != 0 && (state < PrinterState.idle.getCode() || state > PrinterState.stopped.getCode())) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "printer-state " + state);
        }
        List<String> reasons = values(printer, Types.printerStateReasons);
        if (reasons.size() > MAX_REASONS) {
            throw new IppException(Status.clientErrorAttributesOrValuesNotSupported, "more than " + MAX_REASONS
                    + " printer-state-reasons");
        }
        reasons = printer.get(Types.printerStateReasons.getName()) == null ? before.stateReasons()
                : reasons.stream().map(r -> bounded("printer-state-reasons", r, KEYWORD_MAX)).toList();
        String message = IppRequest.value(printer, Types.printerStateMessage)
                .map(t -> bounded("printer-state-message", t.getValue(), TEXT_MAX)).orElse(before.stateMessage());
        return new DeviceReport(before.outputDevice(), names, strings, versions, patches, model, state, reasons, message, now);
    }

    /** Every value of {@code type} in {@code group}; one of another syntax is a bad request (as {@link IppRequest#value}). */
    private static <T> List<T> values(AttributeGroup group, AttributeType<T> type) {
        Attribute<?> raw = group.get(type.getName());
        if (raw == null) {
            return List.of();
        }
        Attribute<T> typed = type.coerce(raw);
        if (typed == null) {
            throw new IppException(Status.clientErrorBadRequest, type.getName() + " has the wrong syntax");
        }
        return List.copyOf(typed);
    }

    private static String bounded(String name, String value, int maxOctets) {
        if (value.getBytes(StandardCharsets.UTF_8).length > maxOctets) {
            throw tooLong(name, maxOctets);
        }
        return value;
    }

    private static IppException tooLong(String name, int maxOctets) {
        return new IppException(Status.clientErrorRequestValueTooLong, name + " is longer than " + maxOctets + " octets");
    }

    /** A refused report, logged with who sent it and for which queue. */
    private static IppException refuse(Credential credential, String queue, Status status, String why) {
        log.warn("{}: report from device {} refused ({}): {}", queue, credential.name(), status, why);
        return new IppException(status, why);
    }
}
