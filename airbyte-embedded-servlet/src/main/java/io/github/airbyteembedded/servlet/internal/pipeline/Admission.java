package io.github.airbyteembedded.servlet.internal.pipeline;

import java.util.concurrent.CompletableFuture;

/**
 * Whether a request may start a call to Airbyte: at once, once another call ended, or not at all. The
 * bound on the work waiting on Airbyte. {@link UpstreamCall} asks it before every call and tells it when
 * the call ended; how it decides ({@link UpstreamPermits}: a bound on the calls in flight and a bounded
 * queue with a longest wait) is the implementation's business.
 */
public interface Admission {

    /** The answer of a request admitted at once. */
    CompletableFuture<Boolean> ADMITTED = CompletableFuture.completedFuture(true);

    /** The answer of a request refused at once. */
    CompletableFuture<Boolean> REFUSED = CompletableFuture.completedFuture(false);

    /**
     * Asks to start one call.
     *
     * @return {@code true} when the call may start, and then {@link #release()} must follow once it
     *     ended; {@code false} when it is refused. Already complete ({@link #ADMITTED}, {@link #REFUSED})
     *     when decided at once; otherwise the request waits its turn, and the future completes later, on
     *     the thread that ended another call or at the end of the longest wait. Never completes
     *     exceptionally.
     */
    CompletableFuture<Boolean> admit();

    /** Ends an admitted call, which lets the first waiting request start. */
    void release();

    /** How many admitted calls have not ended, for the statistics. */
    int inFlight();

    /** How many requests wait their turn, for the statistics. */
    int queued();
}
