package io.github.airbyteembedded.servlet.internal.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.ErrorCode;
import io.github.airbyteembedded.testkit.support.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class OperatorTokenCacheTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicInteger fetches = new AtomicInteger();
    private final List<CompletableFuture<OperatorToken>> pending = new ArrayList<>();

    private OperatorTokenCache cache(Duration skew) {
        return cache(skew, Duration.ofHours(1));
    }

    private OperatorTokenCache cache(Duration skew, Duration fetchDeadline) {
        return new OperatorTokenCache(() -> {
            fetches.incrementAndGet();
            CompletableFuture<OperatorToken> future = new CompletableFuture<>();
            synchronized (pending) {
                pending.add(future);
            }
            return future;
        }, fetchDeadline, skew, clock, Runnable::run);
    }

    private OperatorToken token(String value, Duration expiresIn) {
        return new OperatorToken(Secret.of(value), expiresIn, clock.instant());
    }

    private void completeLatest(OperatorToken token) {
        synchronized (pending) {
            pending.get(pending.size() - 1).complete(token);
        }
    }

    @Test
    void fetchesOperatorTokenOnceUnderConcurrentRequests() throws Exception {
        OperatorTokenCache cache = cache(Duration.ofSeconds(60));
        int callers = 64;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CompletableFuture<OperatorToken>>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return cache.get();
            }));
        }
        start.countDown();
        List<CompletableFuture<OperatorToken>> futures = new ArrayList<>();
        for (Future<CompletableFuture<OperatorToken>> result : results) {
            futures.add(result.get());
        }
        pool.shutdown();
        OperatorToken token = token("a", Duration.ofSeconds(900));
        completeLatest(token);
        for (CompletableFuture<OperatorToken> future : futures) {
            assertSame(token, future.join());
        }
        assertEquals(1, fetches.get());
    }

    @Test
    void servesTheCachedTokenUntilExpiryMinusSkewThenFetchesAgain() {
        OperatorTokenCache cache = cache(Duration.ofSeconds(60));
        cache.get();
        OperatorToken first = token("first", Duration.ofSeconds(900));
        completeLatest(first);

        clock.advance(Duration.ofSeconds(839));
        assertSame(first, cache.get().join());
        assertEquals(1, fetches.get());

        clock.advance(Duration.ofSeconds(1));
        CompletableFuture<OperatorToken> refreshed = cache.get();
        assertEquals(2, fetches.get());
        OperatorToken second = token("second", Duration.ofSeconds(900));
        completeLatest(second);
        assertSame(second, refreshed.join());
    }

    @Test
    void shortLivedTokenIsKeptForHalfItsLifetimeWhenTheSkewWouldEatIt() {
        OperatorTokenCache cache = cache(Duration.ofSeconds(60));
        cache.get();
        completeLatest(token("short", Duration.ofSeconds(90)));
        clock.advance(Duration.ofSeconds(44));
        cache.get();
        assertEquals(1, fetches.get());
        clock.advance(Duration.ofSeconds(1));
        cache.get();
        assertEquals(2, fetches.get());
    }

    @Test
    void failedFetchIsSharedByWaitersAndNotCached() {
        OperatorTokenCache cache = cache(Duration.ofSeconds(60));
        CompletableFuture<OperatorToken> a = cache.get();
        CompletableFuture<OperatorToken> b = cache.get();
        synchronized (pending) {
            pending.get(0).completeExceptionally(
                    UpstreamException.failure(ErrorCode.UPSTREAM_UNAVAILABLE, "down", Duration.ofSeconds(5), null));
        }
        assertEquals(1, fetches.get());
        CompletionException failure = assertThrows(CompletionException.class, a::join);
        assertInstanceOf(UpstreamException.class, failure.getCause());
        assertTrue(b.isCompletedExceptionally());

        cache.get();
        assertEquals(2, fetches.get());
    }

    @Test
    void aCallerArrivingAsAFetchFailsStartsAFreshFetchRatherThanGettingThatFailure() {
        // What a waiter of the failed fetch does on completion (a health check that remembers the failure,
        // then a request) runs before the cache has dropped the failed future: it must still fetch afresh.
        OperatorTokenCache cache = cache(Duration.ofSeconds(60));
        List<CompletableFuture<OperatorToken>> afterTheFailure = new ArrayList<>();
        cache.get().whenComplete((token, failure) -> afterTheFailure.add(cache.get()));
        synchronized (pending) {
            pending.get(0).completeExceptionally(
                    UpstreamException.failure(ErrorCode.UPSTREAM_TIMEOUT, "slow", null, null));
        }
        assertEquals(1, afterTheFailure.size());
        assertEquals(2, fetches.get(), "a fresh fetch");
        completeLatest(token("fresh", Duration.ofMinutes(15)));
        assertEquals("fresh", afterTheFailure.get(0).join().accessToken().reveal());
    }

    @Test
    void aFetchThatNeverEndsFailsAtItsDeadlineAndIsEvictedSoTheNextCallerFetchesAfresh() throws Exception {
        OperatorTokenCache cache = cache(Duration.ofSeconds(60), Duration.ofMillis(50));
        CompletableFuture<OperatorToken> hanging = cache.get();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> hanging.get(30, TimeUnit.SECONDS));

        UpstreamException timeout = assertInstanceOf(UpstreamException.class, failure.getCause());
        assertEquals(ErrorCode.UPSTREAM_TIMEOUT, timeout.errorCode());
        CompletableFuture<OperatorToken> next = cache.get();
        assertEquals(2, fetches.get(), "the timed-out fetch is not shared with later callers");
        OperatorToken token = token("fresh", Duration.ofSeconds(900));
        completeLatest(token);
        assertSame(token, next.get(30, TimeUnit.SECONDS));
    }

    @Test
    void invalidatingAStaleTokenThatWasAlreadyReplacedKeepsTheNewOne() {
        OperatorTokenCache cache = cache(Duration.ofSeconds(60));
        cache.get();
        OperatorToken stale = token("stale", Duration.ofSeconds(900));
        completeLatest(stale);

        cache.invalidate(stale);
        cache.get();
        OperatorToken fresh = token("fresh", Duration.ofSeconds(900));
        completeLatest(fresh);
        assertEquals(2, fetches.get());

        cache.invalidate(stale); // a late caller that also saw the stale token
        assertSame(fresh, cache.get().join());
        assertEquals(2, fetches.get());
    }

    @Test
    void cachedReportsOnlyAReadyToken() {
        OperatorTokenCache cache = cache(Duration.ofSeconds(60));
        assertTrue(cache.cached().isEmpty());
        cache.get();
        assertTrue(cache.cached().isEmpty());
        OperatorToken ready = token("ready", Duration.ofSeconds(900));
        completeLatest(ready);
        assertSame(ready, cache.cached().orElseThrow());
    }
}
