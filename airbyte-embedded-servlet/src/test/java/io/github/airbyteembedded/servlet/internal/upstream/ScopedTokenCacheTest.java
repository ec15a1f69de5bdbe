package io.github.airbyteembedded.servlet.internal.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.ErrorCode;
import io.github.airbyteembedded.testkit.support.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class ScopedTokenCacheTest {

    private static final Duration SKEW = Duration.ofSeconds(60);

    private final MutableClock clock = MutableClock.startingNow();
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final Map<String, List<CompletableFuture<ScopedToken>>> pending = new ConcurrentHashMap<>();

    private ScopedTokenCache cache(int maximumSize) {
        return new ScopedTokenCache(workspace -> {
            fetches.computeIfAbsent(workspace, key -> new AtomicInteger()).incrementAndGet();
            CompletableFuture<ScopedToken> future = new CompletableFuture<>();
            pending.computeIfAbsent(workspace, key -> new CopyOnWriteArrayList<>()).add(future);
            return future;
        }, SKEW, clock, Runnable::run, maximumSize);
    }

    private int fetches(String workspace) {
        AtomicInteger count = fetches.get(workspace);
        return count == null ? 0 : count.get();
    }

    private ScopedToken token(Duration lifetime) {
        return new ScopedToken(Secret.of("scoped"), lifetime, clock.instant());
    }

    private ScopedToken completeLatest(String workspace, ScopedToken token) {
        List<CompletableFuture<ScopedToken>> futures = pending.get(workspace);
        futures.get(futures.size() - 1).complete(token);
        return token;
    }

    private static UpstreamException rejected() {
        return UpstreamException.tokenRejected("GET /api/v1/integrations/connectors", 401, "scoped token");
    }

    @Test
    void fetchesOneTokenPerWorkspaceUnderConcurrentRequests() throws Exception {
        ScopedTokenCache cache = cache(ScopedTokenCache.MAX_WORKSPACES);
        List<String> workspaces = List.of("alice", "bob", "carol", "dave");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CompletableFuture<ScopedToken>>> results = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String workspace = workspaces.get(i % workspaces.size());
            results.add(pool.submit(() -> {
                start.await();
                return cache.get(workspace);
            }));
        }
        start.countDown();
        List<CompletableFuture<ScopedToken>> futures = new ArrayList<>();
        for (Future<CompletableFuture<ScopedToken>> result : results) {
            futures.add(result.get());
        }
        pool.shutdown();
        Map<String, ScopedToken> issued = new ConcurrentHashMap<>();
        workspaces.forEach(workspace -> issued.put(workspace, completeLatest(workspace, token(Duration.ofMinutes(20)))));
        for (int i = 0; i < futures.size(); i++) {
            assertSame(issued.get(workspaces.get(i % workspaces.size())), futures.get(i).join());
        }
        workspaces.forEach(workspace -> assertEquals(1, fetches(workspace), workspace));
    }

    @Test
    void servesTheCachedTokenUntilItsLifetimeMinusTheSkewThenFetchesAgain() {
        ScopedTokenCache cache = cache(ScopedTokenCache.MAX_WORKSPACES);
        cache.get("alice");
        ScopedToken first = completeLatest("alice", token(Duration.ofMinutes(20)));

        clock.advance(Duration.ofMinutes(19).minusSeconds(1));
        assertSame(first, cache.get("alice").join());
        assertEquals(1, fetches("alice"));

        clock.advance(Duration.ofSeconds(1));
        CompletableFuture<ScopedToken> refreshed = cache.get("alice");
        assertEquals(2, fetches("alice"));
        ScopedToken second = completeLatest("alice", token(Duration.ofMinutes(20)));
        assertSame(second, refreshed.join());
    }

    @Test
    void keepsTokensForABoundedNumberOfWorkspaces() {
        ScopedTokenCache cache = cache(3);
        for (int i = 0; i < 50; i++) {
            String workspace = "user-" + i;
            cache.get(workspace);
            completeLatest(workspace, token(Duration.ofMinutes(20)));
        }
        assertTrue(cache.size() <= 3, () -> "kept " + cache.size());
    }

    @Test
    void aRejectedTokenIsDroppedAndTheCallMadeOnceMoreWithAFreshOne() {
        ScopedTokenCache cache = cache(ScopedTokenCache.MAX_WORKSPACES);
        cache.get("alice");
        ScopedToken stale = completeLatest("alice", token(Duration.ofMinutes(20)));
        List<ScopedToken> used = new ArrayList<>();

        CompletableFuture<String> result = cache.call("alice", token -> {
            used.add(token);
            return token == stale ? CompletableFuture.failedFuture(rejected()) : CompletableFuture.completedFuture("ok");
        });
        ScopedToken fresh = completeLatest("alice", token(Duration.ofMinutes(20)));

        assertEquals("ok", result.join());
        assertEquals(List.of(stale, fresh), used);
        assertEquals(2, fetches("alice"));
    }

    @Test
    void aTokenRejectedTwiceFailsWithoutAThirdFetch() {
        ScopedTokenCache cache = cache(ScopedTokenCache.MAX_WORKSPACES);
        cache.get("alice");
        completeLatest("alice", token(Duration.ofMinutes(20)));

        CompletableFuture<String> result = cache.call("alice", token -> CompletableFuture.failedFuture(rejected()));
        completeLatest("alice", token(Duration.ofMinutes(20)));

        CompletionException failure = assertThrows(CompletionException.class, result::join);
        assertTrue(((UpstreamException) failure.getCause()).isTokenRejected());
        assertEquals(2, fetches("alice"));
    }

    @Test
    void otherFailuresAreNotRetried() {
        ScopedTokenCache cache = cache(ScopedTokenCache.MAX_WORKSPACES);
        cache.get("alice");
        completeLatest("alice", token(Duration.ofMinutes(20)));
        AtomicInteger calls = new AtomicInteger();

        CompletableFuture<String> result = cache.call("alice", token -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(UpstreamException.failure(ErrorCode.UPSTREAM_TIMEOUT, "slow", null, null));
        });

        assertThrows(CompletionException.class, result::join);
        assertEquals(1, calls.get());
        assertEquals(1, fetches("alice"));
    }

    @Test
    void invalidatingAStaleTokenThatWasAlreadyReplacedKeepsTheNewOne() {
        ScopedTokenCache cache = cache(ScopedTokenCache.MAX_WORKSPACES);
        cache.get("alice");
        ScopedToken stale = completeLatest("alice", token(Duration.ofMinutes(20)));
        cache.invalidate("alice", stale);
        cache.get("alice");
        ScopedToken fresh = completeLatest("alice", token(Duration.ofMinutes(20)));

        cache.invalidate("alice", stale); // a late caller that also saw the stale token
        assertSame(fresh, cache.get("alice").join());
        assertEquals(2, fetches("alice"));
    }

    @Test
    void aFailedFetchIsSharedByItsWaitersAndNotCached() {
        ScopedTokenCache cache = cache(ScopedTokenCache.MAX_WORKSPACES);
        CompletableFuture<ScopedToken> a = cache.get("alice");
        CompletableFuture<ScopedToken> b = cache.get("alice");
        pending.get("alice").get(0).completeExceptionally(
                UpstreamException.failure(ErrorCode.UPSTREAM_UNAVAILABLE, "down", Duration.ofSeconds(5), null));

        assertTrue(a.isCompletedExceptionally());
        assertTrue(b.isCompletedExceptionally());
        cache.get("alice");
        assertEquals(2, fetches("alice"));
    }

    @Test
    void workspacesDoNotShareTokens() {
        ScopedTokenCache cache = cache(ScopedTokenCache.MAX_WORKSPACES);
        cache.get("alice");
        ScopedToken alices = completeLatest("alice", token(Duration.ofMinutes(20)));
        CompletableFuture<ScopedToken> bobs = cache.get("bob");

        assertEquals(1, fetches("bob"));
        assertFalse(bobs.isDone());
        assertSame(alices, cache.get("alice").join());
    }
}
