package io.github.airbyteembedded.servlet.internal.settings;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.RateLimitStore;
import io.github.airbyteembedded.servlet.internal.upstream.Secret;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * The store of the per-user rate limits that the settings {@code rate-limit-store} and {@code
 * rate-limit-store-uri} ask for: none (each instance's memory), or airbyte-embedded-redis's {@code
 * RedisRateLimitStore} for the URI. The Redis module is loaded by name from the web application's class
 * loader, so that the core has no dependency on it; without it on the class path, {@code
 * rate-limit-store=redis} is a configuration error. Only its public {@code create(String)} is used
 * ({@code SharedStoreSettingsTest} in that module keeps the names in step).
 */
public final class SharedStoreSettings {

    public static final String REDIS_STORE_CLASS = "io.github.airbyteembedded.redis.RedisRateLimitStore";

    private SharedStoreSettings() {
    }

    /**
     * Checks the two settings together: a URI exactly when the store is Redis.
     *
     * @throws AirbyteEmbeddedConfigException naming the setting that is missing or not wanted
     */
    public static void check(RateLimitStoreKind kind, Secret uri) {
        if (kind == RateLimitStoreKind.MEMORY && uri != null) {
            throw new AirbyteEmbeddedConfigException(Settings.RATE_LIMIT_STORE_URI.key(),
                    "is set, but " + Settings.RATE_LIMIT_STORE.key() + " is memory: set " + Settings.RATE_LIMIT_STORE.key()
                            + "=redis to share the limits through Redis, or remove it");
        }
        if (kind == RateLimitStoreKind.REDIS && uri == null) {
            throw new AirbyteEmbeddedConfigException(Settings.RATE_LIMIT_STORE_URI.key(), "is required with "
                    + Settings.RATE_LIMIT_STORE.key() + "=redis: name the environment variable that holds the Redis URI with '"
                    + Settings.RATE_LIMIT_STORE_URI.key() + FilterConfigReader.ENVIRONMENT_SUFFIX + "', for example "
                    + Setting.environmentVariable(Settings.RATE_LIMIT_STORE_URI.key()));
        }
    }

    /**
     * The store the settings ask for, created; the caller closes it.
     *
     * @throws AirbyteEmbeddedConfigException naming the setting, if the settings disagree, the Redis module
     *     is missing or the URI is not a Redis URI (the message never holds the URI)
     */
    public static Optional<RateLimitStore> create(RateLimitStoreKind kind, Secret uri) {
        check(kind, uri);
        if (kind == RateLimitStoreKind.MEMORY) {
            return Optional.empty();
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type;
        try {
            type = Class.forName(REDIS_STORE_CLASS, true, loader != null ? loader : SharedStoreSettings.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AirbyteEmbeddedConfigException(Settings.RATE_LIMIT_STORE.key(), "is redis, but the Redis store "
                    + "(io.github.airbyteembedded:airbyte-embedded-redis) is not on the web application's class path");
        }
        try {
            return Optional.of((RateLimitStore) type.getMethod("create", String.class).invoke(null, uri.reveal()));
        } catch (InvocationTargetException e) {
            // The Redis module's messages name what is wrong with the URI, never the URI (it may hold a password).
            Throwable cause = e.getCause();
            throw new AirbyteEmbeddedConfigException(Settings.RATE_LIMIT_STORE_URI.key(),
                    cause instanceof IllegalArgumentException ? cause.getMessage()
                            : "the Redis store could not be created (" + cause.getClass().getSimpleName() + ")");
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new AirbyteEmbeddedConfigException(Settings.RATE_LIMIT_STORE.key(), "is redis, but the Redis store could not "
                    + "be created (" + e.getClass().getSimpleName() + "); is airbyte-embedded-redis of the same version as the library?");
        }
    }
}
