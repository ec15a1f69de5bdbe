package io.github.airbyteembedded.servlet.internal.settings;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import java.time.Duration;
import java.util.Objects;

/**
 * A per-user rate limit setting: {@code permits} per {@code period}, refilled continuously, or off. Off
 * keeps the permits and the period, so that turning it on again restores them.
 *
 * @param enabled whether the limit applies
 * @param permits the permits per period
 * @param period the period
 */
public record RateLimit(boolean enabled, int permits, Duration period) {

    /** Checks the fields. */
    public RateLimit {
        Objects.requireNonNull(period, "period");
    }

    /** The limit of {@code permits} per {@code period}, on. */
    public static RateLimit of(int permits, Duration period) {
        return new RateLimit(true, permits, period);
    }

    /** This limit, off. */
    public RateLimit off() {
        return new RateLimit(false, permits, period);
    }

    /**
     * Reads {@code off}, or {@code <permits>/<period>} such as {@code 10/1m}.
     *
     * @throws AirbyteEmbeddedConfigException naming the setting
     */
    static RateLimit parse(String setting, String text, RateLimit current) {
        if (text.equalsIgnoreCase("off")) {
            return current.off();
        }
        String[] parts = text.split("/", 2);
        if (parts.length != 2) {
            throw new AirbyteEmbeddedConfigException(setting, "'" + text + "' must be 'off' or permits/period, such as 10/1m");
        }
        return of(Parsers.integer(setting, parts[0].strip()), Durations.parse(setting, parts[1]));
    }

    /** {@code 10/1m}, or {@code off}. */
    @Override
    public String toString() {
        return enabled ? permits + "/" + Settings.format(period) : "off";
    }
}
