package org.printgate.sim.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.AttributeType;
import com.hp.jipp.encoding.Resolution;
import com.hp.jipp.model.MediaCol;
import com.hp.jipp.model.MediaColDatabase;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import kotlin.ranges.IntRange;
import org.printgate.ipp.IppException;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.PrinterSpec;

/**
 * Checks the job template attributes of Print-Job, Validate-Job and Create-Job against what the
 * printer supports (RFC 8011 §5.2, PWG 5100.14 §5.2). Anything unsupported goes back in the
 * unsupported-attributes group; with {@code ipp-attribute-fidelity=true} it fails the request.
 */
final class JobTemplate {
    static final int MAX_COPIES = 99;

    /** The job template attributes we take, each with the test of a supported value. */
    private static final Map<String, BiPredicate<Attribute<?>, PrinterSpec>> CHECKS = new LinkedHashMap<>();

    static {
        check(Types.copies, (v, spec) -> v >= 1 && v <= MAX_COPIES);
        check(Types.sides, (v, spec) -> spec.sidesSupported().contains(v));
        check(Types.media, (v, spec) -> spec.mediaSupported().contains(v.getKeyword()));
        check(Types.mediaCol, (v, spec) -> mediaColSupported(v, spec));
        check(Types.printColorMode, (v, spec) -> v.equals("auto") || v.equals("monochrome")
                || (spec.colorSupported() && v.equals("color")));
        check(Types.printQuality, (v, spec) -> v.getCode() >= 3 && v.getCode() <= 5);
        check(Types.orientationRequested, (v, spec) -> v.getCode() >= 3 && v.getCode() <= 6);
        check(Types.printerResolution, (v, spec) -> resolutionSupported(v, spec));
        check(Types.pageRanges, (v, spec) -> v.getFirst() >= 1 && v.getFirst() <= v.getLast());
        check(Types.finishings, (v, spec) -> v.getCode() == 3);
        check(Types.jobPriority, (v, spec) -> v >= 1 && v <= 100);
        check(Types.jobHoldUntil, (v, spec) -> "no-hold".equals(v.getKeyword()));
        check(Types.jobSheets, (v, spec) -> "none".equals(v.getKeyword()));
        check(Types.multipleDocumentHandling, (v, spec) -> true);
        check(Types.numberUp, (v, spec) -> v == 1);
        check(Types.outputBin, (v, spec) -> "face-down".equals(v.getKeyword()));
        check(Types.printScaling, (v, spec) -> List.of("auto", "auto-fit", "fill", "fit", "none").contains(v));
        check(Types.printContentOptimize, (v, spec) -> true);
        check(Types.printRenderingIntent, (v, spec) -> List.of("auto", "perceptual", "relative").contains(v));
        check(Types.overrides, (v, spec) -> true);
        check(Types.feedOrientation, (v, spec) -> v.equals("short-edge-first"));
    }

    /** job-creation-attributes-supported: what Create-Job and Print-Job take. */
    static final List<String> CREATION_ATTRIBUTES = List.copyOf(CHECKS.keySet());

    private JobTemplate() {}

    @SuppressWarnings("unchecked")
    private static <T> void check(AttributeType<T> type, BiPredicate<T, PrinterSpec> supported) {
        CHECKS.put(type.getName(), (attribute, spec) -> {
            Attribute<T> typed = type.coerce(attribute);
            if (typed == null || typed.isEmpty()) {
                return false;
            }
            for (T value : typed) {
                if (!supported.test(value, spec)) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Checks the request's job attributes; returns the page-ranges to print (empty for all).
     * Throws for a request that must fail; marks the rest unsupported on the response.
     */
    static List<int[]> validate(IppRequest request, SimPrinter printer, IppResponse response) {
        boolean fidelity = request.operationValue(Types.ippAttributeFidelity).orElse(false);
        List<int[]> ranges = new ArrayList<>();
        AttributeGroup job = request.group(com.hp.jipp.encoding.Tag.jobAttributes).orElse(null);
        if (job == null) {
            return ranges;
        }
        for (Attribute<?> attribute : job) {
            BiPredicate<Attribute<?>, PrinterSpec> check = CHECKS.get(attribute.getName());
            if (check == null || !check.test(attribute, printer.spec())) {
                if (fidelity) {
                    throw new IppException(Status.clientErrorAttributesOrValuesNotSupported,
                            attribute.getName() + " is not supported");
                }
                response.unsupported(attribute);
            }
        }
        Attribute<?> raw = job.get(Types.pageRanges.getName());
        Attribute<IntRange> pageRanges = raw == null ? null : Types.pageRanges.coerce(raw);
        if (pageRanges != null) {
            int previous = 0;
            for (IntRange range : pageRanges) {
                // Are the ranges ascending and not overlapping (RFC 8011 §5.2.7)?
                if (range.getFirst() <= previous) {
                    throw new IppException(Status.clientErrorBadRequest, "page-ranges must ascend without overlap");
                }
                previous = range.getLast();
                ranges.add(new int[] {range.getFirst(), range.getLast()});
            }
        }
        return ranges;
    }

    private static boolean mediaColSupported(MediaCol col, PrinterSpec spec) {
        if (col.getMediaSize() == null) {
            return true;
        }
        Integer x = col.getMediaSize().getXDimension();
        Integer y = col.getMediaSize().getYDimension();
        if (x == null || y == null) {
            return false;
        }
        for (String name : spec.mediaSupported()) {
            int[] size = MediaSizes.hundredthsOfMm(name);
            // Within a millimetre, as CUPS matches sizes.
            if (Math.abs(size[0] - x) <= 100 && Math.abs(size[1] - y) <= 100) {
                return true;
            }
        }
        return false;
    }

    private static boolean resolutionSupported(Resolution resolution, PrinterSpec spec) {
        return resolution.getCrossFeedResolution() == resolution.getFeedResolution()
                && spec.printerResolutionSupported().contains(resolution.getCrossFeedResolution());
    }

    /** media-col-default is a media-col, not a media-col-database entry: same members. */
    static MediaCol toMediaCol(MediaColDatabase entry) {
        MediaCol col = new MediaCol();
        col.setMediaSize(new MediaCol.MediaSize(entry.getMediaSize().getXDimension().getStart(),
                entry.getMediaSize().getYDimension().getStart()));
        col.setMediaBottomMargin(entry.getMediaBottomMargin());
        col.setMediaLeftMargin(entry.getMediaLeftMargin());
        col.setMediaRightMargin(entry.getMediaRightMargin());
        col.setMediaTopMargin(entry.getMediaTopMargin());
        col.setMediaType(entry.getMediaType());
        return col;
    }
}
