package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.redis.RedisRateLimitStore;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.internal.settings.Settings;
import io.github.airbyteembedded.servlet.internal.upstream.Secret;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis store of {@code airbyte.embedded.rate-limit-store=redis}: on the application's own Lettuce
 * client, or on {@code airbyte.embedded.rate-limit-store-uri}. Loaded only where airbyte-embedded-redis is
 * on the classpath (the nested configurations of {@link AirbyteEmbeddedAutoConfiguration}).
 */
final class RedisStores {

    private static final Logger LOG = System.getLogger(RedisStores.class.getName());

    private RedisStores() {
    }

    /**
     * A store with a connection of its own on the client of the application's {@code
     * LettuceConnectionFactory} (its {@code spring.data.redis.*} host, credentials, TLS and resources).
     */
    static RedisRateLimitStore onApplicationConnection(LettuceConnectionFactory connectionFactory, Environment environment) {
        if (SettingsBinding.bind(environment, Settings.RATE_LIMIT_STORE_URI) != null) {
            LOG.log(Level.WARNING, "The application has a Spring Data Redis LettuceConnectionFactory, so the rate-limit store "
                    + "uses it and {0} is ignored", Settings.RATE_LIMIT_STORE_URI.springProperty());
        }
        try {
            return RedisRateLimitStore.create(connectionFactory.getRequiredNativeClient());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new AirbyteEmbeddedConfigException(Settings.RATE_LIMIT_STORE.key(), "is redis, but the application's "
                    + "LettuceConnectionFactory gave no usable Lettuce client (" + e.getClass().getSimpleName() + "); set "
                    + Settings.RATE_LIMIT_STORE_URI.springProperty() + " or define a RateLimitStore bean");
        }
    }

    /** A store with a client of its own, on {@code airbyte.embedded.rate-limit-store-uri}. */
    static RedisRateLimitStore fromUri(Environment environment) {
        Secret uri = SettingsBinding.bind(environment, Settings.RATE_LIMIT_STORE_URI);
        if (uri == null) {
            throw new AirbyteEmbeddedConfigException(Settings.RATE_LIMIT_STORE_URI.key(), "is required with "
                    + Settings.RATE_LIMIT_STORE.springProperty() + "=redis when the application has no Spring Data Redis "
                    + "connection: set it (from the environment, such as ${REDIS_URL}), or add spring-boot-starter-data-redis");
        }
        try {
            return RedisRateLimitStore.create(uri.reveal());
        } catch (IllegalArgumentException e) {
            // The store's message says what is wrong with the URI and never repeats it.
            throw new AirbyteEmbeddedConfigException(Settings.RATE_LIMIT_STORE_URI.key(), e.getMessage());
        }
    }
}
