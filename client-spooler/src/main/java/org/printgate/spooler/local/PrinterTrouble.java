package org.printgate.spooler.local;

import com.hp.jipp.model.PrinterStateReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Words for printer-state-reasons keywords (RFC 8011 §5.4.12, PWG 5100.9), for job messages. */
public final class PrinterTrouble {
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry(PrinterStateReason.mediaJam, "has a paper jam"),
            Map.entry(PrinterStateReason.mediaEmpty, "is out of paper"),
            Map.entry(PrinterStateReason.mediaNeeded, "is out of paper"),
            Map.entry(PrinterStateReason.tonerEmpty, "is out of toner"),
            Map.entry(PrinterStateReason.markerSupplyEmpty, "is out of ink"),
            Map.entry(PrinterStateReason.coverOpen, "has its cover open"),
            Map.entry(PrinterStateReason.doorOpen, "has a door open"),
            Map.entry("offline", "is offline"),
            Map.entry(PrinterStateReason.paused, "is paused by an operator"),
            Map.entry(PrinterStateReason.shutdown, "is switched off"),
            Map.entry(PrinterStateReason.spoolAreaFull, "is out of memory"),
            Map.entry(PrinterStateReason.connectingToDevice, "cannot be reached"));

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
