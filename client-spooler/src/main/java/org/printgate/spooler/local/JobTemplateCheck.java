package org.printgate.spooler.local;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.model.JobHoldUntil;
import com.hp.jipp.model.MediaCol;
import com.hp.jipp.model.MediaColDatabase;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import kotlin.ranges.IntRange;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.printer.JobTemplateValidation;

/**
 * Checks the job template attributes of Print-Job, Validate-Job and Create-Job (RFC 8011 §5.2)
 * against the real printer's {@code xxx-supported} values, so a job the printer would refuse is
 * refused here, before it is spooled. Unsupported values go back in the unsupported-attributes
 * group; with {@code ipp-attribute-fidelity=true} they fail the request. What passes is kept and
 * sent on to the printer with the document.
 */
final class JobTemplateCheck {
    /** The template attributes a local printer takes (job-creation-attributes-supported). */
    static final List<String> CREATION_ATTRIBUTES = List.of(
            Types.copies.getName(), Types.finishings.getName(), Types.jobPriority.getName(),
            Types.jobHoldUntil.getName(), Types.jobSheets.getName(), Types.media.getName(), Types.mediaCol.getName(),
            Types.multipleDocumentHandling.getName(), Types.orientationRequested.getName(), Types.outputBin.getName(),
            Types.pageRanges.getName(), Types.printColorMode.getName(), Types.printContentOptimize.getName(),
            Types.printQuality.getName(), Types.printRenderingIntent.getName(), Types.printScaling.getName(),
            Types.printerResolution.getName(), Types.sides.getName(), Types.overrides.getName(),
            Types.numberUp.getName(), Types.feedOrientation.getName());

    /** Taken without a printer's say: the spooler's own (priority) or meaningless to pass on. */
    private static final Set<String> SPOOLER_OWN = Set.of(
            Types.jobPriority.getName(), Types.jobHoldUntil.getName(), Types.jobSheets.getName(),
            Types.multipleDocumentHandling.getName(), Types.overrides.getName());

    private JobTemplateCheck() {}

    /** Returns the job template to send on with the document (the supported part of the request). */
    static List<Attribute<?>> check(IppRequest request, LocalPrinter printer, IppResponse response) {
        List<Attribute<?>> kept = new ArrayList<>(JobTemplateValidation.supportedPart(
                request, response, attribute -> supported(attribute, printer), printer.name()));
        kept.removeIf(attribute -> SPOOLER_OWN.contains(attribute.getName()));
        for (IntRange range : JobTemplateValidation.pageRanges(request)) {
            // Does each range run forwards (RFC 8011 §5.2.7)? 5-3 is as bad as an overlap.
            if (range.getFirst() > range.getLast()) {
                throw new IppException(Status.clientErrorBadRequest, "page-ranges must ascend without overlap");
            }
        }
        return kept;
    }

    private static boolean supported(Attribute<?> requested, LocalPrinter printer) {
        String name = requested.getName();
        if (!CREATION_ATTRIBUTES.contains(name) || requested.isEmpty()) {
            return false;
        }
        // The spooler's own: its range, or what it can honour without a printer's say.
        if (name.equals(Types.jobPriority.getName())) {
            return requested.getValue() instanceof Integer p && p >= 1 && p <= 100;
        }
        if (name.equals(Types.jobHoldUntil.getName()) || name.equals(Types.jobSheets.getName())) {
            return JobHoldUntil.noHold.equals(String.valueOf(requested.getValue()))
                    || "none".equals(String.valueOf(requested.getValue()));
        }
        if (name.equals(Types.multipleDocumentHandling.getName()) || name.equals(Types.overrides.getName())) {
            return true;
        }
        if (name.equals(Types.mediaCol.getName())) {
            return mediaColSupported(requested, printer);
        }
        // The rest as the printer's NAME-supported says (RFC 8011 §5.2).
        String supportedName = name + "-supported";
        Attribute<?> supported = printer.capability(supportedName);
        if (supported == null) {
            return false;
        }
        for (Object value : requested) {
            if (!oneSupported(value, supported)) {
                return false;
            }
        }
        return true;
    }

    /** A value against a supported attribute: a range, a boolean (page-ranges-supported) or a list. */
    private static boolean oneSupported(Object value, Attribute<?> supported) {
        for (Object allowed : supported) {
            if (allowed instanceof IntRange range && value instanceof Integer v) {
                if (v >= range.getFirst() && v <= range.getLast()) {
                    return true;
                }
            } else if (allowed instanceof Boolean yes) {
                if (yes) {
                    return true;
                }
            } else if (allowed instanceof Integer most && value instanceof Integer v && !(value instanceof Boolean)) {
                // job-priority-supported and kin: an upper bound.
                if (Objects.equals(allowed, value) || (v >= 1 && v <= most)) {
                    return true;
                }
            } else if (Objects.equals(allowed, value) || String.valueOf(allowed).equals(String.valueOf(value))) {
                return true;
            }
        }
        return false;
    }

    private static boolean mediaColSupported(Attribute<?> requested, LocalPrinter printer) {
        Attribute<MediaCol> cols = Types.mediaCol.coerce(requested);
        if (cols == null || cols.isEmpty()) {
            return false;
        }
        Attribute<MediaColDatabase> entries = Types.mediaColDatabase.coerce(printer.capability(Types.mediaColDatabase.getName()));
        return JobTemplateValidation.sizeSupported(cols.getValue(), entries == null ? List.of() : entries);
    }
}
