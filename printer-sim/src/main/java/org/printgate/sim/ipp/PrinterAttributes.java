package org.printgate.sim.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.IntOrIntRange;
import com.hp.jipp.encoding.KeyValues;
import com.hp.jipp.encoding.KeywordOrName;
import com.hp.jipp.encoding.Resolution;
import com.hp.jipp.encoding.ResolutionUnit;
import com.hp.jipp.model.MediaColDatabase;
import com.hp.jipp.model.Operation;
import com.hp.jipp.model.Orientation;
import com.hp.jipp.model.PrintQuality;
import com.hp.jipp.model.Types;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import com.hp.jipp.encoding.Name;
import com.hp.jipp.encoding.Text;
import kotlin.ranges.IntRange;
import org.printgate.ipp.ExtraTypes;
import org.printgate.ipp.printer.MediaCollections;
import org.printgate.ipp.printer.PrinterDescription;
import org.printgate.ipp.printer.PrinterStatus;
import org.printgate.ipp.subscription.Subscriptions;
import org.printgate.sim.hardware.Hardware;
import org.printgate.sim.printer.SimPrinter;
import org.printgate.sim.profile.PrinterSpec;
import org.printgate.sim.profile.SupplySpec;
import org.printgate.sim.profile.TraySpec;

/**
 * The printer description and status attributes of a simulated printer: the IPP Everywhere set
 * (PWG 5100.14 §5.2, with RFC 8011 §5.4 and PWG 5100.7/5100.13), derived from its profile and
 * its hardware state at the moment of the request.
 */
final class PrinterAttributes {
    /** Margins in hundredths of mm: 0 for borderless-capable raster, 4.23 mm (1/6 in) otherwise. */
    private static final int MARGIN = 423;

    private PrinterAttributes() {}

    /** IPP/2.1 (PWG 5100.12): subscriptions with ippget and the operator operations are there. */
    static final List<String> IPP_VERSIONS = List.of("1.0", "1.1", "2.0", "2.1");

    /** @param stateChangedAt printer-state-change-time, in the printer's up-time clock */
    static List<Attribute<?>> of(SimPrinter printer, URI printerUri, List<Operation> operations, int stateChangedAt) {
        PrinterSpec spec = printer.spec();
        Hardware hardware = printer.hardware();
        String authority = printerUri.getRawAuthority();
        List<Attribute<?>> a = new ArrayList<>(PrinterDescription.of(printerUri)
                .name(spec.printerName())
                .info(nonNull(spec.printerInfo()))
                .location(nonNull(spec.printerLocation()))
                .makeAndModel(spec.printerMakeAndModel())
                .moreInfo(URI.create("http://" + authority + "/ipp/print"))
                .icons(PrinterIppService.ICONS.uris(authority))
                .uuid(URI.create("urn:uuid:" + printer.uuid()))
                .deviceId(hardware.ieee1284DeviceId())
                .dnsSdName(spec.printerName())
                .operations(operations)
                .ippVersions(IPP_VERSIONS)
                .documentFormats(spec.documentFormatSupported())
                .multipleOperationTimeOut(JobOperations.MULTIPLE_OPERATION_TIME_OUT_SECONDS)
                .jobCreationAttributes(JobTemplate.CREATION_ATTRIBUTES)
                .attributes());
        // PWG 5100.14 §5.2: job template defaults and supported values.
        a.add(Types.copiesDefault.of(1));
        a.add(Types.copiesSupported.of(new IntRange(1, JobTemplate.MAX_COPIES)));
        a.add(Types.pageRangesSupported.of(true));
        // Page overrides are taken (and change nothing: the simulator does not render).
        a.add(Types.overridesSupported.of("document-numbers", "pages"));
        a.add(Types.finishingsDefault.of(com.hp.jipp.model.Finishing.none));
        a.add(Types.finishingsSupported.of(com.hp.jipp.model.Finishing.none));
        a.add(Types.jobSheetsDefault.of(new KeywordOrName("none")));
        a.add(Types.jobSheetsSupported.of(List.of(new KeywordOrName("none"))));
        a.add(Types.jobHoldUntilDefault.of(new KeywordOrName("no-hold")));
        a.add(Types.jobHoldUntilSupported.of(JobTemplate.HOLD_UNTIL_SUPPORTED.stream().map(KeywordOrName::new).toList()));
        a.add(Types.jobPriorityDefault.of(50));
        a.add(Types.jobPrioritySupported.of(1));
        a.add(Types.numberUpSupported.of(List.of(new IntOrIntRange(1))));
        a.add(Types.orientationRequestedDefault.of(Orientation.portrait));
        a.add(Types.orientationRequestedSupported.of(Orientation.portrait, Orientation.landscape,
                Orientation.reverseLandscape, Orientation.reversePortrait));
        a.add(Types.outputBinDefault.of(new KeywordOrName("face-down")));
        a.add(Types.outputBinSupported.of(List.of(new KeywordOrName("face-down"))));
        a.add(Types.printQualityDefault.of(PrintQuality.normal));
        a.add(Types.printQualitySupported.of(PrintQuality.draft, PrintQuality.normal, PrintQuality.high));
        a.add(Types.printColorModeDefault.of(spec.colorSupported() ? "color" : "monochrome"));
        a.add(Types.printColorModeSupported.of(spec.colorSupported()
                ? List.of("auto", "color", "monochrome") : List.of("auto", "monochrome")));
        a.add(Types.colorSupported.of(spec.colorSupported()));
        a.add(Types.printContentOptimizeDefault.of("auto"));
        a.add(Types.printContentOptimizeSupported.of("auto", "photo", "graphics", "text", "text-and-graphics"));
        a.add(Types.printRenderingIntentDefault.of("auto"));
        a.add(Types.printRenderingIntentSupported.of("auto", "perceptual", "relative"));
        a.add(Types.printScalingDefault.of("auto"));
        a.add(Types.printScalingSupported.of("auto", "auto-fit", "fill", "fit", "none"));
        a.add(Types.sidesDefault.of("one-sided"));
        a.add(Types.sidesSupported.of(spec.sidesSupported()));
        a.add(Types.feedOrientationDefault.of("short-edge-first"));
        a.add(Types.feedOrientationSupported.of("short-edge-first"));
        a.add(Types.pagesPerMinute.of(spec.pagesPerMinute()));
        if (spec.colorSupported()) {
            a.add(Types.pagesPerMinuteColor.of(spec.pagesPerMinute()));
        }
        List<Resolution> resolutions = spec.printerResolutionSupported().stream()
                .map(dpi -> new Resolution(dpi, dpi, ResolutionUnit.dotsPerInch)).toList();
        a.add(Types.printerResolutionDefault.of(resolutions.get(0)));
        a.add(Types.printerResolutionSupported.of(resolutions));
        if (spec.documentFormatSupported().contains("image/pwg-raster")) {
            a.add(Types.pwgRasterDocumentResolutionSupported.of(resolutions));
            a.add(Types.pwgRasterDocumentSheetBack.of("normal"));
            a.add(Types.pwgRasterDocumentTypeSupported.of(spec.colorSupported()
                    ? List.of("black_1", "sgray_8", "srgb_8") : List.of("black_1", "sgray_8")));
        }
        addMedia(a, printer);
        addSupplies(a, printer);
        addState(a, printer, stateChangedAt);
        a.addAll(Subscriptions.PRINTER_ATTRIBUTES);
        return a;
    }

    private static void addMedia(List<Attribute<?>> a, SimPrinter printer) {
        PrinterSpec spec = printer.spec();
        a.add(Types.mediaDefault.of(new KeywordOrName(spec.mediaDefault())));
        a.add(Types.mediaSupported.of(spec.mediaSupported().stream().map(KeywordOrName::new).toList()));
        a.add(Types.mediaSizeSupported.of(MediaCollections.sizesSupported(spec.mediaSupported())));
        a.add(Types.mediaBottomMarginSupported.of(MARGIN));
        a.add(Types.mediaLeftMarginSupported.of(MARGIN));
        a.add(Types.mediaRightMarginSupported.of(MARGIN));
        a.add(Types.mediaTopMarginSupported.of(MARGIN));
        List<String> sources = spec.trays().stream().map(TraySpec::mediaSource).distinct().toList();
        a.add(Types.mediaSourceSupported.of((sources.isEmpty() ? List.of("auto") : sources).stream().map(KeywordOrName::new).toList()));
        a.add(Types.mediaTypeSupported.of(List.of(new KeywordOrName("stationery"))));
        a.add(Types.mediaColSupported.of("media-bottom-margin", "media-left-margin", "media-right-margin",
                "media-size", "media-source", "media-top-margin", "media-type"));
        a.add(Types.mediaColDatabase.of(spec.mediaSupported().stream().map(name -> mediaCol(name, null)).toList()));
        a.add(Types.mediaColDefault.of(MediaCollections.mediaCol(spec.mediaDefault(), MARGIN, "stationery", null)));
        List<String> ready = new ArrayList<>();
        List<MediaColDatabase> readyCols = new ArrayList<>();
        for (TraySpec tray : spec.trays()) {
            ready.add(tray.media());
            readyCols.add(mediaCol(tray.media(), tray.mediaSource()));
        }
        if (ready.isEmpty()) {
            ready.add(spec.mediaDefault());
            readyCols.add(mediaCol(spec.mediaDefault(), null));
        }
        a.add(Types.mediaReady.of(ready.stream().distinct().map(KeywordOrName::new).toList()));
        a.add(Types.mediaColReady.of(readyCols));
    }

    /** A media-col-database or media-col-ready entry of the simulated printer's media. */
    static MediaColDatabase mediaCol(String name, String source) {
        return MediaCollections.databaseEntry(name, MARGIN, "stationery", source);
    }

    /** printer-supply (PWG 5100.13 §6.6.4) and the CUPS marker-* attributes, from the hardware. */
    private static void addSupplies(List<Attribute<?>> a, SimPrinter printer) {
        List<SupplySpec> supplies = printer.spec().supplies();
        if (supplies.isEmpty()) {
            return;
        }
        int[] levels = printer.hardware().supplyLevels();
        List<KeyValues> values = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> colors = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Integer> levelList = new ArrayList<>();
        for (int i = 0; i < supplies.size(); i++) {
            SupplySpec supply = supplies.get(i);
            values.add(keyValues(
                    "index", String.valueOf(i + 1), "type", supply.kind(), "maxcapacity", "100",
                    "level", String.valueOf(levels[i]), "class", "supplyThatIsConsumed", "unit", "percent",
                    "colorantname", supply.color()));
            names.add(supply.description());
            colors.add(supply.color());
            types.add(supply.kind());
            levelList.add(levels[i]);
        }
        a.add(Types.printerSupply.of(values));
        a.add(Types.printerSupplyDescription.of(names.stream().map(Text::new).toList()));
        a.add(Types.printerSupplyInfoUri.of(URI.create("http://localhost/supplies")));
        a.add(ExtraTypes.markerNames.of(names.stream().map(Name::new).toList()));
        a.add(ExtraTypes.markerColors.of(colors.stream().map(Name::new).toList()));
        a.add(ExtraTypes.markerTypes.of(types));
        a.add(ExtraTypes.markerLevels.of(levelList));
        a.add(ExtraTypes.markerLowLevels.of(supplies.stream().map(s -> 5).toList()));
        a.add(ExtraTypes.markerHighLevels.of(supplies.stream().map(s -> 100).toList()));
    }

    /** printer-state and friends (RFC 8011 §5.4.11-15), and the firmware (PWG 5110.1). */
    private static void addState(List<Attribute<?>> a, SimPrinter printer, int stateChangedAt) {
        Hardware hardware = printer.hardware();
        PrinterSpec spec = printer.spec();
        PrinterStateNow state = PrinterStateNow.of(printer);
        a.addAll(new PrinterStatus(state.state(), state.reasons(), state.message(), state.accepting(), printer.queuedJobCount(),
                (int) printer.upTimeSeconds(), stateChangedAt, 1).attributes());
        a.add(Types.printerFirmwareName.of(nonNull(spec.printerFirmwareName())));
        a.add(Types.printerFirmwareStringVersion.of(nonNull(spec.printerFirmwareStringVersion())));
        a.add(Types.printerFirmwareVersion.of(FirmwareOctets.of(spec.printerFirmwareStringVersion())));
        a.add(Types.printerFirmwarePatches.of(""));
        List<KeyValues> trays = new ArrayList<>();
        int[] levels = hardware.trayLevels();
        for (int i = 0; i < spec.trays().size(); i++) {
            TraySpec tray = spec.trays().get(i);
            trays.add(keyValues("type", "sheetFeedAutoRemovableTray", "mediafeed", "0", "mediaxfeed", "0",
                    "maxcapacity", String.valueOf(tray.maxCapacity()), "level", String.valueOf(levels[i]),
                    "status", levels[i] == 0 ? "19" : "0", "name", tray.name()));
        }
        if (!trays.isEmpty()) {
            a.add(Types.printerInputTray.of(trays));
        }
        a.add(Types.printerOutputTray.of(List.of(keyValues("type", "unRemovableBin", "maxcapacity", "250",
                "remaining", "100", "status", "0", "name", "face-down"))));
        List<KeyValues> alerts = new ArrayList<>();
        List<String> alertText = new ArrayList<>();
        for (var alert : hardware.alerts()) {
            alerts.add(keyValues("index", String.valueOf(alert.index()), "severity",
                    alert.severityLevel() == 3 ? "critical" : "warning", "code", String.valueOf(alert.code()),
                    "group", String.valueOf(alert.group())));
            alertText.add(alert.description());
        }
        if (!alerts.isEmpty()) {
            a.add(Types.printerAlert.of(alerts));
            a.add(Types.printerAlertDescription.of(alertText.stream().map(Text::new).toList()));
        }
    }

    /** A 1setOf octetString of key=value pairs (PWG 5100.13 printer-supply, printer-input-tray...). */
    private static KeyValues keyValues(String... keysAndValues) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            pairs.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new KeyValues(pairs, null);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
