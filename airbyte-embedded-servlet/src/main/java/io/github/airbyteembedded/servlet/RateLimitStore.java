package io.github.airbyteembedded.servlet;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where the routes keep their per-user state when it must be shared by every instance of the
 * application: the token buckets of the per-user rate limits, and the record of which sources the
 * {@link SourceConnectedListener} was told about. Without one, each instance keeps that state in its own
 * memory, so a user gets the limit once per instance.
 *
 * <p>{@code airbyte-embedded-redis} provides one that keeps it in Redis ({@code
 * io.github.airbyteembedded.redis.RedisRateLimitStore}), chosen in code, by the setting {@code
 * rate-limit-store=redis}, or by {@code airbyte.embedded.rate-limit-store=redis} in Spring Boot:
 *
 * <pre>{@code
 * AirbyteEmbeddedConfig.builder()
 *         ...
 *         .rateLimitStore(RedisRateLimitStore.create(System.getenv("REDIS_URL")))
 *         .build();
 * }</pre>
 *
 * <p>Both methods answer asynchronously. A route waits at most the configured {@linkplain
 * AirbyteEmbeddedConfig#rateLimitStoreTimeout() timeout} for the answer; an answer that fails or comes
 * later means the store is unavailable, and the route then serves the request without the limit or
 * refuses it with {@code 503 rate_limit_store_unavailable}, as {@linkplain
 * AirbyteEmbeddedConfig#rateLimitStoreFailOpen() configured}. An implementation keeps nothing about a
 * user longer than the period of the limit it was asked about, and never throws from these methods
 * (it fails the returned stage instead).
 *
 * @since 0.2.0
 */
public interface RateLimitStore extends AutoCloseable {

    /**
     * Takes one permit from a user's bucket of a limit: {@code permits} per {@code period}, refilled
     * continuously, full when first used.
     *
     * @param limit which limit: {@code token}, {@code sources-list} or {@code sources-change}; each has
     *     its own bucket per user
     * @param user the user's key (the principal's name, or the workspace name when the resolver does not
     *     use a principal)
     * @param permits the capacity of the bucket and how many permits refill per period, at least 1
     * @param period the period, positive
     * @return completes with empty when a permit was taken, otherwise with how long until the next one
     */
    CompletionStage<Optional<Duration>> tryAcquire(String limit, String user, int permits, Duration period);

    /**
     * Records that the listener is about to be told about a source of a workspace, atomically across
     * every instance that shares the store.
     *
     * @param workspaceName the workspace
     * @param sourceId the source
     * @param remember how long the record must be kept, at least (the store may drop it after)
     * @return completes with {@code true} the first time for this pair (the caller tells the listener),
     *     {@code false} when it was recorded before and is still remembered
     */
    CompletionStage<Boolean> markNotified(String workspaceName, String sourceId, Duration remember);

    /**
     * Releases what the store holds (its connections). The filter calls it when it is destroyed, for a
     * store it created from its settings; a store given in code is the application's to close.
     */
    @Override
    default void close() {
    }
}
