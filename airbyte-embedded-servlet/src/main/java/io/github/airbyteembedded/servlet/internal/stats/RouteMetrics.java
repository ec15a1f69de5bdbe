package io.github.airbyteembedded.servlet.internal.stats;

import io.github.airbyteembedded.servlet.ErrorCode;
import io.github.airbyteembedded.servlet.TokenRouteListener;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts outcomes, times upstream calls and the waits of queued requests, and forwards all of it to the
 * configured {@link TokenRouteListener}.
 */
public final class RouteMetrics {

    private static final Logger LOG = System.getLogger(RouteMetrics.class.getName());

    private final Map<String, LongAdder> outcomes = new LinkedHashMap<>();
    private final LatencyHistogram upstreamLatency = new LatencyHistogram();
    private final LongAdder rateLimitStoreFailures = new LongAdder();
    private final LatencyHistogram queueWaits = new LatencyHistogram();
    private final TokenRouteListener listener;

    public RouteMetrics(TokenRouteListener listener) {
        this.listener = listener;
        outcomes.put(TokenRouteListener.OK, new LongAdder());
        for (ErrorCode code : ErrorCode.values()) {
            outcomes.put(code.code(), new LongAdder());
        }
    }

    public void outcome(String outcome, Duration elapsed) {
        LongAdder counter = outcomes.get(outcome);
        if (counter != null) {
            counter.increment();
        }
        try {
            listener.onOutcome(outcome, elapsed);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TokenRouteListener.onOutcome threw " + e.getClass().getName() + "; ignored");
        }
    }

    public void upstreamCall(String call, int status, Duration elapsed) {
        upstreamLatency.record(elapsed);
        try {
            listener.onUpstreamCall(call, status, elapsed);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TokenRouteListener.onUpstreamCall threw " + e.getClass().getName() + "; ignored");
        }
    }

    /** Counts a request of any route that found the shared rate-limit store unavailable. */
    public void rateLimitStoreFailure() {
        rateLimitStoreFailures.increment();
    }

    /** How many requests found the shared rate-limit store unavailable. */
    public long rateLimitStoreFailures() {
        return rateLimitStoreFailures.sum();
    }

    /** A request joined the queue of requests waiting for a call to end; {@code queued} wait now. */
    public void queued(int queued) {
        try {
            listener.onQueued(queued);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TokenRouteListener.onQueued threw " + e.getClass().getName() + "; ignored");
        }
    }

    /** A queued request left the queue, admitted or not, after {@code waited}; {@code queued} wait now. */
    public void dequeued(boolean admitted, Duration waited, int queued) {
        queueWaits.record(waited);
        try {
            listener.onDequeued(admitted, waited, queued);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TokenRouteListener.onDequeued threw " + e.getClass().getName() + "; ignored");
        }
    }

    /** How many times each outcome happened, every code listed. */
    public Map<String, Long> outcomeCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        outcomes.forEach((outcome, counter) -> counts.put(outcome, counter.sum()));
        return counts;
    }

    /** The latency of the calls to Airbyte so far. */
    public LatencyHistogram.Summary upstreamLatency() {
        return upstreamLatency.summary();
    }

    /** The waits of the requests that left the queue so far. */
    public LatencyHistogram.Summary queueWaits() {
        return queueWaits.summary();
    }
}
