package org.printgate.sim.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeType;
import com.hp.jipp.encoding.Resolution;
import com.hp.jipp.model.MediaCol;
import com.hp.jipp.model.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.printgate.ipp.IppRequest;
import org.printgate.ipp.IppResponse;
import org.printgate.ipp.printer.JobTemplateValidation;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.PrinterSpec;

/**
 * Checks the job template attributes of Print-Job, Validate-Job and Create-Job against what the
 * printer supports (RFC 8011 §5.2, PWG 5100.14 §5.2). Anything unsupported goes back in the
 * unsupported-attributes group; with {@code ipp-attribute-fidelity=true} it fails the request.
 */
final class JobTemplate {
    static final int MAX_COPIES = 99;
    /** job-hold-until: printed at once, or held until Release-Job (RFC 8011 §5.2.2); no time of day. */
    static final String INDEFINITE = "indefinite";
    static final List<String> HOLD_UNTIL_SUPPORTED = List.of("no-hold", INDEFINITE);

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
        check(Types.jobHoldUntil, (v, spec) -> HOLD_UNTIL_SUPPORTED.contains(v.getKeyword()));
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
        JobTemplateValidation.supportedPart(request, response, attribute -> {
            BiPredicate<Attribute<?>, PrinterSpec> check = CHECKS.get(attribute.getName());
            return check != null && check.test(attribute, printer.spec());
        }, null);
        return JobTemplateValidation.pageRanges(request).stream()
                .map(range -> new int[] {range.getFirst(), range.getLast()}).toList();
    }

    private static boolean mediaColSupported(MediaCol col, PrinterSpec spec) {
        return JobTemplateValidation.sizeSupported(col,
                spec.mediaSupported().stream().map(name -> PrinterAttributes.mediaCol(name, null)).toList());
    }

    private static boolean resolutionSupported(Resolution resolution, PrinterSpec spec) {
        return resolution.getCrossFeedResolution() == resolution.getFeedResolution()
                && spec.printerResolutionSupported().contains(resolution.getCrossFeedResolution());
    }
}
