package org.printgate.spooler.local;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.IntOrIntRange;
import com.hp.jipp.encoding.KeywordOrName;
import com.hp.jipp.encoding.Resolution;
import com.hp.jipp.encoding.ResolutionUnit;
import com.hp.jipp.model.Finishing;
import com.hp.jipp.model.MediaColDatabase;
import com.hp.jipp.model.Orientation;
import com.hp.jipp.model.PrintQuality;
import com.hp.jipp.model.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.printgate.ipp.printer.MediaCollections;
import kotlin.ranges.IntRange;

/**
 * What a local printer advertises where the real printer's answer lacks it: the IPP Everywhere
 * minimum (PWG 5100.14 §5.2) for a monochrome A4/Letter printer. A socket printer the engine has
 * no capabilities for gets all of these; an IPP printer's own values always win.
 *
 * <p>Only what is honoured without the printer's say is offered: a raw printer takes no job
 * options, so one value each (portrait, one-sided, no scaling) but copies, which the spooler
 * makes by sending the document again; the page size is the document's own.
 */
final class DefaultCapabilities {
    private static final int MARGIN = 423;
    private static final List<String> MEDIA = List.of("iso_a4_210x297mm", "na_letter_8.5x11in");

    private DefaultCapabilities() {}

    private static List<Attribute<?>> all() {
        List<Attribute<?>> a = new ArrayList<>();
        a.add(Types.documentFormatSupported.of("application/pdf", "application/postscript", "application/octet-stream"));
        a.add(Types.printerMakeAndModel.of("Generic PostScript printer"));
        a.add(Types.copiesDefault.of(1));
        a.add(Types.copiesSupported.of(new IntRange(1, 99)));
        a.add(Types.pageRangesSupported.of(false));
        a.add(Types.finishingsDefault.of(Finishing.none));
        a.add(Types.finishingsSupported.of(Finishing.none));
        a.add(Types.orientationRequestedDefault.of(Orientation.portrait));
        a.add(Types.orientationRequestedSupported.of(Orientation.portrait));
        a.add(Types.outputBinDefault.of(new KeywordOrName("face-down")));
        a.add(Types.outputBinSupported.of(List.of(new KeywordOrName("face-down"))));
        a.add(Types.printQualityDefault.of(PrintQuality.normal));
        a.add(Types.printQualitySupported.of(PrintQuality.normal));
        a.add(Types.printColorModeDefault.of("monochrome"));
        a.add(Types.printColorModeSupported.of("auto", "monochrome"));
        a.add(Types.colorSupported.of(false));
        a.add(Types.sidesDefault.of("one-sided"));
        a.add(Types.sidesSupported.of("one-sided"));
        Resolution dpi = new Resolution(600, 600, ResolutionUnit.dotsPerInch);
        a.add(Types.printerResolutionDefault.of(dpi));
        a.add(Types.printerResolutionSupported.of(dpi));
        a.add(Types.mediaDefault.of(new KeywordOrName("iso_a4_210x297mm")));
        a.add(Types.mediaSupported.of(MEDIA.stream().map(KeywordOrName::new).toList()));
        a.add(Types.mediaReady.of(List.of(new KeywordOrName("iso_a4_210x297mm"))));
        a.add(Types.mediaSourceSupported.of(List.of(new KeywordOrName("auto"))));
        a.add(Types.mediaTypeSupported.of(List.of(new KeywordOrName("stationery"))));
        a.add(Types.mediaBottomMarginSupported.of(MARGIN));
        a.add(Types.mediaLeftMarginSupported.of(MARGIN));
        a.add(Types.mediaRightMarginSupported.of(MARGIN));
        a.add(Types.mediaTopMarginSupported.of(MARGIN));
        a.add(Types.mediaColSupported.of("media-bottom-margin", "media-left-margin", "media-right-margin",
                "media-size", "media-source", "media-top-margin", "media-type"));
        a.add(Types.mediaColDatabase.of(MEDIA.stream().map(DefaultCapabilities::entry).toList()));
        a.add(Types.mediaColReady.of(List.of(entry("iso_a4_210x297mm"))));
        a.add(Types.mediaColDefault.of(MediaCollections.mediaCol("iso_a4_210x297mm", MARGIN, "stationery", null)));
        a.add(Types.printContentOptimizeDefault.of("auto"));
        a.add(Types.printContentOptimizeSupported.of("auto"));
        a.add(Types.printScalingDefault.of("auto"));
        a.add(Types.printScalingSupported.of("auto"));
        a.add(Types.printRenderingIntentDefault.of("auto"));
        a.add(Types.printRenderingIntentSupported.of("auto"));
        a.add(Types.overridesSupported.of("document-numbers", "pages"));
        a.add(Types.numberUpSupported.of(List.of(new IntOrIntRange(1))));
        a.add(Types.feedOrientationDefault.of("short-edge-first"));
        a.add(Types.feedOrientationSupported.of("short-edge-first"));
        a.add(Types.pagesPerMinute.of(20));
        return a;
    }

    /**
     * One list for every printer whose capabilities are not fetched yet: attributes are immutable,
     * and a spooler of 2,000 queues held 2,000 copies of it.
     */
    private static final List<Attribute<?>> DEFAULTS = List.copyOf(all());

    /** Defaults for what {@code capabilities} lacks, followed by {@code capabilities}. */
    static List<Attribute<?>> completing(List<Attribute<?>> capabilities) {
        if (capabilities.isEmpty() || capabilities == DEFAULTS) {
            return DEFAULTS;
        }
        Map<String, Attribute<?>> merged = new LinkedHashMap<>();
        for (Attribute<?> attribute : DEFAULTS) {
            merged.put(attribute.getName(), attribute);
        }
        for (Attribute<?> attribute : capabilities) {
            merged.put(attribute.getName(), attribute);
        }
        return List.copyOf(merged.values());
    }

    private static MediaColDatabase entry(String name) {
        return MediaCollections.databaseEntry(name, MARGIN, "stationery", null);
    }
}
