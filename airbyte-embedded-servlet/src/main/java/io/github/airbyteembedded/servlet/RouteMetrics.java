package io.github.airbyteembedded.servlet;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** Counts outcomes and times upstream calls, and forwards both to the configured {@link TokenRouteListener}. */
final class RouteMetrics {

    private static final Logger LOG = System.getLogger(RouteMetrics.class.getName());

    private final Map<String, LongAdder> outcomes = new LinkedHashMap<>();
    private final LatencyHistogram upstreamLatency = new LatencyHistogram();
    private final TokenRouteListener listener;
    private final IntSupplier inFlight;

    RouteMetrics(TokenRouteListener listener, IntSupplier inFlight) {
        this.listener = listener;
        this.inFlight = inFlight;
        outcomes.put(TokenRouteListener.OK, new LongAdder());
        for (ErrorCode code : ErrorCode.values()) {
            outcomes.put(code.code(), new LongAdder());
        }
    }

    void outcome(String outcome, Duration elapsed) {
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

    void upstreamCall(String call, int status, Duration elapsed) {
        upstreamLatency.record(elapsed);
        try {
            listener.onUpstreamCall(call, status, elapsed);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TokenRouteListener.onUpstreamCall threw " + e.getClass().getName() + "; ignored");
        }
    }

    TokenRouteStatistics snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        outcomes.forEach((outcome, counter) -> counts.put(outcome, counter.sum()));
        return new TokenRouteStatistics(counts, inFlight.getAsInt(), upstreamLatency.summary());
    }
}
