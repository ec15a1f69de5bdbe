package io.github.airbyteembedded.servlet.internal.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class WidgetTokenTest {

    private static final long EXP = 1_900_000_000L;
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static String jwt(String claims) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    private static String blob(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String validJson() {
        return "{\"token\":\"" + jwt("{\"exp\":" + EXP + "}") + "\",\"widgetUrl\":\"https://app.airbyte.ai/widget?workspaceId=w&allowedOrigin=https%3A%2F%2Fa.example\"}";
    }

    @Test
    void readsTheInnerJwtExpiryAndTheWidgetUrl() {
        WidgetToken token = WidgetToken.decode(blob(validJson()), NOW).orElseThrow();
        assertEquals(Instant.ofEpochSecond(EXP), token.expiresAt());
        assertEquals("app.airbyte.ai", token.widgetUrl().getHost());
    }

    @Test
    void acceptsBase64UrlWithoutPaddingLikeTheWidget() {
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(validJson().getBytes(StandardCharsets.UTF_8));
        assertTrue(WidgetToken.decode(url, NOW).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 !", "e30=", "eyJ0b2tlbiI6MX0=", "W10="})
    void refusesWhatIsNotTheDocumentedFormat(String token) {
        assertTrue(WidgetToken.decode(token, NOW).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"JWT\"", "\"opaque-token\"", "\"a.b.c\"", "1", "null"})
    void needsOnlyTheWidgetUrlLikeTheWidgetAndAssumesTheDocumentedLifetimeWithoutAReadableExp(String inner) {
        String innerToken = inner.equals("\"JWT\"") ? "\"" + jwt("{\"sub\":\"x\"}") + "\"" : inner;
        String json = "{\"token\":" + innerToken + ",\"widgetUrl\":\"https://app.airbyte.ai/w\"}";

        WidgetToken token = WidgetToken.decode(blob(json), NOW).orElseThrow();

        assertEquals(NOW.plus(Duration.ofMinutes(20)), token.expiresAt());
        assertTrue(token.expiryAssumed());
        assertFalse(WidgetToken.decode(blob(validJson()), NOW).orElseThrow().expiryAssumed());
        assertTrue(WidgetToken.decode(blob("{\"widgetUrl\":\"https://app.airbyte.ai/w\"}"), NOW).isPresent());
    }

    @Test
    void refusesARelativeWidgetUrl() {
        String json = "{\"token\":\"" + jwt("{\"exp\":1}") + "\",\"widgetUrl\":\"/widget\"}";
        assertTrue(WidgetToken.decode(blob(json), NOW).isEmpty());
    }

    @Test
    void toStringNeverShowsTheToken() {
        String value = blob(validJson());
        WidgetToken token = WidgetToken.decode(value, NOW).orElseThrow();
        assertFalse(token.toString().contains(value));
        assertFalse(token.toString().contains(jwt("{\"exp\":" + EXP + "}")));
    }
}
