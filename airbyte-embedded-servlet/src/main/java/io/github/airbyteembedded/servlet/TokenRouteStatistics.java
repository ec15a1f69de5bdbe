package io.github.airbyteembedded.servlet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of what the token route has done since startup: how many requests ended with each
 * outcome, how many calls to Airbyte are in flight, how many requests wait their turn in the queue and
 * how long they waited, and how long the calls to Airbyte took.
 *
 * <pre>{@code
 * TokenRouteStatistics stats = airbyteEmbedded.statistics();
 * stats.count("ok");                    // widget tokens issued
 * stats.count("origin_not_allowed");    // requests refused for their origin
 * stats.upstreamLatency().p99();
 * stats.upstreamCallsQueued();          // requests waiting for a call to end
 * stats.queueWait().p99();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TokenRouteStatistics {

    private final Map<String, Long> outcomes;
    private final int upstreamCallsInFlight;
    private final int upstreamCallsQueued;
    private final LatencySummary upstreamLatency;
    private final LatencySummary queueWait;
    private final long rateLimitStoreFailures;

    TokenRouteStatistics(Map<String, Long> outcomes, int upstreamCallsInFlight, int upstreamCallsQueued,
            LatencySummary upstreamLatency, LatencySummary queueWait, long rateLimitStoreFailures) {
        this.outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        this.upstreamCallsInFlight = upstreamCallsInFlight;
        this.upstreamCallsQueued = upstreamCallsQueued;
        this.upstreamLatency = upstreamLatency;
        this.rateLimitStoreFailures = rateLimitStoreFailures;
        this.queueWait = queueWait;
    }

    /**
     * Returns the number of requests answered with each outcome: {@code "ok"} and every {@link
     * ErrorCode#code()}, zero included, in a stable order.
     *
     * @return an unmodifiable map from outcome to count
     */
    public Map<String, Long> outcomes() {
        return outcomes;
    }

    /**
     * Returns the number of requests answered with one outcome.
     *
     * @param outcome {@link TokenRouteListener#OK} or an {@link ErrorCode#code()}
     * @return the count, zero for an outcome never seen
     */
    public long count(String outcome) {
        return outcomes.getOrDefault(Objects.requireNonNull(outcome, "outcome"), 0L);
    }

    /**
     * Returns how many token requests are waiting on Airbyte right now.
     *
     * @return the number in flight, at most the configured maximum
     */
    public int upstreamCallsInFlight() {
        return upstreamCallsInFlight;
    }

    /**
     * Returns how many requests wait their turn right now: the calls in flight reached {@link
     * AirbyteEmbeddedConfig#maxConcurrentUpstreamCalls()}, and they wait for one to end.
     *
     * @return the length of the queue, at most {@link AirbyteEmbeddedConfig#maxQueuedUpstreamCalls()}
     * @since 0.2.0
     */
    public int upstreamCallsQueued() {
        return upstreamCallsQueued;
    }

    /**
     * Returns how long the requests that waited their turn waited, whether their call then started or
     * they were answered {@code 503 overloaded} at the end of the longest wait.
     *
     * @return the summary of the waits of the requests that left the queue
     * @since 0.2.0
     */
    public LatencySummary queueWait() {
        return queueWait;
    }

    /**
     * Returns the durations of all calls to Airbyte.
     *
     * @return the latency summary
     */
    public LatencySummary upstreamLatency() {
        return upstreamLatency;
    }

    /**
     * Returns how many requests, to any route, found the shared {@link RateLimitStore} unavailable (it
     * failed or did not answer within its timeout), whether they were then served without the limit
     * (fail open) or refused with {@code 503 rate_limit_store_unavailable} (fail closed).
     *
     * @return the count since startup, zero without a shared store
     * @since 0.2.0
     */
    public long rateLimitStoreFailures() {
        return rateLimitStoreFailures;
    }

    @Override
    public String toString() {
        return "TokenRouteStatistics{outcomes=" + outcomes + ", upstreamCallsInFlight=" + upstreamCallsInFlight
                + ", upstreamCallsQueued=" + upstreamCallsQueued + ", upstreamLatency=" + upstreamLatency
                + ", queueWait=" + queueWait + ", rateLimitStoreFailures=" + rateLimitStoreFailures + "}";
    }
}
