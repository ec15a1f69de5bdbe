package io.github.airbyteembedded.servlet.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Origin header's parser and the configured origins' parser, on any text: the header parser never
 * throws and never accepts {@code null}; the configuration parser throws only {@link
 * IllegalArgumentException}; whatever either accepts is an http(s) scheme, a lower-case host and a
 * non-default port, serialises to {@code scheme://host[:port]} and parses back to itself; the two parsers
 * agree; and two origins are equal exactly when their serialisations are.
 */
class OriginFuzzTest {

    private static final Pattern SERIALIZED = Pattern.compile("https?://[^/?#@\\s]+");

    @FuzzTest
    void originHeader(byte[] input) {
        String value = new String(input, StandardCharsets.UTF_8);
        Optional<Origin> header = Origin.parseHeader(value);
        Optional<Origin> configured = configured(value);
        if (header.isPresent()) {
            assertFalse(value.strip().equalsIgnoreCase("null"), "the origin 'null' is never accepted");
            assertNormal(header.get());
            if (value.strip().equals(value)) {
                assertEquals(header, configured, "the header and the configuration read the same text alike");
            }
        }
        configured.ifPresent(OriginFuzzTest::assertNormal);
    }

    /** Two values, one per line: their origins are equal exactly when their serialisations are. */
    @FuzzTest
    void originComparison(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        if (newline < 0) {
            return;
        }
        Optional<Origin> first = Origin.parseHeader(text.substring(0, newline));
        Optional<Origin> second = Origin.parseHeader(text.substring(newline + 1));
        if (first.isPresent() && second.isPresent()) {
            assertEquals(first.get().equals(second.get()), first.get().serialized().equals(second.get().serialized()));
        }
    }

    private static Optional<Origin> configured(String value) {
        try {
            return Optional.of(Origin.parseConfigured(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void assertNormal(Origin origin) {
        String serialized = origin.serialized();
        assertTrue(SERIALIZED.matcher(serialized).matches(), "scheme://host[:port] only");
        assertTrue(origin.scheme().equals("http") || origin.scheme().equals("https"));
        assertEquals(origin.host().toLowerCase(Locale.ROOT), origin.host());
        assertFalse(origin.host().isEmpty());
        int defaultPort = origin.scheme().equals("https") ? 443 : 80;
        assertTrue(origin.port() == -1 || (origin.port() >= 0 && origin.port() <= 65535 && origin.port() != defaultPort));
        assertEquals(Optional.of(origin), Origin.parseHeader(serialized), "an origin equals itself after normalisation");
        assertEquals(origin, Origin.parseConfigured(serialized));
        assertEquals(serialized, Origin.parseHeader(serialized).orElseThrow().serialized());
    }
}
