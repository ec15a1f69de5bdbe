package io.github.airbyteembedded.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.Await;
import io.github.airbyteembedded.testkit.support.LocalRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store on its own, against a real Redis: its buckets, its record of sources, its keys. */
final class RedisRateLimitStoreIT {

    private static LocalRedis redis;
    private RedisRateLimitStore store;

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
    void connect() {
        redis.command("FLUSHALL");
        store = RedisRateLimitStore.create(redis.uri());
        Await.until("connected", store::connected, Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static <T> T answer(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private List<String> keys() {
        return redis.command("KEYS", "*").lines().filter(line -> !line.isBlank()).sorted().toList();
    }

    @Test
    void grantsTheLimitsPermitsThenSaysHowLongUntilTheNext() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), answer(store.tryAcquire("token", "alice", 3, Duration.ofHours(1))));
        }

        Optional<Duration> wait = answer(store.tryAcquire("token", "alice", 3, Duration.ofHours(1)));

        assertTrue(wait.isPresent());
        assertTrue(wait.get().compareTo(Duration.ofMinutes(20)) <= 0 && wait.get().compareTo(Duration.ofMinutes(19)) > 0,
                "one permit of 3 an hour refills in 20 minutes: " + wait.get());
    }

    @Test
    void eachLimitAndEachUserHasABucketOfItsOwn() throws Exception {
        assertEquals(Optional.empty(), answer(store.tryAcquire("token", "alice", 1, Duration.ofHours(1))));
        assertTrue(answer(store.tryAcquire("token", "alice", 1, Duration.ofHours(1))).isPresent());

        assertEquals(Optional.empty(), answer(store.tryAcquire("sources-list", "alice", 1, Duration.ofHours(1))));
        assertEquals(Optional.empty(), answer(store.tryAcquire("token", "bob", 1, Duration.ofHours(1))));
        assertEquals(Optional.empty(), answer(store.tryAcquire("token", "alice", 2, Duration.ofHours(1))),
                "a changed limit starts fresh buckets");
    }

    @Test
    void twoStoresOnOneRedisShareTheirBuckets() throws Exception {
        try (RedisRateLimitStore other = RedisRateLimitStore.create(redis.uri())) {
            assertEquals(Optional.empty(), answer(store.tryAcquire("token", "alice", 2, Duration.ofHours(1))));
            assertEquals(Optional.empty(), answer(other.tryAcquire("token", "alice", 2, Duration.ofHours(1))));
            assertTrue(answer(store.tryAcquire("token", "alice", 2, Duration.ofHours(1))).isPresent());
            assertTrue(answer(other.tryAcquire("token", "alice", 2, Duration.ofHours(1))).isPresent());
        }
    }

    @Test
    void marksASourceOncePerWorkspaceWhileItIsRemembered() throws Exception {
        assertTrue(answer(store.markNotified("alice", "source-1", Duration.ofMinutes(1))));
        assertFalse(answer(store.markNotified("alice", "source-1", Duration.ofMinutes(1))));
        assertTrue(answer(store.markNotified("bob", "source-1", Duration.ofMinutes(1))), "another workspace");
        assertTrue(answer(store.markNotified("alice", "source-2", Duration.ofMinutes(1))), "another source");
    }

    @Test
    void keysAreNamespacedHoldNoNameAndExpireWithinTheLimitsPeriod() throws Exception {
        answer(store.tryAcquire("token", "alice@example.com", 10, Duration.ofSeconds(30)));
        answer(store.markNotified("alice@example.com", "source-1", Duration.ofMinutes(1)));

        List<String> keys = keys();

        assertEquals(2, keys.size(), keys.toString());
        for (String key : keys) {
            assertTrue(key.startsWith(RedisRateLimitStore.DEFAULT_KEY_PREFIX), key);
            assertFalse(key.contains("alice") || key.contains("example") || key.contains("source-1"), key);
        }
        String bucket = keys.stream().filter(key -> key.contains(":limit:token:")).findFirst().orElseThrow();
        long bucketTtl = Long.parseLong(redis.command("PTTL", bucket));
        assertTrue(bucketTtl > 0 && bucketTtl <= 30_000, "until the bucket is full again, at most the period: " + bucketTtl);
        String notified = keys.stream().filter(key -> key.contains(":notified:")).findFirst().orElseThrow();
        long notifiedTtl = Long.parseLong(redis.command("PTTL", notified));
        assertTrue(notifiedTtl > 0 && notifiedTtl <= 60_000, "as long as asked: " + notifiedTtl);
    }

    @Test
    void anotherKeyPrefixKeepsAnotherApplicationsBucketsApart() throws Exception {
        try (RedisRateLimitStore shop = RedisRateLimitStore.builder().uri(redis.uri()).keyPrefix("shop:").build()) {
            assertEquals(Optional.empty(), answer(store.tryAcquire("token", "alice", 1, Duration.ofHours(1))));
            assertEquals(Optional.empty(), answer(shop.tryAcquire("token", "alice", 1, Duration.ofHours(1))));
            assertTrue(keys().stream().anyMatch(key -> key.startsWith("shop:limit:token:")), keys().toString());
        }
    }

    @Test
    void failsAtOnceWhileRedisIsAwayAndAnswersAgainOnceItIsBack() throws Exception {
        redis.stop();
        try {
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> answer(store.tryAcquire("token", "alice", 1, Duration.ofHours(1))));
            assertTrue(failure.getCause() instanceof RuntimeException, String.valueOf(failure.getCause()));
        } finally {
            redis.restart();
        }

        Await.until("the store answers again", () -> {
            try {
                return answer(store.tryAcquire("token", "carol", 100, Duration.ofHours(1))).isEmpty();
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(30));
    }

    @Test
    void aTokenCostsTwoRoundTripsWhetherOrNotTheUsersBucketIsInRedisAndASourceOne() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        RedisClient client = RedisClient.create(redis.uri());
        client.addListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                sent.add(event.getCommand().getType().toString());
            }
        });
        try (RedisRateLimitStore own = RedisRateLimitStore.create(client)) {
            Await.until("connected", own::connected, Duration.ofSeconds(30));
            sent.clear();

            answer(own.tryAcquire("token", "dora", 10, Duration.ofMinutes(1)));
            assertEquals(List.of("GET", "EVAL"), sent, "a new bucket: read, then Bucket4j's compare-and-swap creates it");
            sent.clear();
            answer(own.tryAcquire("token", "dora", 10, Duration.ofMinutes(1)));
            assertEquals(List.of("GET", "EVAL"), sent, "an existing bucket: read, then compare-and-swap");
            sent.clear();
            answer(own.markNotified("dora", "source-1", Duration.ofMinutes(1)));
            assertEquals(List.of("SET"), sent);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void neitherTheStoreNorItsErrorsPrintTheUrisPassword() {
        String uri = "redis://:s3cret-password@127.0.0.1:" + redis.port() + "/0";
        try (RedisRateLimitStore withPassword = RedisRateLimitStore.create(uri)) {
            assertFalse(withPassword.toString().contains("s3cret-password"), withPassword.toString());
            assertTrue(withPassword.toString().contains("127.0.0.1:" + redis.port()), withPassword.toString());
        }
        IllegalArgumentException notRedis = assertThrows(IllegalArgumentException.class,
                () -> RedisRateLimitStore.create("http://user:s3cret-password@example.com"));
        assertFalse(notRedis.getMessage().contains("s3cret-password"), notRedis.getMessage());
        IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class,
                () -> RedisRateLimitStore.create("redis://:s3cret-password@[::1"));
        assertFalse(garbage.getMessage().contains("s3cret-password"), garbage.getMessage());
    }
}
