package io.github.airbyteembedded.servlet.internal.settings;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import java.util.Locale;

/** The values of the setting {@code rate-limit-store}: where the per-user rate limits are kept. */
public enum RateLimitStoreKind {

    /** In each instance's memory (the default). */
    MEMORY,

    /** In Redis, shared by every instance ({@code airbyte-embedded-redis}). */
    REDIS;

    static RateLimitStoreKind parse(String setting, String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AirbyteEmbeddedConfigException(setting, "'" + text + "' must be 'memory' or 'redis'");
        }
    }
}
