package org.printgate.engine.console;

import java.util.Locale;
import java.util.Map;

/**
 * printer-state-reasons keywords (RFC 8011 §5.4.12, PWG 5100.9) in words an operator reads. The
 * severity suffix says how bad; the stem says what. Unknown keywords are shown as their words.
 */
final class ReasonWords {
    private static final Map<String, String> STEMS = Map.ofEntries(
            Map.entry("paused", "Paused by an operator"),
            Map.entry("media-jam", "Paper jam"),
            Map.entry("media-empty", "Out of paper"),
            Map.entry("media-low", "Paper low"),
            Map.entry("media-needed", "Paper needed"),
            Map.entry("toner-low", "Toner low"),
            Map.entry("toner-empty", "Toner empty"),
            Map.entry("marker-supply-low", "Supply low"),
            Map.entry("marker-supply-empty", "Supply empty"),
            Map.entry("cover-open", "Cover open"),
            Map.entry("door-open", "Door open"),
            Map.entry("input-tray-missing", "Tray missing"),
            Map.entry("output-area-full", "Output bin full"),
            Map.entry("offline", "Not answering"),
            Map.entry("shutdown", "Shut down"),
            Map.entry("spool-area-full", "Spool area full"),
            Map.entry("printgate-firmware-updating", "Firmware updating"));

    private ReasonWords() {}

    static String of(String keyword) {
        String stem = keyword;
        String severity = "";
        for (String suffix : new String[] {"-error", "-warning", "-report"}) {
            if (keyword.endsWith(suffix)) {
                stem = keyword.substring(0, keyword.length() - suffix.length());
                severity = suffix.substring(1);
            }
        }
        String words = STEMS.get(stem);
        if (words == null) {
            String plain = stem.replace('-', ' ');
            words = plain.isEmpty() ? keyword : Character.toUpperCase(plain.charAt(0)) + plain.substring(1);
        }
        return severity.isEmpty() || severity.equals("error") ? words : words + " (" + severity.toLowerCase(Locale.ROOT) + ")";
    }
}
