package org.printgate.engine.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TicketStateTest {

    @Test
    void eachStateKeepsTheCodeStoresWereWrittenWith() {
        // Stores written before the codes were explicit hold the declaration order of 2026-12-07.
        Map<String, Integer> stored = Map.of("INCOMING", 0, "QUEUED", 1, "SET_ASIDE", 2, "GRANTED", 3, "PRINTING", 4,
                "STALLED", 5, "STOPPING", 6, "COMPLETED", 7, "FAILED", 8, "CANCELED", 9);

        assertThat(Arrays.stream(TicketState.values()).collect(Collectors.toMap(Enum::name, TicketState::code)))
                .containsAllEntriesOf(stored);
    }

    @Test
    void everyCodeNamesOneStateAndReadsBackAsIt() {
        assertThat(Arrays.stream(TicketState.values()).map(TicketState::code).distinct().count())
                .isEqualTo(TicketState.values().length);
        for (TicketState state : TicketState.values()) {
            assertThat(TicketState.ofCode(state.code())).isSameAs(state);
        }
    }

    @Test
    void aCodeNoStateHasIsRefused() {
        assertThatThrownBy(() -> TicketState.ofCode(200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("200");
    }
}
