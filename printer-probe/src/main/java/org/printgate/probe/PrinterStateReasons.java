package org.printgate.probe;

import com.hp.jipp.model.PrinterStateReason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code printer-state-reasons} keywords as the watch keeps them (docs/ticket-protocol.md §5.1):
 * always with their severity suffix, one entry per keyword, most severe first. RFC 8011
 * §5.4.12: a keyword without {@code -error}, {@code -warning} or {@code -report} is an error.
 */
public final class PrinterStateReasons {
    public static final String ERROR = "-error";
    public static final String WARNING = "-warning";
    public static final String REPORT = "-report";

    /** The printer is off the network or switched to offline; CUPS's keyword, §5.1. jipp lacks it. */
    public static final String OFFLINE = "offline";
    /** §8.3: the printer is installing firmware; no registered keyword exists. */
    public static final String FIRMWARE_UPDATING = "printgate-firmware-updating";

    /** Short texts for printer-state-message (§5.2), by keyword without suffix. */
    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry(PrinterStateReason.mediaJam, "Paper jam"),
            Map.entry(PrinterStateReason.mediaEmpty, "Out of paper"),
            Map.entry(PrinterStateReason.mediaNeeded, "Load paper"),
            Map.entry(PrinterStateReason.mediaLow, "Paper low"),
            Map.entry(PrinterStateReason.tonerEmpty, "Toner empty"),
            Map.entry(PrinterStateReason.tonerLow, "Toner low"),
            Map.entry(PrinterStateReason.markerSupplyEmpty, "Ink empty"),
            Map.entry(PrinterStateReason.markerSupplyLow, "Ink low"),
            Map.entry(PrinterStateReason.markerSupplyMissing, "Toner or ink missing"),
            Map.entry(PrinterStateReason.coverOpen, "Cover open"),
            Map.entry(PrinterStateReason.doorOpen, "Door open"),
            Map.entry(PrinterStateReason.inputTrayMissing, "Input tray missing"),
            Map.entry(PrinterStateReason.outputTrayMissing, "Output tray missing"),
            Map.entry(PrinterStateReason.outputAreaFull, "Output tray full"),
            Map.entry(PrinterStateReason.outputAreaAlmostFull, "Output tray almost full"),
            Map.entry(PrinterStateReason.spoolAreaFull, "Printer memory full"),
            Map.entry(PrinterStateReason.paused, "Paused"),
            Map.entry(PrinterStateReason.other, "Needs attention"),
            Map.entry(OFFLINE, "Offline"),
            Map.entry(FIRMWARE_UPDATING, "Updating firmware"));

    private PrinterStateReasons() {
    }

    /** The keyword with its severity suffix: unsuffixed keywords are errors (RFC 8011 §5.4.12). */
    public static String withSeverity(String keyword) {
        String trimmed = keyword.trim();
        return severity(trimmed) >= 0 ? trimmed : trimmed + ERROR;
    }

    /** The keyword without its severity suffix. */
    public static String keyword(String reason) {
        return switch (severity(reason)) {
            case 2 -> reason.substring(0, reason.length() - ERROR.length());
            case 1 -> reason.substring(0, reason.length() - WARNING.length());
            case 0 -> reason.substring(0, reason.length() - REPORT.length());
            default -> reason;
        };
    }

    /** 2 error, 1 warning, 0 report, -1 no suffix. */
    private static int severity(String reason) {
        if (reason.endsWith(ERROR)) {
            return 2;
        }
        if (reason.endsWith(WARNING)) {
            return 1;
        }
        return reason.endsWith(REPORT) ? 0 : -1;
    }

    /** Is this reason one that changes the watch state (an -error or a -warning)? */
    public static boolean alerts(String reason) {
        return severity(reason) >= 1;
    }

    /**
     * The reasons of several sources as one list: {@code none} dropped, suffixes added, each
     * keyword once at its most severe (SNMP's inputTrayEmpty gives {@code media-empty-warning}
     * beside noPaper's {@code media-empty-error}: the error stays). Errors first, then warnings,
     * then reports, each in the order first seen.
     */
    public static List<String> merge(Collection<? extends Collection<String>> sources) {
        Map<String, String> byKeyword = new LinkedHashMap<>();
        for (Collection<String> source : sources) {
            for (String raw : source) {
                if (raw.isBlank() || raw.trim().equals(PrinterStateReason.none)) {
                    continue;
                }
                String reason = withSeverity(raw);
                byKeyword.merge(keyword(reason), reason, (kept, added) -> severity(added) > severity(kept) ? added : kept);
            }
        }
        List<String> merged = new ArrayList<>(byKeyword.size());
        for (int severity = 2; severity >= 0; severity--) {
            for (String reason : byKeyword.values()) {
                if (severity(reason) == severity) {
                    merged.add(reason);
                }
            }
        }
        return List.copyOf(merged);
    }

    /**
     * A short printer-state-message (§5.2): the texts of the errors, else of the warnings;
     * for keywords without a text, the device's own message or the keyword; with no alert,
     * the device's message or "".
     */
    public static String message(List<String> reasons, String deviceMessage) {
        String device = deviceMessage == null ? "" : deviceMessage.trim();
        for (String suffix : List.of(ERROR, WARNING)) {
            List<String> texts = new ArrayList<>();
            for (String reason : reasons) {
                if (reason.endsWith(suffix)) {
                    String text = TEXTS.get(keyword(reason));
                    texts.add(text != null ? text : device.isEmpty() ? keyword(reason) : device);
                }
            }
            if (!texts.isEmpty()) {
                return String.join(", ", texts.stream().distinct().toList());
            }
        }
        return device;
    }
}
