package org.printgate.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** printer-state-reasons as the watch keeps them (§5.1) and the state they make (§5.2). */
class PrinterStateReasonsTest {

    @Test
    void keywordWithoutSuffixIsStoredAsError() {
        assertThat(PrinterStateReasons.merge(List.of(List.of("media-jam", "toner-low-warning", "media-empty-report"))))
                .containsExactly("media-jam-error", "toner-low-warning", "media-empty-report");
    }

    @Test
    void noneMeansNoReasons() {
        assertThat(PrinterStateReasons.merge(List.of(List.of("none")))).isEmpty();
    }

    @Test
    void mergedSourcesKeepEachKeywordOnceAtItsMostSevere() {
        List<String> snmp = List.of("media-empty-error", "media-empty-warning", "toner-low-warning");
        List<String> ipp = List.of("media-empty", "media-needed", "toner-low-warning", "cover-open-report");

        assertThat(PrinterStateReasons.merge(List.of(snmp, ipp)))
                .containsExactly("media-empty-error", "media-needed-error", "toner-low-warning", "cover-open-report");
    }

    @Test
    void stateFollowsTheMostSevereReason() {
        assertThat(WatchState.of(List.of())).isEqualTo(WatchState.UP);
        assertThat(WatchState.of(List.of("media-empty-report"))).isEqualTo(WatchState.UP);
        assertThat(WatchState.of(List.of("toner-low-warning", "media-empty-report"))).isEqualTo(WatchState.DEGRADED);
        assertThat(WatchState.of(List.of("toner-low-warning", "media-jam-error"))).isEqualTo(WatchState.DOWN);
        assertThat(WatchState.of(List.of("paused"))).isEqualTo(WatchState.DOWN);
        assertThat(WatchState.of(List.of("printgate-firmware-updating"))).isEqualTo(WatchState.DOWN);
        assertThat(WatchState.DEGRADED.allowsGrants()).isTrue();
        assertThat(WatchState.DOWN.allowsGrants()).isFalse();
    }

    @Test
    void messageNamesTheErrorsElseTheWarnings() {
        assertThat(PrinterStateReasons.message(List.of("media-jam-error", "cover-open-error", "toner-low-warning"), "x"))
                .isEqualTo("Paper jam, Cover open");
        assertThat(PrinterStateReasons.message(List.of("toner-low-warning"), "")).isEqualTo("Toner low");
        assertThat(PrinterStateReasons.message(List.of("fuser-over-temp-error"), "Fuser too hot"))
                .isEqualTo("Fuser too hot");
        assertThat(PrinterStateReasons.message(List.of(), "idle")).isEqualTo("idle");
    }

    @Test
    void sameConditionIgnoresMessagesCountersReportsAndTimes() {
        PrinterStatus before = PrinterStatus.of(List.of("toner-low-warning"), "Toner low", 10, List.of(), List.of(),
                Instant.EPOCH);
        PrinterStatus after = PrinterStatus.of(List.of("toner-low-warning", "media-empty-report"), "other", 99,
                List.of(), List.of(), Instant.EPOCH.plusSeconds(30));
        PrinterStatus worse = PrinterStatus.of(List.of("toner-low-warning", "media-low-warning"), "", 99,
                List.of(), List.of(), Instant.EPOCH);

        assertThat(after.sameCondition(before)).isTrue();
        assertThat(worse.sameCondition(before)).isFalse();
        assertThat(before.sameCondition(null)).isFalse();
    }

    @Test
    void statusCannotContradictItsReasons() {
        assertThatThrownBy(() -> new PrinterStatus(WatchState.UP, List.of("media-jam-error"), "", -1, List.of(),
                List.of(), Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    }
}
