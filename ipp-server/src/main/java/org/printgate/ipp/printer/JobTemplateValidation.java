package org.printgate.ipp.printer;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IntOrIntRange;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.MediaCol;
import com.hp.jipp.model.MediaColDatabase;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import kotlin.ranges.IntRange;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;

/**
 * The job template checks of Print-Job, Validate-Job and Create-Job (RFC 8011 §4.2.1.2 and
 * §5.2): each attribute against what the printer supports, page-ranges in order, a media-col's
 * size against the printer's media. What the printer supports is the caller's to say; what
 * follows from the answer is RFC 8011's: an unsupported attribute goes back in the
 * unsupported-attributes group, or fails the request under {@code ipp-attribute-fidelity=true}.
 */
public final class JobTemplateValidation {
    /** Within a millimetre (in hundredths of mm), as CUPS matches media sizes. */
    private static final int SIZE_TOLERANCE = 100;

    private JobTemplateValidation() {}

    /**
     * The request's job template attributes that {@code supported} accepts, in request order;
     * the others are marked unsupported on {@code response}.
     *
     * @param printerName named in the message of a request that fails, or null to name none
     * @throws IppException client-error-attributes-or-values-not-supported for an unsupported
     *     attribute when the request asks for fidelity
     */
    public static List<Attribute<?>> supportedPart(IppRequest request, IppResponse response,
                                                   Predicate<Attribute<?>> supported, String printerName) {
        boolean fidelity = request.operationValue(Types.ippAttributeFidelity).orElse(false);
        List<Attribute<?>> kept = new ArrayList<>();
        for (Attribute<?> attribute : request.group(Tag.jobAttributes).map(List::copyOf).orElse(List.of())) {
            if (supported.test(attribute)) {
                kept.add(attribute);
            } else if (fidelity) {
                throw new IppException(Status.clientErrorAttributesOrValuesNotSupported,
                        attribute.getName() + " is not supported" + (printerName == null ? "" : " by " + printerName));
            } else {
                response.unsupported(attribute);
            }
        }
        return kept;
    }

    /**
     * The request's page-ranges, or none.
     *
     * @throws IppException client-error-bad-request when a range does not start after the one
     *     before it ends (RFC 8011 §5.2.7)
     */
    public static List<IntRange> pageRanges(IppRequest request) {
        AttributeGroup job = request.group(Tag.jobAttributes).orElse(null);
        Attribute<?> raw = job == null ? null : job.get(Types.pageRanges.getName());
        Attribute<IntRange> ranges = raw == null ? null : Types.pageRanges.coerce(raw);
        if (ranges == null) {
            return List.of();
        }
        int previous = 0;
        for (IntRange range : ranges) {
            // Do the ranges ascend without overlap?
            if (range.getFirst() <= previous) {
                throw new IppException(Status.clientErrorBadRequest, "page-ranges must ascend without overlap");
            }
            previous = range.getLast();
        }
        return List.copyOf(ranges);
    }

    /**
     * Is the size of {@code requested} one of {@code database}'s? A media-col that names no size
     * is; one with half a size is not. A range (a roll) takes any size inside it.
     */
    public static boolean sizeSupported(MediaCol requested, Iterable<MediaColDatabase> database) {
        if (requested.getMediaSize() == null) {
            return true;
        }
        Integer x = requested.getMediaSize().getXDimension();
        Integer y = requested.getMediaSize().getYDimension();
        if (x == null || y == null) {
            return false;
        }
        for (MediaColDatabase entry : database) {
            MediaColDatabase.MediaSize size = entry.getMediaSize();
            if (size != null && size.getXDimension() != null && size.getYDimension() != null
                    && fits(size.getXDimension(), x) && fits(size.getYDimension(), y)) {
                return true;
            }
        }
        return false;
    }

    private static boolean fits(IntOrIntRange dimension, int size) {
        return dimension.getSimpleInt() ? Math.abs(dimension.getStart() - size) <= SIZE_TOLERANCE
                : size >= dimension.getStart() && size <= dimension.getEndInclusive();
    }
}
