package io.github.airbyteembedded.servlet.internal.upstream;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.airbyteembedded.servlet.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Holds the one operator token of the application until shortly before it expires.
 *
 * <p>A one-entry Caffeine {@link AsyncLoadingCache}: callers that arrive while a fetch is in flight
 * share it, so any number of concurrent requests cause one fetch; a failed fetch is shared by the
 * callers waiting on it and leaves nothing cached, so the next request tries again; so does a fetch
 * that has not ended by its deadline, whatever it is still doing. A token is kept
 * for {@link OperatorToken#cacheLifetime(Duration)}, measured on the configured clock.
 */
public final class OperatorTokenCache {

    private static final String KEY = "operator-token";

    private final AsyncLoadingCache<String, OperatorToken> cache;

    /**
     * @param fetcher starts a fetch of a fresh token
     * @param fetchDeadline how long a fetch may take, retries included; past it the fetch counts as
     *     failed ({@code upstream_timeout}), whatever it is still doing
     * @param refreshSkew how long before its expiry a token is replaced
     * @param clock the clock token lifetimes are measured on
     * @param executor runs the cache's maintenance
     */
    public OperatorTokenCache(Supplier<CompletableFuture<OperatorToken>> fetcher, Duration fetchDeadline, Duration refreshSkew,
            Clock clock, Executor executor) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(1)
                .ticker(Tickers.of(clock))
                .executor(executor)
                .expireAfter(Expiry.creating((String key, OperatorToken token) -> token.cacheLifetime(refreshSkew)))
                .buildAsync((key, ignored) -> bounded(fetcher.get(), fetchDeadline));
    }

    /**
     * The fetch, failed with {@code upstream_timeout} if it has not ended by the deadline. A failed fetch
     * leaves the cache (Caffeine drops a future that completes exceptionally), so a fetch that hangs for
     * whatever reason is not shared with the requests that come after its deadline: they start afresh.
     */
    private static CompletableFuture<OperatorToken> bounded(CompletableFuture<OperatorToken> fetch, Duration deadline) {
        return Deadlines.within(fetch.copy(), deadline).exceptionallyCompose(failure -> {
            Throwable cause = Failures.cause(failure);
            return CompletableFuture.failedFuture(cause instanceof TimeoutException
                    ? UpstreamException.failure(ErrorCode.UPSTREAM_TIMEOUT,
                            "The operator-token fetch did not end within " + deadline.toMillis() + " ms", null, null)
                    : cause);
        });
    }

    /**
     * Returns the cached token, or the fetch in flight, or starts a fetch. A fetch that has just failed
     * (its waiters are told before the cache drops it) is not handed to a new caller: it starts afresh.
     */
    public CompletableFuture<OperatorToken> get() {
        CompletableFuture<OperatorToken> future = cache.get(KEY);
        if (future.isCompletedExceptionally()) {
            cache.asMap().remove(KEY, future);
            return cache.get(KEY);
        }
        return future;
    }

    /**
     * Makes an authorized call with the cached operator token. When Airbyte refuses the token (revoked,
     * or expired early), it is dropped from the cache and the call is made once more with a fresh one.
     */
    public <T> CompletableFuture<T> call(Function<OperatorToken, CompletableFuture<T>> call) {
        return get().thenCompose(token -> call.apply(token).exceptionallyCompose(failure -> {
            Throwable cause = Failures.cause(failure);
            if (!(cause instanceof UpstreamException rejected) || !rejected.isTokenRejected()) {
                return CompletableFuture.failedFuture(cause);
            }
            invalidate(token);
            return get().thenCompose(call);
        }));
    }

    /**
     * Forgets {@code rejected} if it is still the cached token, so that the next {@link #get()}
     * fetches a fresh one. A token that another caller already replaced stays: many requests that
     * saw the same stale token cause one new fetch, not one each.
     */
    void invalidate(OperatorToken rejected) {
        cache.asMap().computeIfPresent(KEY, (key, future) -> {
            OperatorToken current = future.isDone() && !future.isCompletedExceptionally() ? future.getNow(null) : null;
            return current == rejected ? null : future;
        });
    }

    /** Returns the cached token if one is ready, without fetching. */
    public Optional<OperatorToken> cached() {
        CompletableFuture<OperatorToken> future = cache.getIfPresent(KEY);
        if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.ofNullable(future.getNow(null));
    }
}
