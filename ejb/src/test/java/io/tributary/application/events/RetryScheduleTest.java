package io.tributary.application.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Failed deliveries wait twice as long each time, up to the cap, and stop after the last attempt. */
class RetryScheduleTest {

    @Test
    void theWaitDoublesFromTwoSecondsUpToFifteenMinutes() {
        assertThat(RetrySchedule.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetrySchedule.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(RetrySchedule.delayAfter(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(RetrySchedule.delayAfter(9)).isEqualTo(Duration.ofSeconds(512));
        assertThat(RetrySchedule.delayAfter(10)).isEqualTo(Duration.ofMinutes(15));
        assertThat(RetrySchedule.delayAfter(19)).isEqualTo(Duration.ofMinutes(15));
        assertThat(RetrySchedule.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theNextAttemptIsDueAfterTheWaitUntilAttemptsRunOut() {
        Instant failed = Instant.parse("2026-12-06T04:00:00Z");
        assertThat(RetrySchedule.next(1, failed)).contains(failed.plusSeconds(2));
        assertThat(RetrySchedule.next(RetrySchedule.MAX_ATTEMPTS - 1, failed))
                .contains(failed.plus(Duration.ofMinutes(15)));
        assertThat(RetrySchedule.next(RetrySchedule.MAX_ATTEMPTS, failed)).isEmpty();
    }

    @Test
    void allRetriesTogetherSpanAboutThreeHours() {
        Duration total = Duration.ZERO;
        for (int failures = 1; failures < RetrySchedule.MAX_ATTEMPTS; failures++) {
            total = total.plus(RetrySchedule.delayAfter(failures));
        }
        assertThat(total).isBetween(Duration.ofHours(2), Duration.ofHours(4));
    }

    @Test
    void countingStartsAtTheFirstFailure() {
        assertThatThrownBy(() -> RetrySchedule.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
