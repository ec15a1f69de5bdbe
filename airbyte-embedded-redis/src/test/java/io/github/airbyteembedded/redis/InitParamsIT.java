package io.github.airbyteembedded.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import io.github.airbyteembedded.servlet.Await;
import io.github.airbyteembedded.servlet.internal.settings.FilterConfigReader;
import io.github.airbyteembedded.servlet.internal.settings.MapFilterConfig;
import io.github.airbyteembedded.servlet.internal.settings.SharedStoreSettings;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.support.LocalRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis store configured as web.xml declares it: {@code rate-limit-store=redis} and the URI from a
 * variable the init-param {@code rate-limit-store-uri-property} (or {@code -env}) names, never the URI
 * itself; the filter closes the store it created when it is destroyed.
 */
final class InitParamsIT {

    private static final String URI_PROPERTY = "test.airbyte.redis-uri";

    private LocalRedis redis;
    private AirbyteEmulator emulator;
    private final List<TestWebApp> apps = new ArrayList<>();

    @BeforeEach
    void start() {
        redis = LocalRedis.start();
        emulator = AirbyteEmulator.builder().build().start();
        System.setProperty(URI_PROPERTY, redis.uri());
        System.setProperty("test.airbyte.client-secret", AirbyteEmulator.DEFAULT_CLIENT_SECRET);
    }

    @AfterEach
    void stop() {
        System.clearProperty(URI_PROPERTY);
        System.clearProperty("test.airbyte.client-secret");
        apps.forEach(TestWebApp::close);
        emulator.close();
        redis.close();
    }

    private Map<String, String> initParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client-id", AirbyteEmulator.DEFAULT_CLIENT_ID);
        params.put("client-secret-property", "test.airbyte.client-secret");
        params.put("api-base-url", emulator.baseUri().toString());
        params.put("allowed-origins", Instance.ORIGIN);
        params.put("rate-limit", "2/1h");
        params.put("rate-limit-store", "redis");
        params.put("rate-limit-store-uri-property", URI_PROPERTY);
        params.put("rate-limit-store-timeout", "5s"); // the tests count exact limits: never fail open on a busy machine
        return params;
    }

    private TestWebApp app(Map<String, String> params) throws Exception {
        return app(params, new FilterHolder(AirbyteEmbeddedFilter.class));
    }

    private TestWebApp app(Map<String, String> params, FilterHolder filter) throws Exception {
        filter.setInitParameters(params);
        filter.setAsyncSupported(true);
        TestWebApp app = TestWebApp.builder().filter(filter).start();
        apps.add(app);
        return app;
    }

    private int clients() {
        return (int) redis.command("CLIENT", "LIST").lines().filter(line -> !line.isBlank()).count();
    }

    @Test
    void twoApplicationsConfiguredFromInitParamsShareTheirLimitsThroughRedis() throws Exception {
        TestWebApp a = app(initParams());
        TestWebApp b = app(initParams());

        assertEquals(200, a.requestToken("alice", Instance.ORIGIN, "").statusCode());
        assertEquals(200, b.requestToken("alice", Instance.ORIGIN, "").statusCode());
        assertEquals(429, a.requestToken("alice", Instance.ORIGIN, "").statusCode());
        assertEquals(429, b.requestToken("alice", Instance.ORIGIN, "").statusCode());
    }

    @Test
    void theFilterClosesTheStoreItCreatedWhenItIsDestroyed() throws Exception {
        int before = clients();
        TestWebApp app = app(initParams());
        assertEquals(200, app.requestToken("alice", Instance.ORIGIN, "").statusCode());
        assertEquals(before + 1, clients(), "the store's one connection");

        app.close();
        apps.remove(app);

        Await.until("the store's connection is closed", () -> clients() == before, Duration.ofSeconds(10));
    }

    @Test
    void theConfigurationNamesTheRedisHostButNeverTheUri() throws Exception {
        System.setProperty(URI_PROPERTY, "redis://:s3cret-password@127.0.0.1:" + redis.port() + "/0");
        FilterHolder filter = new FilterHolder(AirbyteEmbeddedFilter.class);
        app(initParams(), filter);

        String text = ((AirbyteEmbeddedFilter) filter.getFilter()).airbyteEmbedded().config().toString();

        assertTrue(text.contains("RedisRateLimitStore{redis at 127.0.0.1:" + redis.port()), text);
        assertFalse(text.contains("s3cret-password"), text);
    }

    @Test
    void aUriThatIsNotARedisUriIsRefusedWithoutRepeatingIt() {
        Map<String, String> params = initParams();
        params.remove("rate-limit-store-uri-property");
        params.put("rate-limit-store-uri-env", "REDIS_URL");
        Map<String, String> environment = Map.of("REDIS_URL", "http://user:s3cret-password@example.com/");

        AirbyteEmbeddedConfigException failure = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> new FilterConfigReader(environment::get, System::getProperty).read(MapFilterConfig.of(params)));

        assertEquals("rate-limit-store-uri", failure.setting());
        assertFalse(failure.getMessage().contains("s3cret-password"), failure.getMessage());
    }

    @Test
    void theUriItselfIsNeverAnInitParam() {
        Map<String, String> params = initParams();
        params.remove("rate-limit-store-uri-property");
        params.put("rate-limit-store-uri", "redis://:s3cret-password@127.0.0.1:6379");

        AirbyteEmbeddedConfigException failure = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> new FilterConfigReader(name -> null, System::getProperty).read(MapFilterConfig.of(params)));

        assertEquals("rate-limit-store-uri", failure.setting());
        assertTrue(failure.getMessage().contains("rate-limit-store-uri-env"), failure.getMessage());
        assertFalse(failure.getMessage().contains("s3cret-password"), failure.getMessage());
    }

    @Test
    void theCoreLoadsThisModulesStoreByItsName() {
        assertEquals(RedisRateLimitStore.class.getName(), SharedStoreSettings.REDIS_STORE_CLASS);
    }
}
