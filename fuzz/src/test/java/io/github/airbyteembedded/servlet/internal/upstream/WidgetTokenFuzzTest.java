package io.github.airbyteembedded.servlet.internal.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Widget-token decoding on any text: it never throws; a token it accepts keeps the exact text it was
 * given, has an expiry (its own or the documented lifetime) and an absolute widget URL with a host, and never shows its text in {@code
 * toString()}.
 */
class WidgetTokenFuzzTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @FuzzTest
    void widgetToken(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Optional<WidgetToken> token = WidgetToken.decode(text, NOW);
        if (token.isEmpty()) {
            return;
        }
        assertEquals(text, token.get().value().reveal());
        assertNotNull(token.get().expiresAt());
        assertTrue(token.get().widgetUrl().isAbsolute());
        assertNotNull(token.get().widgetUrl().getHost());
        assertFalse(token.get().toString().contains(text), "a widget token never shows in toString()");
        WidgetToken again = WidgetToken.decode(text, NOW).orElseThrow();
        assertEquals(token.get().expiresAt(), again.expiresAt(), "decoding is a function of the text");
        assertEquals(token.get().widgetUrl(), again.widgetUrl());
    }
}
