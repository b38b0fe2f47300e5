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
import org.printgate.spooler.spool.HoldUntil;

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

    /** Not passed on in the template: the spooler's own (priority, hold), sent its own way (copies), or meaningless. */
    private static final Set<String> SPOOLER_OWN = Set.of(
            Types.jobPriority.getName(), Types.jobHoldUntil.getName(), Types.jobSheets.getName(),
            Types.multipleDocumentHandling.getName(), Types.overrides.getName(), Types.copies.getName());

    private JobTemplateCheck() {}

    /**
     * What a job takes from its request's template.
     *
     * @param template the job template to send on with the document (the supported part the printer acts on)
     * @param holdUntil job-hold-until when the job is to be held ({@link HoldUntil}), else ""
     * @param copies copies: the spooler sees them made (by the printer or by sending again), so
     *     that a resume after a failure knows which copy and page it is at
     */
    record Accepted(List<Attribute<?>> template, String holdUntil, int copies) {}

    static Accepted check(IppRequest request, LocalPrinter printer, IppResponse response) {
        List<Attribute<?>> kept = new ArrayList<>(JobTemplateValidation.supportedPart(
                request, response, attribute -> supported(attribute, printer), printer.name()));
        String hold = kept.stream().filter(a -> a.getName().equals(Types.jobHoldUntil.getName()) && !a.isEmpty())
                .map(a -> String.valueOf(a.getValue())).filter(h -> !h.equals(JobHoldUntil.noHold)).findFirst().orElse("");
        int copies = kept.stream().filter(a -> a.getName().equals(Types.copies.getName()) && a.getValue() instanceof Integer)
                .map(a -> (Integer) a.getValue()).findFirst().orElse(1);
        kept.removeIf(attribute -> SPOOLER_OWN.contains(attribute.getName()));
        for (IntRange range : JobTemplateValidation.pageRanges(request)) {
            // Does each range run forwards (RFC 8011 §5.2.7)? 5-3 is as bad as an overlap.
            if (range.getFirst() > range.getLast()) {
                throw new IppException(Status.clientErrorBadRequest, "page-ranges must ascend without overlap");
            }
        }
        return new Accepted(kept, hold, copies);
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
        if (name.equals(Types.jobHoldUntil.getName())) {
            return HoldUntil.SUPPORTED.contains(String.valueOf(requested.getValue()));
        }
        if (name.equals(Types.jobSheets.getName())) {
            return "none".equals(String.valueOf(requested.getValue()));
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
