package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import io.micrometer.core.instrument.MeterRegistry;
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
 *   <li>{@value MicrometerTokenRouteListener#QUEUE_GAUGE}, a gauge: the requests waiting their turn past
 *       the in-flight bound;
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

    AirbyteEmbeddedMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "airbyteEmbeddedMetricsListener")
    MicrometerTokenRouteListener airbyteEmbeddedMetricsListener(MeterRegistry registry) {
        return new MicrometerTokenRouteListener(registry);
    }
}
