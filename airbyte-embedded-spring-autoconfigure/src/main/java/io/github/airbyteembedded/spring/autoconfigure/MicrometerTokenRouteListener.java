package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.TokenRouteListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Records the token route's outcomes and the calls to Airbyte as Micrometer timers (a timer is also a
 * counter: its count per tag is the number of requests with that outcome), and the waits of the
 * queue past the in-flight bound as a timer (its length is a gauge that reads the integration's
 * statistics: {@link AirbyteEmbeddedMetricsAutoConfiguration}).
 */
final class MicrometerTokenRouteListener implements TokenRouteListener {

    /** Requests to the token route, tagged {@code outcome}. */
    static final String ROUTE_TIMER = "airbyte.embedded.token";

    /** Calls to the Airbyte API, tagged {@code call} and {@code status}. */
    static final String UPSTREAM_TIMER = "airbyte.embedded.upstream";

    /** How long queued requests waited, tagged {@code outcome}: {@code admitted} or {@code overloaded}. */
    static final String QUEUE_WAIT_TIMER = "airbyte.embedded.queue.wait";

    /** Path segments that are ids (UUIDs, long numbers), replaced so that tags stay few. */
    private static final Pattern ID_SEGMENT =
            Pattern.compile("/(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9]{4,})(?=/|$)");

    /**
     * How many timers of each kind are kept once registered, so that an event is a map lookup rather
     * than a builder and a registry lookup; beyond that (ids that were not collapsed), each event
     * registers as before.
     */
    private static final int MAX_REMEMBERED = 1000;

    private final MeterRegistry registry;
    private final Map<String, Timer> routeTimers = new ConcurrentHashMap<>();
    private final Map<String, Timer> upstreamTimers = new ConcurrentHashMap<>();
    private final Timer admittedWaits;
    private final Timer refusedWaits;

    MicrometerTokenRouteListener(MeterRegistry registry) {
        this.registry = registry;
        this.admittedWaits = queueWait("admitted");
        this.refusedWaits = queueWait("overloaded");
    }

    private Timer queueWait(String outcome) {
        return Timer.builder(QUEUE_WAIT_TIMER)
                .description("How long requests waited their turn past the in-flight bound, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public void onOutcome(String outcome, Duration elapsed) {
        Timer timer = routeTimers.get(outcome);
        if (timer == null) {
            timer = Timer.builder(ROUTE_TIMER)
                    .description("Requests to the Airbyte Embedded token route, by outcome")
                    .tag("outcome", outcome)
                    .register(registry);
            remember(routeTimers, outcome, timer);
        }
        timer.record(elapsed);
    }

    @Override
    public void onUpstreamCall(String call, int status, Duration elapsed) {
        String key = status + " " + call;
        Timer timer = upstreamTimers.get(key);
        if (timer == null) {
            timer = Timer.builder(UPSTREAM_TIMER)
                    .description("Calls from Airbyte Embedded to the Airbyte API, by call and status")
                    .tag("call", ID_SEGMENT.matcher(call).replaceAll("/{id}"))
                    .tag("status", status < 0 ? "none" : Integer.toString(status))
                    .register(registry);
            remember(upstreamTimers, key, timer);
        }
        timer.record(elapsed);
    }

    /** Keeps a registered timer for the next event with the same tags, up to {@link #MAX_REMEMBERED} of them. */
    private static void remember(Map<String, Timer> timers, String key, Timer timer) {
        if (timers.size() < MAX_REMEMBERED) {
            timers.putIfAbsent(key, timer);
        }
    }

    @Override
    public void onDequeued(boolean admitted, Duration waited, int queued) {
        (admitted ? admittedWaits : refusedWaits).record(waited);
    }

    @Override
    public String toString() {
        return "MicrometerTokenRouteListener";
    }
}
