package org.printgate.spooler.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Words for printer-state-reasons keywords (RFC 8011 §5.4.12, PWG 5100.9), for job messages. */
public final class PrinterTrouble {
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("media-jam", "has a paper jam"),
            Map.entry("media-empty", "is out of paper"),
            Map.entry("media-needed", "is out of paper"),
            Map.entry("toner-empty", "is out of toner"),
            Map.entry("marker-supply-empty", "is out of ink"),
            Map.entry("cover-open", "has its cover open"),
            Map.entry("door-open", "has a door open"),
            Map.entry("offline", "is offline"),
            Map.entry("paused", "is paused by an operator"),
            Map.entry("shutdown", "is switched off"),
            Map.entry("spool-area-full", "is out of memory"),
            Map.entry("connecting-to-device", "cannot be reached"));

    private PrinterTrouble() {}

    /** "is out of paper and has its cover open"; "is stopped" when no reason is known. */
    public static String describe(List<String> reasons) {
        List<String> words = new ArrayList<>();
        for (String reason : reasons) {
            String keyword = reason.replaceFirst("-(error|warning|report)$", "");
            String word = WORDS.get(keyword);
            if (word != null && !words.contains(word)) {
                words.add(word);
            }
        }
        return words.isEmpty() ? "is stopped" : String.join(" and ", words);
    }
}
