package io.github.airbyteembedded.servlet.internal.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

final class ScopedTokenTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static String jwt(String claims) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void livesUntilTheExpOfItsJwt() {
        ScopedToken token = ScopedToken.of(jwt("{\"exp\":" + NOW.plusSeconds(1200).getEpochSecond() + "}"), NOW);
        assertEquals(Duration.ofMinutes(20), token.lifetime());
        assertEquals(Duration.ofMinutes(19), token.cacheLifetime(Duration.ofSeconds(60)));
    }

    @Test
    void withoutAReadableExpLivesTheDocumentedTwentyMinutes() {
        assertEquals(ScopedToken.DOCUMENTED_LIFETIME, ScopedToken.of(jwt("{\"sub\":\"x\"}"), NOW).lifetime());
        assertEquals(ScopedToken.DOCUMENTED_LIFETIME, ScopedToken.of("opaque-token", NOW).lifetime());
        assertEquals(ScopedToken.DOCUMENTED_LIFETIME, ScopedToken.of(jwt("{\"exp\":\"soon\"}"), NOW).lifetime());
        assertEquals(ScopedToken.DOCUMENTED_LIFETIME, ScopedToken.of(jwt("{\"exp\":" + Long.MAX_VALUE + "}"), NOW).lifetime());
        assertEquals(Duration.ofMinutes(20), ScopedToken.DOCUMENTED_LIFETIME);
    }

    @Test
    void anExpNotAfterNowIsReadAsAClockDifferenceAndGetsTheDocumentedLifetime() {
        assertEquals(ScopedToken.DOCUMENTED_LIFETIME,
                ScopedToken.of(jwt("{\"exp\":" + NOW.minusSeconds(5).getEpochSecond() + "}"), NOW).lifetime());
        assertEquals(ScopedToken.DOCUMENTED_LIFETIME, ScopedToken.of(jwt("{\"exp\":" + NOW.getEpochSecond() + "}"), NOW).lifetime());
    }

    @Test
    void aFarOffExpIsTrustedForAnHourAtMost() {
        ScopedToken token = ScopedToken.of(jwt("{\"exp\":" + NOW.plus(Duration.ofDays(400)).getEpochSecond() + "}"), NOW);
        assertEquals(ScopedToken.MAX_LIFETIME, token.lifetime());
    }

    @Test
    void isPrintedRedacted() {
        String value = jwt("{\"exp\":" + NOW.plusSeconds(1200).getEpochSecond() + "}");
        ScopedToken token = ScopedToken.of(value, NOW);
        assertFalse(token.toString().contains(value));
        assertFalse(token.toString().contains("eyJ"));
        assertEquals("scoped token", token.kind());
    }
}
