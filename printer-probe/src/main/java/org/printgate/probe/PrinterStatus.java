package org.printgate.probe;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A printer as the watch last saw it (docs/ticket-protocol.md §5): what the engine publishes as
 * the queue's {@code printer-state-reasons}, {@code printer-state-message},
 * {@code printer-impressions-completed}, {@code marker-names}/{@code marker-levels} and
 * {@code printer-input-tray}.
 *
 * @param state up, degraded or down, as §5.2 derives it from {@code reasons}
 * @param reasons {@code printer-state-reasons} keywords, each with its severity suffix
 *                ({@code media-jam-error}, {@code toner-low-warning}); empty when all is well
 * @param message short {@code printer-state-message}: "Paper jam", "No answer from 10.1.2.3:161"
 * @param pageCount the printer's page counter (prtMarkerLifeCount, printer-impressions-completed), -1 if unknown
 * @param supplies marker supplies, when the printer says (IPP {@code marker-names}/{@code marker-levels})
 * @param trays input trays, when the printer says (IPP {@code printer-input-tray})
 * @param readAt when the watch read it, by the engine's clock
 */
public record PrinterStatus(WatchState state, List<String> reasons, String message, long pageCount,
                            List<Supply> supplies, List<InputTray> trays, Instant readAt) {

    /**
     * A marker supply.
     *
     * @param name {@code marker-names} value, e.g. "Black Toner"
     * @param level percent left, or a negative {@code marker-levels} value: -1 unavailable, -2 unknown, -3 some left
     */
    public record Supply(String name, int level) {
        public Supply {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * An input tray (PWG 5100.13 {@code printer-input-tray}).
     *
     * @param name tray name, e.g. "Tray 1"
     * @param level sheets left; -1 unknown, -2 unknown, -3 some left (RFC 3805 prtInputCurrentLevel)
     * @param maxCapacity sheets it holds; negative if unknown
     */
    public record InputTray(String name, int level, int maxCapacity) {
        public InputTray {
            Objects.requireNonNull(name, "name");
        }
    }

    public PrinterStatus {
        Objects.requireNonNull(state, "state");
        reasons = List.copyOf(reasons);
        message = message == null ? "" : message;
        supplies = List.copyOf(supplies);
        trays = List.copyOf(trays);
        Objects.requireNonNull(readAt, "readAt");
        // One rule for the state (§5.2): a status can only say what its reasons say.
        if (state != WatchState.of(reasons)) {
            throw new IllegalArgumentException("state " + state + " does not follow from " + reasons);
        }
    }

    /** A status whose state follows from its reasons. */
    public static PrinterStatus of(List<String> reasons, String message, long pageCount, List<Supply> supplies,
                                   List<InputTray> trays, Instant readAt) {
        return new PrinterStatus(WatchState.of(reasons), reasons, message, pageCount, supplies, trays, readAt);
    }

    /** The {@code -error} and {@code -warning} reasons: the ones that make a change worth telling. */
    public Set<String> alertReasons() {
        return reasons.stream().filter(PrinterStateReasons::alerts).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Is {@code other} the same condition: same state and same {@code -error}/{@code -warning}
     * reasons? Messages, counters, supplies, {@code -report} reasons and times do not count.
     */
    public boolean sameCondition(PrinterStatus other) {
        return other != null && state == other.state && alertReasons().equals(other.alertReasons());
    }
}
