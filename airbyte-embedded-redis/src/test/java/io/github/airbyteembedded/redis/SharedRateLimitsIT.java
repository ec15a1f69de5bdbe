package io.github.airbyteembedded.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.support.LocalRedis;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of an application behind a load balancer, sharing one real Redis: a user gets each
 * limit once across both, and a source confirmed on one is not told again on the other. The limits'
 * periods are hours, so that nothing refills while a test runs.
 */
final class SharedRateLimitsIT {

    private static LocalRedis redis;
    private AirbyteEmulator emulator;
    private final List<Instance> instances = new ArrayList<>();

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
    void startEmulator() {
        emulator = AirbyteEmulator.builder().build().start();
        redis.command("FLUSHALL");
    }

    @AfterEach
    void stop() {
        instances.forEach(Instance::close);
        emulator.close();
    }

    private Instance sharing() throws Exception {
        Instance instance = Instance.sharing(emulator, redis.uri(), builder -> builder
                .rateLimitStoreTimeout(Instance.PATIENT)
                .rateLimit(4, Duration.ofHours(1))
                .sourcesListRateLimit(3, Duration.ofHours(1))
                .sourcesChangeRateLimit(5, Duration.ofHours(1)));
        instances.add(instance);
        return instance;
    }

    @Test
    void withoutASharedStoreEachInstanceGrantsAUserTheWholeLimit() throws Exception {
        Instance a = Instance.alone(emulator, builder -> builder.rateLimit(4, Duration.ofHours(1)));
        Instance b = Instance.alone(emulator, builder -> builder.rateLimit(4, Duration.ofHours(1)));
        instances.add(a);
        instances.add(b);

        int granted = 0;
        for (int i = 0; i < 5; i++) {
            granted += a.token("alice").statusCode() == 200 ? 1 : 0;
            granted += b.token("alice").statusCode() == 200 ? 1 : 0;
        }

        assertEquals(8, granted, "today's default: the limit is per instance, so two instances grant it twice");
    }

    @Test
    void twoInstancesSharingOneRedisHoldAUserToTheTokenLimitAcrossBoth() throws Exception {
        Instance a = sharing();
        Instance b = sharing();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(a.token("alice").statusCode());
            statuses.add(b.token("alice").statusCode());
        }

        assertEquals(List.of(200, 200, 200, 200, 429, 429, 429, 429, 429, 429), statuses);
        HttpResponse<String> refused = b.token("alice");
        assertEquals("rate_limited", Instance.error(refused));
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= Duration.ofMinutes(15).toSeconds(), "one permit refills in 15 minutes: " + retryAfter);
        assertEquals(200, a.token("bob").statusCode(), "another user has a bucket of their own");
        assertEquals(4, emulator.callCount("POST /api/v1/account/applications/widget-token") - 1,
                "Airbyte minted four tokens for alice (and one for bob)");
        assertEquals(0, a.airbyte.statistics().rateLimitStoreFailures() + b.airbyte.statistics().rateLimitStoreFailures());
    }

    @Test
    void twoInstancesSharingOneRedisHoldAUserToTheSourcesLimitsAcrossBoth() throws Exception {
        Instance a = sharing();
        Instance b = sharing();
        String source = Instance.createSource(emulator, "alice");

        List<Integer> listings = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            listings.add(a.listSources("alice").statusCode());
            listings.add(b.listSources("alice").statusCode());
        }
        assertEquals(List.of(200, 200, 200, 429), listings, "3 listings per hour, across both instances");

        List<Integer> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(a.sourceCreated("alice", source).statusCode());
            events.add(b.sourceCreated("alice", source).statusCode());
        }
        assertEquals(List.of(200, 200, 200, 200, 200, 429), events, "5 changes per hour, across both instances");
        assertEquals(200, a.token("alice").statusCode(), "each limit has its own bucket");
    }

    @Test
    void aSourceConfirmedOnOneInstanceIsNotToldAgainOnTheOther() throws Exception {
        Instance a = sharing();
        Instance b = sharing();
        String source = Instance.createSource(emulator, "alice");

        assertEquals(200, a.sourceCreated("alice", source).statusCode());
        assertEquals(200, b.sourceCreated("alice", source).statusCode());
        assertEquals(200, a.sourceCreated("alice", source).statusCode());

        assertEquals(List.of("alice|" + source), a.heard);
        assertEquals(List.of(), b.heard, "the other instance was told nothing: the source was confirmed already");
        String other = Instance.createSource(emulator, "alice");
        assertEquals(200, b.sourceCreated("alice", other).statusCode());
        assertEquals(List.of("alice|" + other), b.heard, "a new source is told, on whichever instance reports it");
    }
}
