package io.github.airbyteembedded.servlet.internal.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.testkit.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class AirbyteApiClientTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    @Test
    void retryAfterInSecondsIsRead() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), AirbyteApiClient.parseRetryAfter("7", clock));
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredOnTheClock() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(30).atOffset(ZoneOffset.UTC));
        assertEquals(Optional.of(Duration.ofSeconds(30)), AirbyteApiClient.parseRetryAfter(date, clock));
    }

    @Test
    void retryAfterIsCappedAndNeverNegative() {
        assertEquals(Optional.of(Duration.ofHours(1)), AirbyteApiClient.parseRetryAfter("999999999999999999999", clock));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().minusSeconds(30).atOffset(ZoneOffset.UTC));
        assertEquals(Optional.of(Duration.ZERO), AirbyteApiClient.parseRetryAfter(past, clock));
    }

    @Test
    void unreadableRetryAfterIsIgnored() {
        assertTrue(AirbyteApiClient.parseRetryAfter("soon", clock).isEmpty());
        assertTrue(AirbyteApiClient.parseRetryAfter(null, clock).isEmpty());
    }

    @Test
    void operatorTokenIsCachedForItsLifetimeMinusTheSkew() {
        OperatorToken token = new OperatorToken(Secret.of("t"), Duration.ofSeconds(900), Instant.EPOCH);
        assertEquals(Duration.ofSeconds(840), token.cacheLifetime(Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(900), token.cacheLifetime(Duration.ZERO));
    }
}
