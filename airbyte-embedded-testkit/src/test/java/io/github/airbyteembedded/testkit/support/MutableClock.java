package io.github.airbyteembedded.testkit.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move forward by hand, so that expiry and rate limits are tested without waiting.
 * UTC; thread-safe.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.startingNow();
 * clock.advance(Duration.ofMinutes(5));
 * }</pre>
 *
 * @since 0.2.0
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    /**
     * A clock that reads {@code start} until it is moved.
     *
     * @param start the first instant
     */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * A clock that starts at the system's current instant.
     *
     * @return the clock
     */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.now());
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock: it has one zone. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
