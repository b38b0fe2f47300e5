package org.printgate.interop.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.printgate.testing.Await;

class AwaitTest {

    @Test
    void returnsAsSoonAsTheConditionHolds() {
        AtomicInteger polls = new AtomicInteger();

        Await.until(Duration.ofSeconds(5), () -> polls.incrementAndGet() == 3, "the third poll");

        assertThat(polls).hasValue(3);
    }

    @Test
    void failsSayingWhatItWaitedFor() {
        assertThatThrownBy(() -> Await.until(Duration.ofMillis(50), () -> false, "a miracle"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Timed out after PT0.05S waiting for: a miracle");
    }
}
