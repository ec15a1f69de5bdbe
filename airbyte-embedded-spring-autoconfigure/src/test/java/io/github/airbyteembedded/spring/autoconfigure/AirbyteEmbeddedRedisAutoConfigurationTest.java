package io.github.airbyteembedded.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.redis.RedisRateLimitStore;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.RateLimitStore;
import io.github.airbyteembedded.testkit.support.LocalRedis;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * {@code airbyte.embedded.rate-limit-store=redis}: the Redis store on the application's own Spring Data
 * Redis connection, or on {@code airbyte.embedded.rate-limit-store-uri}; against a real Redis.
 */
class AirbyteEmbeddedRedisAutoConfigurationTest {

    private static LocalRedis redis;

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AirbyteEmbeddedAutoConfiguration.class))
            .withPropertyValues(AirbyteEmbeddedAutoConfigurationTest.REQUIRED);

    @BeforeAll
    static void startRedis() {
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void emptyRedis() {
        redis.command("FLUSHALL");
    }

    private static void takesAPermitThroughRedis(RateLimitStore store) throws Exception {
        Optional<Duration> wait = store.tryAcquire("token", "alice", 10, Duration.ofMinutes(1)).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertEquals(Optional.empty(), wait);
        assertTrue(redis.command("KEYS", "*").contains(RedisRateLimitStore.DEFAULT_KEY_PREFIX + "limit:token:"),
                "the bucket is in Redis: " + redis.command("KEYS", "*"));
    }

    @Test
    void keepsTheLimitsInEachInstancesMemoryByDefault() {
        runner.withUserConfiguration(ApplicationRedisConfiguration.class).run(context -> {
            assertNull(context.getStartupFailure());
            assertTrue(context.getBeansOfType(RateLimitStore.class).isEmpty());
            assertEquals(Optional.empty(), context.getBean(AirbyteEmbeddedConfig.class).rateLimitStore());
        });
    }

    @Test
    void usesTheApplicationsOwnLettuceConnectionFactory() {
        runner.withUserConfiguration(ApplicationRedisConfiguration.class)
                .withPropertyValues("airbyte.embedded.rate-limit-store=redis")
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    RedisRateLimitStore store = context.getBean(RedisRateLimitStore.class);
                    assertSame(store, context.getBean(AirbyteEmbeddedConfig.class).rateLimitStore().orElseThrow());
                    assertTrue(store.toString().contains("the application's Lettuce client"), store.toString());
                    takesAPermitThroughRedis(store);
                });
    }

    @Test
    void usesTheStoreUriWhenTheApplicationHasNoRedisConnection() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis."))
                .withPropertyValues("airbyte.embedded.rate-limit-store=redis", "airbyte.embedded.rate-limit-store-uri=" + redis.uri(),
                        "airbyte.embedded.rate-limit-store-timeout=250ms", "airbyte.embedded.rate-limit-store-fail-open=false")
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    AirbyteEmbeddedConfig config = context.getBean(AirbyteEmbeddedConfig.class);
                    RedisRateLimitStore store = assertInstanceOf(RedisRateLimitStore.class, config.rateLimitStore().orElseThrow());
                    assertTrue(store.toString().contains("redis at 127.0.0.1:" + redis.port()), store.toString());
                    assertEquals(Duration.ofMillis(250), config.rateLimitStoreTimeout());
                    assertFalse(config.rateLimitStoreFailOpen());
                    takesAPermitThroughRedis(store);
                });
    }

    @Test
    void prefersTheApplicationsConnectionToTheStoreUriAndSaysSo() {
        try (CapturedLog log = CapturedLog.of(RedisStores.class)) {
            runner.withUserConfiguration(ApplicationRedisConfiguration.class)
                    .withPropertyValues("airbyte.embedded.rate-limit-store=redis",
                            "airbyte.embedded.rate-limit-store-uri=redis://:never-logged@127.0.0.1:1")
                    .run(context -> {
                        assertNull(context.getStartupFailure());
                        takesAPermitThroughRedis(context.getBean(RedisRateLimitStore.class));
                    });
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("airbyte.embedded.rate-limit-store-uri is ignored"), warnings.get(0));
            assertFalse(warnings.get(0).contains("never-logged"));
        }
    }

    @Test
    void refusesToStartWithRedisButNeitherAConnectionNorAUri() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis."))
                .withPropertyValues("airbyte.embedded.rate-limit-store=redis")
                .run(context -> {
                    AirbyteEmbeddedConfigException failure = rootCause(context.getStartupFailure());
                    assertEquals("rate-limit-store-uri", failure.setting());
                });
    }

    @Test
    void refusesToStartWithRedisButWithoutTheRedisModule() {
        runner.withClassLoader(new FilteredClassLoader(RedisRateLimitStore.class))
                .withPropertyValues("airbyte.embedded.rate-limit-store=redis", "airbyte.embedded.rate-limit-store-uri=" + redis.uri())
                .run(context -> {
                    AirbyteEmbeddedConfigException failure = rootCause(context.getStartupFailure());
                    assertEquals("rate-limit-store", failure.setting());
                    assertTrue(failure.getMessage().contains("airbyte-embedded-redis"), failure.getMessage());
                });
    }

    @Test
    void refusesAStoreUriWhileTheStoreIsMemory() {
        runner.withPropertyValues("airbyte.embedded.rate-limit-store-uri=redis://:never-printed@127.0.0.1:6379")
                .run(context -> {
                    AirbyteEmbeddedConfigException failure = rootCause(context.getStartupFailure());
                    assertEquals("rate-limit-store-uri", failure.setting());
                    assertFalse(failure.getMessage().contains("never-printed"), failure.getMessage());
                });
    }

    @Test
    void anApplicationsOwnStoreWins() {
        runner.withUserConfiguration(ApplicationRedisConfiguration.class, OwnStoreConfiguration.class)
                .withPropertyValues("airbyte.embedded.rate-limit-store=redis")
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    assertEquals(1, context.getBeansOfType(RateLimitStore.class).size());
                    assertSame(OwnStoreConfiguration.STORE, context.getBean(AirbyteEmbeddedConfig.class).rateLimitStore().orElseThrow());
                });
    }

    private static AirbyteEmbeddedConfigException rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof AirbyteEmbeddedConfigException)) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof AirbyteEmbeddedConfigException, String.valueOf(failure));
        return (AirbyteEmbeddedConfigException) cause;
    }

    /**
     * The application's own Spring Data Redis connection, as Boot's Redis auto-configuration would define it
     * from {@code spring.data.redis.*} (the sample app runs with Boot's own).
     */
    @Configuration(proxyBeanMethods = false)
    static class ApplicationRedisConfiguration {

        @Bean
        LettuceConnectionFactory redisConnectionFactory() {
            return new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStoreConfiguration {

        static final RateLimitStore STORE = new RateLimitStore() {
            @Override
            public CompletionStage<Optional<Duration>> tryAcquire(String limit, String user, int permits, Duration period) {
                return CompletableFuture.completedFuture(Optional.empty());
            }

            @Override
            public CompletionStage<Boolean> markNotified(String workspaceName, String sourceId, Duration remember) {
                return CompletableFuture.completedFuture(true);
            }
        };

        @Bean
        RateLimitStore ownRateLimitStore() {
            return STORE;
        }
    }
}
