package io.github.airbyteembedded.servlet.internal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "2m, PT2M", "1h, PT1H", "PT45S, PT45S", "pt1m, PT1M", "10 s, PT10S"})
    void parsesUnitsAndIso8601(String text, String expected) {
        assertEquals(Duration.parse(expected), Durations.parse("x", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "ten seconds", "-5s", "5d", "P", ""})
    void refusesAmbiguousOrUnknownText(String text) {
        assertEquals("connect-timeout", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> Durations.parse("connect-timeout", text)).setting());
    }
}
