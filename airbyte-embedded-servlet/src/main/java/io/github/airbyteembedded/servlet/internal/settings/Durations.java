package io.github.airbyteembedded.servlet.internal.settings;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations of init-params: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT30S}. */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    private Durations() {
    }

    static Duration parse(String setting, String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = SIMPLE.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        if (value.startsWith("pt") || value.startsWith("p")) {
            try {
                return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                // fall through to the message below
            }
        }
        throw new AirbyteEmbeddedConfigException(setting,
                "'" + text + "' is not a duration; write it with a unit, such as 500ms, 30s, 2m or PT30S");
    }
}
