package io.github.airbyteembedded.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.Await;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.support.LocalRedis;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis taken away while two instances serve a user, and brought back: failing open (the default),
 * requests are served without the limits, counted, with one WARNING for the outage; failing closed,
 * they are refused with 503 and Retry-After; either way the limits apply again once Redis is back.
 */
final class RedisOutageIT {

    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final Logger CALLS_LOG = Logger.getLogger("io.github.airbyteembedded.servlet.internal.pipeline.SharedStoreCalls");

    private LocalRedis redis;
    private AirbyteEmulator emulator;
    private final List<Instance> instances = new ArrayList<>();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() {
        redis = LocalRedis.start();
        emulator = AirbyteEmulator.builder().build().start();
        CALLS_LOG.addHandler(handler);
    }

    @AfterEach
    void stop() {
        CALLS_LOG.removeHandler(handler);
        instances.forEach(Instance::close);
        emulator.close();
        redis.close();
    }

    /** An instance whose store waits {@code timeout}: Redis away fails every call at once whatever it is. */
    private Instance instance(boolean failOpen, Duration timeout) throws Exception {
        Instance instance = Instance.sharing(emulator, redis.uri(), builder -> builder
                .rateLimit(3, Duration.ofHours(1))
                .rateLimitStoreTimeout(timeout)
                .rateLimitStoreFailOpen(failOpen));
        instances.add(instance);
        return instance;
    }

    private long logged(Level level) {
        return logged.stream().filter(record -> record.getLevel().equals(level)).count();
    }

    private static long failures(Instance... instances) {
        long sum = 0;
        for (Instance instance : instances) {
            sum += instance.airbyte.statistics().rateLimitStoreFailures();
        }
        return sum;
    }

    @Test
    void failingOpenServesUsersWhileRedisIsAwayWithOneWarningAndLimitsThemAgainWhenItReturns() throws Exception {
        Instance a = instance(true, Instance.PATIENT);
        Instance b = instance(true, Instance.PATIENT);
        assertEquals(List.of(200, 200, 200, 429), List.of(a.token("alice").statusCode(), b.token("alice").statusCode(),
                a.token("alice").statusCode(), b.token("alice").statusCode()));

        redis.stop();
        List<Integer> whileAway = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            whileAway.add(a.token("alice").statusCode());
            whileAway.add(b.token("alice").statusCode());
        }

        assertEquals(List.of(200, 200, 200, 200, 200, 200), whileAway, "served without the limit");
        assertEquals(6, failures(a, b), "every request that found Redis away is counted");
        assertEquals(2, logged(Level.WARNING), "one WARNING per instance for the outage, not one per request");
        assertTrue(logged.stream().noneMatch(record -> String.valueOf(record.getParameters() == null ? ""
                : List.of(record.getParameters())).contains(redis.uri())), "the log never holds the URI");

        redis.restart();
        Await.until("both instances are connected again", () -> a.store.connected() && b.store.connected(), RECOVERY);
        List<Integer> after = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            after.add(a.token("alice").statusCode());
            after.add(b.token("alice").statusCode());
        }
        // Redis came back empty: 3 fresh permits (fewer if a request given up at its timeout took one there).
        int served = after.indexOf(429);
        assertTrue(served >= 1 && served <= 3, "served, then limited again by the bucket Redis keeps: " + after);
        assertTrue(after.subList(served, after.size()).stream().allMatch(status -> status == 429), after.toString());
        long failuresAfterRecovery = failures(a, b);
        assertEquals(429, a.token("alice").statusCode());
        assertEquals(429, b.token("alice").statusCode());
        assertEquals(failuresAfterRecovery, failures(a, b), "no more failures once Redis answers");
        assertEquals(2, logged(Level.INFO), "each instance logs the recovery once");
        assertEquals(2, logged(Level.WARNING), "still one WARNING per instance");
    }

    @Test
    void failingClosedRefusesUsersWith503WhileRedisIsAwayAndServesThemWhenItReturns() throws Exception {
        Instance a = instance(false, Instance.PATIENT);
        Instance b = instance(false, Instance.PATIENT);
        assertEquals(200, a.token("alice").statusCode());

        redis.stop();
        HttpResponse<String> refused = b.token("alice");

        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("rate_limit_store_unavailable", Instance.error(refused));
        assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "a 503 carries Retry-After");
        assertEquals(503, a.token("bob").statusCode());
        assertEquals(1, a.airbyte.statistics().count("rate_limit_store_unavailable"));
        assertEquals(2, failures(a, b));
        assertEquals(1, emulator.callCount("POST /api/v1/account/applications/widget-token"), "nothing minted while refused");

        redis.restart();
        Await.until("both instances are connected again", () -> a.store.connected() && b.store.connected(), RECOVERY);
        List<Integer> after = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            after.add(a.token("alice").statusCode());
            after.add(b.token("alice").statusCode());
        }
        // Redis came back empty (3 fresh permits); a request refused at its timeout may still have taken one there.
        int served = after.indexOf(429);
        assertTrue(served >= 1 && served <= 3, "served again, then limited by the bucket Redis keeps: " + after);
        assertTrue(after.subList(0, served).stream().allMatch(status -> status == 200), after.toString());
        assertTrue(after.subList(served, after.size()).stream().allMatch(status -> status == 429), after.toString());
    }

    @Test
    void sourceEventsThatCannotBeRecordedAreToldFailingOpenAndRefusedFailingClosed() throws Exception {
        String source = Instance.createSource(emulator, "alice");
        Instance open = Instance.sharing(emulator, redis.uri(), builder -> builder.disableSourcesChangeRateLimit()
                .rateLimitStoreTimeout(Instance.PATIENT));
        Instance closed = Instance.sharing(emulator, redis.uri(), builder -> builder.disableSourcesChangeRateLimit()
                .rateLimitStoreTimeout(Instance.PATIENT).rateLimitStoreFailOpen(false));
        instances.add(open);
        instances.add(closed);

        redis.stop();
        HttpResponse<String> told = open.sourceCreated("alice", source);
        HttpResponse<String> refused = closed.sourceCreated("alice", source);

        assertEquals(200, told.statusCode(), told.body());
        assertEquals(List.of("alice|" + source), open.heard, "failing open, the listener is told (perhaps again)");
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("rate_limit_store_unavailable", Instance.error(refused));
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals(List.of(), closed.heard, "failing closed, it is not told what cannot be recorded");

        redis.restart();
        Await.until("the source is confirmed through Redis again", () -> {
            try {
                return closed.sourceCreated("alice", source).statusCode() == 200;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, RECOVERY);
        assertEquals(List.of("alice|" + source), closed.heard);
    }

    @Test
    void aRedisThatDoesNotAnswerIsTreatedAsAwayAfterTheTimeoutWithoutHoldingTheRequest() throws Exception {
        Instance a = instance(true, AirbyteEmbeddedConfig.DEFAULT_RATE_LIMIT_STORE_TIMEOUT);
        assertEquals(200, a.token("alice").statusCode());
        // A busy machine can make even that first call outlast the 100 ms (fail open, counted): count from here.
        long failuresBefore = a.airbyte.statistics().rateLimitStoreFailures();

        // Redis holds every write (the bucket's compare-and-swap) for 20 s; the route waits its 100 ms and moves on.
        assertEquals("OK", redis.command("CLIENT", "PAUSE", "20000", "WRITE"));
        HttpResponse<String> served = a.token("alice");
        String clients = redis.command("INFO", "clients");
        redis.command("CLIENT", "UNPAUSE");

        assertEquals(200, served.statusCode(), served.body());
        assertTrue(clients.contains("blocked_clients:1"), "answered while Redis still held the store's command: " + clients);
        assertEquals(failuresBefore + 1, a.airbyte.statistics().rateLimitStoreFailures());
        assertTrue(logged.stream().anyMatch(record -> record.getLevel().equals(Level.WARNING)
                && List.of(record.getParameters()).toString().contains("no answer within 100 ms")), "the WARNING says why");
    }
}
