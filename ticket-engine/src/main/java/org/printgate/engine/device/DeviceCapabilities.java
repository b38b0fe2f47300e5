package org.printgate.engine.device;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.KeywordOrName;
import com.hp.jipp.encoding.Resolution;
import com.hp.jipp.encoding.ResolutionUnit;
import com.hp.jipp.model.Finishing;
import com.hp.jipp.model.Orientation;
import com.hp.jipp.model.PrintQuality;
import com.hp.jipp.model.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kotlin.ranges.IntRange;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.printer.MediaCollections;

/**
 * What the printer behind a queue can do: the IPP Everywhere capability attributes (PWG 5100.14
 * §5.2, RFC 8011 §5.4, PWG 5100.7/5100.13) a spooler needs to present the queue as a printer of
 * its own (docs/ticket-protocol.md §6.10). For ipp/ipps devices they are the device's own answer
 * to Get-Printer-Attributes ({@link #fromDevice}); a raw socket device cannot be asked, so its
 * queue describes it in the configuration ({@link #configured}), with defaults for a plain
 * monochrome one-sided PostScript/PDF A4/Letter printer.
 */
public final class DeviceCapabilities {
    /** The capability attributes asked of ipp devices and passed on to clients, in answer order. */
    public static final List<String> NAMES = List.of(
            Types.printerMakeAndModel.getName(), Types.printerDeviceId.getName(),
            Types.documentFormatSupported.getName(), Types.documentFormatDefault.getName(),
            Types.mediaSupported.getName(), Types.mediaDefault.getName(), Types.mediaReady.getName(),
            Types.mediaSizeSupported.getName(), Types.mediaColDatabase.getName(), Types.mediaColDefault.getName(),
            Types.mediaColReady.getName(), Types.mediaColSupported.getName(), Types.mediaSourceSupported.getName(),
            Types.mediaTypeSupported.getName(), Types.mediaBottomMarginSupported.getName(),
            Types.mediaLeftMarginSupported.getName(), Types.mediaRightMarginSupported.getName(),
            Types.mediaTopMarginSupported.getName(), Types.sidesSupported.getName(), Types.sidesDefault.getName(),
            Types.printColorModeSupported.getName(), Types.printColorModeDefault.getName(),
            Types.colorSupported.getName(), Types.copiesSupported.getName(), Types.copiesDefault.getName(),
            Types.pageRangesSupported.getName(), Types.printerResolutionSupported.getName(),
            Types.printerResolutionDefault.getName(), Types.pwgRasterDocumentResolutionSupported.getName(),
            Types.pwgRasterDocumentSheetBack.getName(), Types.pwgRasterDocumentTypeSupported.getName(),
            ExtraTypes.urfSupported.getName(), Types.printQualitySupported.getName(),
            Types.printQualityDefault.getName(), Types.outputBinSupported.getName(), Types.outputBinDefault.getName(),
            Types.finishingsSupported.getName(), Types.finishingsDefault.getName(),
            Types.finishingsColSupported.getName(), Types.finishingsColDatabase.getName(),
            Types.finishingsColDefault.getName(), Types.orientationRequestedSupported.getName(),
            Types.orientationRequestedDefault.getName(), Types.numberUpSupported.getName(),
            Types.numberUpDefault.getName(), Types.printScalingSupported.getName(),
            Types.printScalingDefault.getName(), Types.printContentOptimizeSupported.getName(),
            Types.printContentOptimizeDefault.getName(), Types.multipleDocumentHandlingSupported.getName(),
            Types.overridesSupported.getName(), Types.pdfVersionsSupported.getName(), Types.pagesPerMinute.getName(),
            Types.pagesPerMinuteColor.getName(), Types.jobCreationAttributesSupported.getName(),
            // Supplies (PWG 5100.13 §6.6.4 and CUPS's marker-*): IPP Everywhere asks for them, and
            // desktops show ink levels from them. As fresh as the watch's last check.
            Types.printerSupply.getName(), Types.printerSupplyDescription.getName(),
            Types.printerSupplyInfoUri.getName(), ExtraTypes.markerNames.getName(), ExtraTypes.markerColors.getName(),
            ExtraTypes.markerTypes.getName(), ExtraTypes.markerLevels.getName(), ExtraTypes.markerLowLevels.getName(),
            ExtraTypes.markerHighLevels.getName());

    private static final Set<String> NAME_SET = Set.copyOf(NAMES);

    /** The keys a queue's {@code capabilities:} block may hold; each is the IPP attribute it sets. */
    static final Set<String> CONFIG_KEYS = Set.of(
            "make-and-model", "printer-make-and-model", "document-format-supported", "document-format-default",
            "media-supported", "media-default", "media-source-supported", "media-type-supported",
            "sides-supported", "sides-default", "print-color-mode-supported", "print-color-mode-default",
            "color-supported", "copies-supported", "page-ranges-supported",
            "printer-resolution-supported", "printer-resolution-default",
            "pwg-raster-document-type-supported", "pwg-raster-document-sheet-back", "urf-supported",
            "print-quality-supported", "print-quality-default", "output-bin-supported", "output-bin-default",
            "finishings-supported", "finishings-default",
            "orientation-requested-supported", "orientation-requested-default", "media-margin");

    /** 1/6 inch, what most lasers cannot print on. */
    private static final int DEFAULT_MARGIN = 423;
    private static final Pattern RESOLUTION = Pattern.compile("(\\d+)(?:x(\\d+))?(?:dpi)?");

    private DeviceCapabilities() {}

    /** Is {@code name} one of the capability attributes? */
    public static boolean isCapability(String name) {
        return NAME_SET.contains(name);
    }

    /** The capability attributes of a device's Get-Printer-Attributes answer, in {@link #NAMES} order. */
    public static List<Attribute<?>> fromDevice(AttributeGroup printer) {
        List<Attribute<?>> kept = new ArrayList<>();
        if (printer == null) {
            return kept;
        }
        for (String name : NAMES) {
            Attribute<?> attribute = printer.get(name);
            if (attribute != null) {
                kept.add(attribute);
            }
        }
        return List.copyOf(kept);
    }

    /**
     * The capabilities of a raw (socket://) device from its queue's {@code capabilities:} block
     * (keys are IPP attribute names; null or absent keys take the defaults).
     *
     * @throws IllegalArgumentException for an unknown key or a value of the wrong kind
     */
    public static List<Attribute<?>> configured(Map<String, Object> block) {
        Block b = new Block(block == null ? Map.of() : block);
        List<Attribute<?>> a = new ArrayList<>();
        a.add(Types.printerMakeAndModel.of(b.string("make-and-model",
                b.string("printer-make-and-model", "Generic PostScript printer"))));

        List<String> formats = b.strings("document-format-supported", List.of("application/postscript", "application/pdf"));
        a.add(Types.documentFormatSupported.of(formats));
        a.add(Types.documentFormatDefault.of(b.string("document-format-default", formats.get(0))));

        List<String> media = b.strings("media-supported", List.of("iso_a4_210x297mm", "na_letter_8.5x11in"));
        String mediaDefault = b.string("media-default", media.get(0));
        List<String> sources = b.strings("media-source-supported", List.of("auto"));
        List<String> types = b.strings("media-type-supported", List.of("stationery"));
        int margin = b.integer("media-margin", DEFAULT_MARGIN);
        a.add(Types.mediaSupported.of(media.stream().map(KeywordOrName::new).toList()));
        a.add(Types.mediaDefault.of(new KeywordOrName(mediaDefault)));
        a.add(Types.mediaReady.of(List.of(new KeywordOrName(mediaDefault))));
        a.add(Types.mediaSizeSupported.of(MediaCollections.sizesSupported(media)));
        a.add(Types.mediaColDatabase.of(media.stream()
                .map(name -> MediaCollections.databaseEntry(name, margin, types.get(0), null)).toList()));
        a.add(Types.mediaColDefault.of(MediaCollections.mediaCol(mediaDefault, margin, types.get(0), sources.get(0))));
        a.add(Types.mediaColReady.of(List.of(MediaCollections.databaseEntry(mediaDefault, margin, types.get(0), null))));
        a.add(Types.mediaColSupported.of("media-bottom-margin", "media-left-margin", "media-right-margin",
                "media-size", "media-source", "media-top-margin", "media-type"));
        a.add(Types.mediaSourceSupported.of(sources.stream().map(KeywordOrName::new).toList()));
        a.add(Types.mediaTypeSupported.of(types.stream().map(KeywordOrName::new).toList()));
        a.add(Types.mediaBottomMarginSupported.of(margin));
        a.add(Types.mediaLeftMarginSupported.of(margin));
        a.add(Types.mediaRightMarginSupported.of(margin));
        a.add(Types.mediaTopMarginSupported.of(margin));

        List<String> sides = b.strings("sides-supported", List.of("one-sided"));
        a.add(Types.sidesSupported.of(sides));
        a.add(Types.sidesDefault.of(b.string("sides-default", sides.get(0))));

        // Colour: color-supported and the print-color-mode values say the same; either may be given.
        Boolean color = b.bool("color-supported");
        List<String> modes = b.strings("print-color-mode-supported", Boolean.TRUE.equals(color)
                ? List.of("auto", "color", "monochrome") : List.of("auto", "monochrome"));
        boolean colorCapable = color != null ? color : modes.contains("color");
        a.add(Types.printColorModeSupported.of(modes));
        a.add(Types.printColorModeDefault.of(b.string("print-color-mode-default", colorCapable ? "color" : "monochrome")));
        a.add(Types.colorSupported.of(colorCapable));

        int copies = b.integer("copies-supported", 999);
        a.add(Types.copiesSupported.of(new IntRange(1, copies)));
        a.add(Types.copiesDefault.of(1));
        boolean pageRanges = Boolean.TRUE.equals(b.bool("page-ranges-supported"));
        a.add(Types.pageRangesSupported.of(pageRanges));

        List<Resolution> resolutions = b.strings("printer-resolution-supported", List.of("600")).stream()
                .map(DeviceCapabilities::resolution).toList();
        a.add(Types.printerResolutionSupported.of(resolutions));
        a.add(Types.printerResolutionDefault.of(resolution(b.string("printer-resolution-default",
                resolutionText(resolutions.get(0))))));
        if (formats.contains("image/pwg-raster")) {
            a.add(Types.pwgRasterDocumentResolutionSupported.of(resolutions));
            a.add(Types.pwgRasterDocumentSheetBack.of(b.string("pwg-raster-document-sheet-back", "normal")));
            a.add(Types.pwgRasterDocumentTypeSupported.of(b.strings("pwg-raster-document-type-supported",
                    colorCapable ? List.of("black_1", "sgray_8", "srgb_8") : List.of("black_1", "sgray_8"))));
        }
        if (formats.contains("image/urf") || b.has("urf-supported")) {
            a.add(ExtraTypes.urfSupported.of(b.strings("urf-supported", List.of("V1.4", "CP1", "W8", "RS" + resolutions.get(0).getCrossFeedResolution()))));
        }

        List<PrintQuality> qualities = b.strings("print-quality-supported", List.of("normal")).stream()
                .map(q -> enumValue(q, PrintQuality.Companion::get, "print-quality")).toList();
        a.add(Types.printQualitySupported.of(qualities));
        a.add(Types.printQualityDefault.of(b.has("print-quality-default")
                ? enumValue(b.string("print-quality-default", ""), PrintQuality.Companion::get, "print-quality")
                : qualities.contains(PrintQuality.normal) ? PrintQuality.normal : qualities.get(0)));

        List<String> bins = b.strings("output-bin-supported", List.of("face-down"));
        a.add(Types.outputBinSupported.of(bins.stream().map(KeywordOrName::new).toList()));
        a.add(Types.outputBinDefault.of(new KeywordOrName(b.string("output-bin-default", bins.get(0)))));

        List<Finishing> finishings = b.strings("finishings-supported", List.of("none")).stream()
                .map(f -> enumValue(f, Finishing.Companion::get, "finishings")).toList();
        a.add(Types.finishingsSupported.of(finishings));
        a.add(Types.finishingsDefault.of(enumValue(b.string("finishings-default", "none"), Finishing.Companion::get,
                "finishings")));

        List<Orientation> orientations = b.strings("orientation-requested-supported",
                List.of("portrait", "landscape", "reverse-landscape", "reverse-portrait")).stream()
                .map(o -> enumValue(o, Orientation.Companion::get, "orientation-requested")).toList();
        a.add(Types.orientationRequestedSupported.of(orientations));
        a.add(Types.orientationRequestedDefault.of(enumValue(b.string("orientation-requested-default", "portrait"),
                Orientation.Companion::get, "orientation-requested")));

        // What a client may ask for at job creation: the job template attributes described above.
        List<String> creation = new ArrayList<>(List.of("copies", "finishings", "media", "media-col",
                "orientation-requested", "output-bin", "print-color-mode", "print-quality", "printer-resolution", "sides"));
        if (pageRanges) {
            creation.add("page-ranges");
        }
        a.add(Types.jobCreationAttributesSupported.of(creation));
        return List.copyOf(a);
    }

    /** The defaults of a raw device whose queue says nothing about it. */
    public static final List<Attribute<?>> DEFAULTS = configured(null);

    /** "600", "600dpi" or "300x600dpi" (cross-feed x feed). */
    private static Resolution resolution(String text) {
        Matcher m = RESOLUTION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("printer-resolution: not a resolution in dpi: " + text);
        }
        int x = Integer.parseInt(m.group(1));
        return new Resolution(x, m.group(2) == null ? x : Integer.parseInt(m.group(2)), ResolutionUnit.dotsPerInch);
    }

    private static String resolutionText(Resolution r) {
        return r.getCrossFeedResolution() + "x" + r.getFeedResolution() + "dpi";
    }

    /** An IPP enum value by its keyword ("staple", "landscape", "high") or its number. */
    private static <T extends com.hp.jipp.encoding.Enum> T enumValue(String text, IntFunction<T> byCode, String attribute) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        if (wanted.matches("\\d+")) {
            return byCode.apply(Integer.parseInt(wanted));
        }
        // Registered enum values are small numbers (finishings go highest, below 200).
        for (int code = 1; code < 200; code++) {
            T value = byCode.apply(code);
            if (value.getName().equals(wanted)) {
                return value;
            }
        }
        throw new IllegalArgumentException(attribute + ": unknown value " + text);
    }

    /** The YAML block, read leniently: a single value where a list is expected is a list of one. */
    private static final class Block {
        private final Map<String, Object> values;

        Block(Map<String, Object> values) {
            this.values = new LinkedHashMap<>(values);
            for (String key : this.values.keySet()) {
                if (!CONFIG_KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown capability " + key + "; known: " + CONFIG_KEYS);
                }
            }
        }

        boolean has(String key) {
            return values.get(key) != null;
        }

        List<String> strings(String key, List<String> otherwise) {
            Object value = values.get(key);
            if (value == null) {
                return otherwise;
            }
            List<String> list = value instanceof List<?> items ? items.stream().map(String::valueOf).toList()
                    : List.of(String.valueOf(value));
            if (list.isEmpty()) {
                throw new IllegalArgumentException(key + " must not be empty");
            }
            return list;
        }

        String string(String key, String otherwise) {
            Object value = values.get(key);
            if (value instanceof List<?>) {
                throw new IllegalArgumentException(key + " takes one value");
            }
            return value == null ? otherwise : String.valueOf(value);
        }

        Boolean bool(String key) {
            Object value = values.get(key);
            if (value == null) {
                return null;
            }
            if (value instanceof Boolean flag) {
                return flag;
            }
            throw new IllegalArgumentException(key + " must be true or false");
        }

        int integer(String key, int otherwise) {
            Object value = values.get(key);
            if (value == null) {
                return otherwise;
            }
            if (value instanceof Number number && number.intValue() > 0) {
                return number.intValue();
            }
            throw new IllegalArgumentException(key + " must be a positive number");
        }
    }
}
