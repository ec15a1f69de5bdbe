package io.github.airbyteembedded.servlet;

import java.time.Duration;

/**
 * Told about every outcome of the token route and every call to Airbyte, to feed metrics.
 *
 * <p>Called on the thread that completes the work (a container thread or an HTTP client thread), so
 * implementations must be fast, thread-safe and must not throw; an exception is logged and ignored.
 * The Spring Boot layer implements it with Micrometer; plain applications can read the built-in
 * counters instead, through {@link AirbyteEmbedded#statistics()}.
 *
 * <pre>{@code
 * AirbyteEmbeddedConfig.builder()
 *         .listener(new TokenRouteListener() {
 *             @Override
 *             public void onOutcome(String outcome, Duration elapsed) {
 *                 registry.timer("airbyte.embedded.token", "outcome", outcome).record(elapsed);
 *             }
 *         })
 * }</pre>
 *
 * @since 0.1.0
 */
public interface TokenRouteListener {

    /** The outcome of a request that got a widget token. */
    String OK = "ok";

    /** A listener that does nothing. */
    TokenRouteListener NONE = new TokenRouteListener() {
        @Override
        public String toString() {
            return "TokenRouteListener.NONE";
        }
    };

    /**
     * Called once per request to the token route (CORS preflights excepted) when it is answered.
     *
     * @param outcome {@link #OK} or the {@link ErrorCode#code()} the request was answered with
     * @param elapsed the time from receiving the request to answering it
     */
    default void onOutcome(String outcome, Duration elapsed) {
    }

    /**
     * Called once per HTTP call to Airbyte when it ends.
     *
     * @param call the method and path, for example {@code "POST /api/v1/account/applications/token"}
     * @param status the HTTP status, or -1 when there was no response (timeout, connection failure)
     * @param elapsed the time the call took
     */
    default void onUpstreamCall(String call, int status, Duration elapsed) {
    }

    /**
     * Called when a request joins the queue of requests waiting for a call to Airbyte to end (the
     * in-flight bound was reached).
     *
     * @param queued how many requests wait now, this one included (two requests queueing at once can
     *     report their lengths out of order: for the current length, read {@link
     *     TokenRouteStatistics#upstreamCallsQueued()})
     * @since 0.2.0
     */
    default void onQueued(int queued) {
    }

    /**
     * Called once per queued request when it leaves the queue: its call to Airbyte starts, or its wait
     * ended and it is answered {@code 503 overloaded}.
     *
     * @param admitted whether its call starts
     * @param waited how long it waited
     * @param queued how many requests wait now
     * @since 0.2.0
     */
    default void onDequeued(boolean admitted, Duration waited, int queued) {
    }
}
