package io.github.airbyteembedded.servlet.internal.upstream;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Holds a scoped token per workspace until shortly before it expires, so that a user's source
 * operations are made with a token that Airbyte lets act on that user's workspace only.
 *
 * <p>A Caffeine {@link AsyncLoadingCache} keyed by workspace name, like {@link OperatorTokenCache}:
 * callers that arrive while a workspace's fetch is in flight share it, so concurrent requests of a
 * workspace cause one fetch; a failed fetch leaves nothing cached. A token is kept for {@link
 * ScopedToken#cacheLifetime(Duration)}, measured on the configured clock. At most {@link
 * #MAX_WORKSPACES} workspaces' tokens are kept; beyond that, the ones used least are dropped (and
 * fetched again when needed).
 */
public final class ScopedTokenCache {

    /** How many workspaces' scoped tokens are kept at most (each about 1 KB). */
    public static final int MAX_WORKSPACES = 10_000;

    private final AsyncLoadingCache<String, ScopedToken> cache;

    /**
     * @param fetcher fetches the scoped token of a workspace name
     * @param maximumSize how many workspaces' tokens to keep at most ({@link #MAX_WORKSPACES}; tests pass less)
     */
    public ScopedTokenCache(Function<String, CompletableFuture<ScopedToken>> fetcher, Duration refreshSkew, Clock clock,
            Executor executor, int maximumSize) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .ticker(Tickers.of(clock))
                .executor(executor)
                .expireAfter(Expiry.creating((String workspace, ScopedToken token) -> token.cacheLifetime(refreshSkew)))
                .buildAsync((workspace, ignored) -> fetcher.apply(workspace));
    }

    /** Returns the workspace's cached token, or the fetch in flight, or starts a fetch. */
    CompletableFuture<ScopedToken> get(String workspaceName) {
        return cache.get(workspaceName);
    }

    /**
     * Makes a call with the workspace's scoped token. When Airbyte refuses the token (revoked, or
     * expired early), it is dropped from the cache and the call is made once more with a fresh one.
     */
    public <T> CompletableFuture<T> call(String workspaceName, Function<ScopedToken, CompletableFuture<T>> call) {
        return get(workspaceName).thenCompose(token -> call.apply(token).exceptionallyCompose(failure -> {
            Throwable cause = Failures.cause(failure);
            if (!(cause instanceof UpstreamException rejected) || !rejected.isTokenRejected()) {
                return CompletableFuture.failedFuture(cause);
            }
            invalidate(workspaceName, token);
            return get(workspaceName).thenCompose(call);
        }));
    }

    /**
     * Forgets {@code rejected} if it is still the workspace's cached token. A token that another caller
     * already replaced stays: many requests that saw the same stale token cause one new fetch.
     */
    void invalidate(String workspaceName, ScopedToken rejected) {
        cache.asMap().computeIfPresent(workspaceName, (workspace, future) -> {
            ScopedToken current = future.isDone() && !future.isCompletedExceptionally() ? future.getNow(null) : null;
            return current == rejected ? null : future;
        });
    }

    /** How many workspaces have a token (or a fetch) in the cache, for tests. */
    long size() {
        cache.synchronous().cleanUp();
        return cache.synchronous().estimatedSize();
    }
}
