package io.github.airbyteembedded.servlet.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class UserRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private UserRateLimiter limiter(int permits, Duration period, int maxUsers) {
        return new UserRateLimiter(permits, period, maxUsers, nanos::get);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void grantsTheAllowanceThenSaysHowLongToWait() {
        UserRateLimiter limiter = limiter(10, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.empty(), limiter.tryAcquire("alice"));
        }
        assertEquals(Optional.of(Duration.ofSeconds(6)), limiter.tryAcquire("alice"));
    }

    @Test
    void refillsContinuously() {
        UserRateLimiter limiter = limiter(10, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("alice");
        }
        advance(Duration.ofSeconds(6));
        assertEquals(Optional.empty(), limiter.tryAcquire("alice"));
        assertTrue(limiter.tryAcquire("alice").isPresent());
        advance(Duration.ofMinutes(5));
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.empty(), limiter.tryAcquire("alice"), "the allowance never exceeds its capacity");
        }
        assertTrue(limiter.tryAcquire("alice").isPresent());
    }

    @Test
    void usersHaveSeparateAllowances() {
        UserRateLimiter limiter = limiter(1, Duration.ofMinutes(1), 100);
        assertEquals(Optional.empty(), limiter.tryAcquire("alice"));
        assertEquals(Optional.empty(), limiter.tryAcquire("bob"));
        assertTrue(limiter.tryAcquire("alice").isPresent());
    }

    @Test
    void memoryIsBoundedWhateverTheNumberOfUsers() {
        UserRateLimiter limiter = limiter(10, Duration.ofMinutes(1), 1_000);
        for (int i = 0; i < 20_000; i++) {
            limiter.tryAcquire("user-" + i);
        }
        assertTrue(limiter.trackedUsers() <= 1_000, "tracked " + limiter.trackedUsers());
    }

    @Test
    void idleUsersAreForgottenAfterAFullPeriod() {
        UserRateLimiter limiter = limiter(10, Duration.ofMinutes(1), 1_000);
        limiter.tryAcquire("alice");
        advance(Duration.ofMinutes(2));
        assertEquals(0, limiter.trackedUsers());
    }
}
