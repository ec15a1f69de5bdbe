package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.TokenRouteListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Records the token route's outcomes and the calls to Airbyte as Micrometer timers (a timer is also a
 * counter: its count per tag is the number of requests with that outcome).
 */
final class MicrometerTokenRouteListener implements TokenRouteListener {

    /** Requests to the token route, tagged {@code outcome}. */
    static final String ROUTE_TIMER = "airbyte.embedded.token";

    /** Calls to the Airbyte API, tagged {@code call} and {@code status}. */
    static final String UPSTREAM_TIMER = "airbyte.embedded.upstream";

    /** Path segments that are ids (UUIDs, long numbers), replaced so that tags stay few. */
    private static final Pattern ID_SEGMENT =
            Pattern.compile("/(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9]{4,})(?=/|$)");

    private final MeterRegistry registry;

    MicrometerTokenRouteListener(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onOutcome(String outcome, Duration elapsed) {
        Timer.builder(ROUTE_TIMER)
                .description("Requests to the Airbyte Embedded token route, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .record(elapsed);
    }

    @Override
    public void onUpstreamCall(String call, int status, Duration elapsed) {
        Timer.builder(UPSTREAM_TIMER)
                .description("Calls from Airbyte Embedded to the Airbyte API, by call and status")
                .tag("call", ID_SEGMENT.matcher(call).replaceAll("/{id}"))
                .tag("status", status < 0 ? "none" : Integer.toString(status))
                .register(registry)
                .record(elapsed);
    }

    @Override
    public String toString() {
        return "MicrometerTokenRouteListener";
    }
}
