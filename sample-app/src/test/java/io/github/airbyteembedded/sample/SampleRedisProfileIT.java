package io.github.airbyteembedded.sample;

import static io.github.airbyteembedded.sample.SampleHttp.ORIGIN;
import static io.github.airbyteembedded.sample.SampleHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.redis.RedisRateLimitStore;
import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.testkit.support.LocalRedis;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample's {@code redis} profile, as two instances of the app behind a load balancer would run it,
 * each with its own emulator and sharing one real Redis: a user gets 10 tokens in all, not 10 per
 * instance (10 an hour here rather than the default 10 a minute, so that none refills while the test
 * runs), and the health of each shows Redis.
 */
class SampleRedisProfileIT {

    private static LocalRedis redis;
    private static final List<ConfigurableApplicationContext> INSTANCES = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() {
        redis = LocalRedis.start();
        for (int i = 0; i < 2; i++) {
            INSTANCES.add(new SpringApplicationBuilder(SampleApplication.class).profiles("redis")
                    .run("--server.port=0", "--airbyte.embedded.emulator-port=0", "--spring.data.redis.url=" + redis.uri(),
                            "--airbyte.embedded.rate-limit=10/1h", "--airbyte.embedded.rate-limit-store-timeout=5s"));
        }
    }

    @AfterAll
    static void stop() {
        INSTANCES.forEach(ConfigurableApplicationContext::close);
        if (redis != null) {
            redis.close();
        }
    }

    private static SampleHttp http(int instance) {
        return new SampleHttp(((WebServerApplicationContext) INSTANCES.get(instance)).getWebServer().getPort());
    }

    private static HttpResponse<String> token(SampleHttp http, String user) {
        return http.send(http.request("/api/airbyte/widget-token", user).header("Origin", ORIGIN)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void keepsTheLimitsInRedisThroughTheAppsOwnConnection() {
        for (ConfigurableApplicationContext instance : INSTANCES) {
            assertTrue(instance.getBean(AirbyteEmbedded.class).config().rateLimitStore().orElseThrow() instanceof RedisRateLimitStore);
        }
    }

    @Test
    void aUserGetsTenTokensAcrossBothInstancesNotTenOnEach() {
        SampleHttp first = http(0);
        SampleHttp second = http(1);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(token(first, "alice").statusCode());
            statuses.add(token(second, "alice").statusCode());
        }

        assertEquals(10, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
        assertEquals(List.of(429, 429), statuses.subList(10, 12), statuses.toString());
        assertEquals("rate_limited", json(token(second, "alice")).path("error").asText());
        assertEquals(200, token(first, "bob").statusCode(), "bob has his own allowance");
        for (ConfigurableApplicationContext instance : INSTANCES) {
            assertEquals(0, instance.getBean(AirbyteEmbedded.class).statistics().rateLimitStoreFailures());
        }
    }

    @Test
    void healthShowsRedis() {
        SampleHttp http = http(0);
        HttpResponse<String> health = http.send(http.request("/actuator/health", "alice"));
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("UP", json(health).path("components").path("redis").path("status").asText(), health.body());
    }
}
