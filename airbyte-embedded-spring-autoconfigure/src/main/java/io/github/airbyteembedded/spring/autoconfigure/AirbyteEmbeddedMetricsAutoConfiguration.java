package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configures Micrometer timers of Airbyte Embedded when the application has a {@link
 * MeterRegistry} (Boot's {@code spring-boot-micrometer-metrics}, brought by the actuator starter):
 *
 * <ul>
 *   <li>{@value MicrometerTokenRouteListener#ROUTE_TIMER}, tagged {@code outcome} ({@code ok} or the
 *       stable error code): every answered request to the token route;
 *   <li>{@value MicrometerTokenRouteListener#UPSTREAM_TIMER}, tagged {@code call} (method and path)
 *       and {@code status} (HTTP status, or {@code none}): every call to Airbyte;
 *   <li>{@value #RATE_LIMIT_STORE_FAILURES}, a counter: requests that found the shared rate-limit store
 *       ({@code airbyte.embedded.rate-limit-store=redis}) unavailable, whether served without the limit or
 *       refused.
 *   <li>{@value #QUEUE_GAUGE}, a gauge: the requests waiting their turn past the in-flight bound, read
 *       from the integration's statistics;
 *   <li>{@value MicrometerTokenRouteListener#QUEUE_WAIT_TIMER}, tagged {@code outcome} ({@code admitted}
 *       or {@code overloaded}): how long they waited.
 * </ul>
 *
 * <p>The listener joins the application's own {@link io.github.airbyteembedded.servlet.TokenRouteListener}
 * beans; with the actuator, {@code /actuator/metrics/airbyte.embedded.token} shows the counts and times.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({MeterRegistry.class, AirbyteEmbeddedFilter.class})
@ConditionalOnBean(MeterRegistry.class)
@Conditional(AirbyteEmbeddedConditions.Active.class)
public final class AirbyteEmbeddedMetricsAutoConfiguration {

    /** Requests that found the shared rate-limit store unavailable: a counter. */
    static final String RATE_LIMIT_STORE_FAILURES = "airbyte.embedded.rate.limit.store.failures";

    /** Requests waiting their turn past the in-flight bound, now: a gauge. */
    static final String QUEUE_GAUGE = "airbyte.embedded.queue";

    AirbyteEmbeddedMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "airbyteEmbeddedMetricsListener")
    MicrometerTokenRouteListener airbyteEmbeddedMetricsListener(MeterRegistry registry) {
        return new MicrometerTokenRouteListener(registry);
    }

    /** The requests that found the shared rate-limit store unavailable, read from the integration's statistics. */
    @Bean
    @ConditionalOnMissingBean(name = "airbyteEmbeddedRateLimitStoreMeter")
    MeterBinder airbyteEmbeddedRateLimitStoreMeter(ObjectProvider<AirbyteEmbedded> airbyte) {
        return registry -> airbyte.ifAvailable(integration -> FunctionCounter
                .builder(RATE_LIMIT_STORE_FAILURES, integration, running -> running.statistics().rateLimitStoreFailures())
                .description("Requests to the Airbyte Embedded routes that found the shared rate-limit store unavailable "
                        + "(served without the limit when failing open, refused with 503 when failing closed)")
                .register(registry));
    }

    /**
     * The queue's length, read from the integration's statistics when the registry asks (not from the
     * listener's events, which two requests queueing at once can report out of order).
     */
    @Bean
    @ConditionalOnMissingBean(name = "airbyteEmbeddedQueueMeter")
    MeterBinder airbyteEmbeddedQueueMeter(ObjectProvider<AirbyteEmbedded> airbyte) {
        return registry -> airbyte.ifAvailable(integration -> Gauge
                .builder(QUEUE_GAUGE, integration, running -> running.statistics().upstreamCallsQueued())
                .description("Requests to Airbyte Embedded's routes waiting their turn past the in-flight bound")
                .register(registry));
    }
}
