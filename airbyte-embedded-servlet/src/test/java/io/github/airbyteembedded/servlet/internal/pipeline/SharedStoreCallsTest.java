package io.github.airbyteembedded.servlet.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.RateLimitStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routes' calls to a shared store, on a store the test answers for: in time, failing, throwing or never. */
class SharedStoreCallsTest {

    private static final Logger LOG = Logger.getLogger(SharedStoreCalls.class.getName());

    private final AtomicInteger counted = new AtomicInteger();
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

    /** What the fake store answers next: a stage per call. */
    private volatile CompletionStage<Optional<Duration>> nextAcquire = CompletableFuture.completedFuture(Optional.empty());
    private volatile CompletionStage<Boolean> nextMark = CompletableFuture.completedFuture(true);
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private final RateLimitStore store = new RateLimitStore() {
        @Override
        public CompletionStage<Optional<Duration>> tryAcquire(String limit, String user, int permits, Duration period) {
            asked.add(limit + " " + user + " " + permits + "/" + period);
            return nextAcquire;
        }

        @Override
        public CompletionStage<Boolean> markNotified(String workspaceName, String sourceId, Duration remember) {
            asked.add(workspaceName + " " + sourceId + " " + remember);
            return nextMark;
        }
    };

    @BeforeEach
    void listen() {
        LOG.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        LOG.removeHandler(handler);
    }

    private SharedStoreCalls calls(boolean failOpen) {
        return new SharedStoreCalls(store, Duration.ofMillis(50), failOpen, counted::incrementAndGet);
    }

    private long logged(Level level) {
        return logged.stream().filter(record -> record.getLevel().equals(level)).count();
    }

    @Test
    void passesTheStoresAnswerOnWithTheLimitsNameAndShape() {
        RateLimiter limiter = calls(true).limiter("token", 10, Duration.ofMinutes(1));
        assertEquals(Optional.empty(), limiter.tryAcquire("alice"));
        nextAcquire = CompletableFuture.completedFuture(Optional.of(Duration.ofSeconds(6)));
        assertEquals(Optional.of(Duration.ofSeconds(6)), limiter.tryAcquire("alice"));
        assertEquals(List.of("token alice 10/PT1M", "token alice 10/PT1M"), asked);

        NotifiedSources notified = calls(true).notifiedSources(Duration.ofMinutes(1));
        nextMark = CompletableFuture.completedFuture(false);
        assertFalse(notified.markNotified("alice", "s1"));
        assertEquals(0, counted.get());
        assertTrue(logged.isEmpty());
    }

    @Test
    void failingOpenGrantsThePermitAndTellsTheListenerWhenTheStoreFailsThrowsOrDoesNotAnswer() {
        SharedStoreCalls calls = calls(true);
        RateLimiter limiter = calls.limiter("token", 10, Duration.ofMinutes(1));
        NotifiedSources notified = calls.notifiedSources(Duration.ofMinutes(1));

        nextAcquire = CompletableFuture.failedFuture(new IllegalStateException("connection refused to redis://:pw@host"));
        assertEquals(Optional.empty(), limiter.tryAcquire("alice"));
        nextAcquire = new CompletableFuture<>(); // never answers: given up at the timeout
        assertEquals(Optional.empty(), limiter.tryAcquire("alice"));
        nextMark = new CompletableFuture<>();
        assertTrue(notified.markNotified("alice", "s1"), "told (maybe twice) rather than never");

        assertEquals(3, counted.get());
        assertEquals(1, logged(Level.WARNING), "one WARNING for the outage");
        assertTrue(logged.stream().noneMatch(record -> String.valueOf(List.of(record.getParameters())).contains("pw@host")),
                "the failure's message is never logged");
    }

    @Test
    void aStoreThatThrowsInsteadOfFailingItsStageIsUnavailableToo() {
        RateLimitStore throwing = new RateLimitStore() {
            @Override
            public CompletionStage<Optional<Duration>> tryAcquire(String limit, String user, int permits, Duration period) {
                throw new IllegalStateException("broken");
            }

            @Override
            public CompletionStage<Boolean> markNotified(String workspaceName, String sourceId, Duration remember) {
                return null;
            }
        };
        SharedStoreCalls calls = new SharedStoreCalls(throwing, Duration.ofMillis(50), true, counted::incrementAndGet);
        assertEquals(Optional.empty(), calls.limiter("token", 1, Duration.ofMinutes(1)).tryAcquire("alice"));
        assertTrue(calls.notifiedSources(Duration.ofMinutes(1)).markNotified("alice", "s1"));
        assertEquals(2, counted.get());
    }

    @Test
    void failingClosedRefusesWhileTheStoreIsUnavailable() {
        SharedStoreCalls calls = calls(false);
        nextAcquire = new CompletableFuture<>();
        nextMark = CompletableFuture.failedFuture(new IllegalStateException("down"));

        assertThrows(StoreUnavailableException.class, () -> calls.limiter("token", 1, Duration.ofMinutes(1)).tryAcquire("alice"));
        assertThrows(StoreUnavailableException.class, () -> calls.notifiedSources(Duration.ofMinutes(1)).markNotified("alice", "s1"));
        assertEquals(2, counted.get());
        assertTrue(logged.get(0).getParameters()[1].toString().contains("refused with 503"), logged.toString());
    }

    @Test
    void logsOneWarningPerOutageAndTheRecoveryOnce() {
        SharedStoreCalls calls = calls(true);
        RateLimiter limiter = calls.limiter("token", 10, Duration.ofMinutes(1));

        for (int outage = 0; outage < 2; outage++) {
            nextAcquire = CompletableFuture.failedFuture(new IllegalStateException("down"));
            limiter.tryAcquire("alice");
            limiter.tryAcquire("bob");
            nextAcquire = CompletableFuture.completedFuture(Optional.empty());
            limiter.tryAcquire("alice");
            limiter.tryAcquire("alice");
        }

        assertEquals(2, logged(Level.WARNING));
        assertEquals(2, logged(Level.INFO));
        assertEquals(4, counted.get());
        assertEquals(2L, logged.stream().filter(record -> record.getLevel().equals(Level.INFO)).findFirst().orElseThrow()
                .getParameters()[0], "the recovery says how many requests the outage touched");
    }

    @Test
    void refusedRequestsAreAnsweredWithTheStoresErrorCode() throws Exception {
        RequestChecks checks = new RequestChecks(List.of(Origin.parseConfigured("https://app.example.com")),
                new Users(io.github.airbyteembedded.servlet.WorkspaceResolver.principalName(), WorkspaceNames.EXACT_CASE));
        nextAcquire = CompletableFuture.failedFuture(new IllegalStateException("down"));
        RequestChecks.Rules rules = new RequestChecks.Rules(java.util.Set.of("POST"),
                Optional.of(calls(false).limiter("token", 1, Duration.ofMinutes(1))));
        PipelineFakes.Request request = new PipelineFakes.Request("POST").user("alice").header("Origin", "https://app.example.com");

        assertEquals(new RequestChecks.Refused(io.github.airbyteembedded.servlet.ErrorCode.RATE_LIMIT_STORE_UNAVAILABLE),
                checks.check(request.proxy(), new PipelineFakes.Response().proxy(), rules, false));
    }
}
