package io.github.airbyteembedded.servlet.internal.upstream;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;

/** Caffeine's time source read from the configured {@link Clock}, so that tests move time instead of waiting. */
public final class Tickers {

    private Tickers() {
    }

    /** A ticker that reads the clock, in nanoseconds. */
    public static Ticker of(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }
}
