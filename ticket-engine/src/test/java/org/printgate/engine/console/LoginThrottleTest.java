package org.printgate.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.printgate.testing.MutableClock;

/** Failed logins make the account and the address wait, longer each time; a success clears the account. */
class LoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void eachFailureDoublesTheWaitUpToTheMaximum() {
        assertThat(throttle.wait("olga", "10.0.0.1")).isZero();
        assertThat(throttle.failed("olga", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.wait("olga", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.wait("olga", "10.0.0.1")).isZero();
        assertThat(throttle.failed("olga", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.failed("olga", "10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
        for (int i = 0; i < 30; i++) {
            throttle.failed("olga", "10.0.0.1");
        }
        assertThat(throttle.wait("olga", "10.0.0.1")).isEqualTo(LoginThrottle.MAX_DELAY);
    }

    @Test
    void theAccountWaitsFromEveryAddressAndTheAddressForEveryAccount() {
        throttle.failed("olga", "10.0.0.1");
        assertThat(throttle.wait("olga", "10.0.0.2")).isPositive();
        assertThat(throttle.wait("bob", "10.0.0.1")).isPositive();
        assertThat(throttle.wait("bob", "10.0.0.2")).isZero();
    }

    @Test
    void aSuccessClearsTheAccountButNotTheAddress() {
        throttle.failed("olga", "10.0.0.1");
        clock.advance(Duration.ofSeconds(1));
        throttle.succeeded("olga");
        throttle.failed("bob", "10.0.0.1");
        assertThat(throttle.wait("olga", "10.0.0.2")).isZero();
        // The address has two failures behind it (olga's, bob's): 2 s, whoever it tries next.
        assertThat(throttle.wait("carol", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
    }
}
