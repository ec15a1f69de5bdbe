package io.github.airbyteembedded.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.TokenRouteListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class AirbyteEmbeddedMetricsAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AirbyteEmbeddedAutoConfiguration.class,
                    AirbyteEmbeddedMetricsAutoConfiguration.class))
            .withPropertyValues(AirbyteEmbeddedAutoConfigurationTest.REQUIRED);

    @Test
    void timesTheRouteByOutcomeAndTheUpstreamCallsByCallAndStatus() {
        runner.withUserConfiguration(RegistryConfiguration.class).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            TokenRouteListener listener = context.getBean(AirbyteEmbeddedConfig.class).listener();
            listener.onOutcome("ok", Duration.ofMillis(12));
            listener.onOutcome("ok", Duration.ofMillis(8));
            listener.onOutcome("rate_limited", Duration.ofMillis(1));
            listener.onUpstreamCall("POST /api/v1/account/applications/token", 200, Duration.ofMillis(30));
            listener.onUpstreamCall("POST /api/v1/account/applications/widget-token", -1, Duration.ofSeconds(10));

            assertEquals(2, registry.get("airbyte.embedded.token").tag("outcome", "ok").timer().count());
            assertEquals(20, registry.get("airbyte.embedded.token").tag("outcome", "ok").timer().totalTime(TimeUnit.MILLISECONDS));
            assertEquals(1, registry.get("airbyte.embedded.token").tag("outcome", "rate_limited").timer().count());
            assertEquals(1, registry.get("airbyte.embedded.upstream")
                    .tag("call", "POST /api/v1/account/applications/token").tag("status", "200").timer().count());
            assertEquals(1, registry.get("airbyte.embedded.upstream")
                    .tag("call", "POST /api/v1/account/applications/widget-token").tag("status", "none").timer().count());
        });
    }

    @Test
    void timesTheQueuedWaitsByOutcome() {
        runner.withUserConfiguration(RegistryConfiguration.class).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            TokenRouteListener listener = context.getBean(AirbyteEmbeddedConfig.class).listener();
            listener.onQueued(1);
            listener.onDequeued(true, Duration.ofMillis(40), 1);
            listener.onDequeued(false, Duration.ofSeconds(3), 0);

            assertEquals(40, registry.get("airbyte.embedded.queue.wait").tag("outcome", "admitted").timer()
                    .totalTime(TimeUnit.MILLISECONDS));
            assertEquals(1, registry.get("airbyte.embedded.queue.wait").tag("outcome", "overloaded").timer().count());
        });
    }

    @Test
    void theQueueGaugeReadsTheQueueItselfRatherThanTheLastEventReported() {
        // Events can reach listeners out of order (two requests queueing at once); the gauge must not
        // keep a length that one of them reported late.
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .withUserConfiguration(RegistryConfiguration.class).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            TokenRouteListener listener = context.getBean(AirbyteEmbeddedConfig.class).listener();
            listener.onDequeued(true, Duration.ofMillis(1), 0);
            listener.onQueued(2);

            assertEquals(0, context.getBean(AirbyteEmbedded.class).statistics().upstreamCallsQueued());
            assertEquals(0, registry.get("airbyte.embedded.queue").gauge().value());
        });
    }

    @Test
    void keepsTagsFewByCollapsingIdsInUpstreamPaths() {
        runner.withUserConfiguration(RegistryConfiguration.class).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            TokenRouteListener listener = context.getBean(AirbyteEmbeddedConfig.class).listener();
            listener.onUpstreamCall("DELETE /api/v1/connectors/sources/3f1d0c5e-9b7a-4d4c-8e6f-1a0b9c8d7e6f", 204, Duration.ofMillis(5));
            listener.onUpstreamCall("DELETE /api/v1/connectors/sources/a1b2c3d4-0000-4000-8000-000000000000", 204, Duration.ofMillis(5));
            assertEquals(2, registry.get("airbyte.embedded.upstream")
                    .tag("call", "DELETE /api/v1/connectors/sources/{id}").timer().count());
        });
    }

    @Test
    void joinsTheApplicationsOwnListeners() {
        runner.withUserConfiguration(RegistryConfiguration.class, ListenerConfiguration.class).run(context -> {
            TokenRouteListener listener = context.getBean(AirbyteEmbeddedConfig.class).listener();
            listener.onOutcome("ok", Duration.ofMillis(2));
            listener.onQueued(1);
            listener.onDequeued(true, Duration.ofMillis(5), 0);
            assertEquals(List.of("ok", "queued 1", "admitted, 0 left"), ListenerConfiguration.HEARD);
            assertEquals(1, context.getBean(MeterRegistry.class).get("airbyte.embedded.token").timer().count());
            assertEquals(1, context.getBean(MeterRegistry.class).get("airbyte.embedded.queue.wait").tag("outcome", "admitted")
                    .timer().count());
        });
    }

    @Test
    void countsTheRequestsThatFoundTheSharedRateLimitStoreUnavailable() {
        // Boot's metrics auto-configuration binds MeterBinder beans to the registry.
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .withUserConfiguration(RegistryConfiguration.class).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertEquals(0.0, registry.get("airbyte.embedded.rate.limit.store.failures").functionCounter().count());
        });
    }

    @Test
    void backsOffWithoutAMeterRegistry() {
        runner.run(context -> {
            assertNull(context.getStartupFailure());
            assertFalse(context.containsBean("airbyteEmbeddedMetricsListener"));
            assertEquals(TokenRouteListener.NONE, context.getBean(AirbyteEmbeddedConfig.class).listener());
        });
    }

    @Test
    void backsOffWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer")).run(context -> {
            assertNull(context.getStartupFailure());
            assertFalse(context.containsBean("airbyteEmbeddedMetricsListener"));
            assertTrue(context.containsBean("airbyteEmbedded"));
        });
    }

    @Test
    void backsOffWhenAirbyteEmbeddedIsOff() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AirbyteEmbeddedAutoConfiguration.class,
                        AirbyteEmbeddedMetricsAutoConfiguration.class))
                .withUserConfiguration(RegistryConfiguration.class)
                .run(context -> assertFalse(context.containsBean("airbyteEmbeddedMetricsListener")));
    }

    @Configuration(proxyBeanMethods = false)
    static class RegistryConfiguration {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ListenerConfiguration {

        static final List<String> HEARD = new CopyOnWriteArrayList<>();

        @Bean
        TokenRouteListener auditListener() {
            HEARD.clear();
            return new TokenRouteListener() {
                @Override
                public void onOutcome(String outcome, Duration elapsed) {
                    HEARD.add(outcome);
                }

                @Override
                public void onQueued(int queued) {
                    HEARD.add("queued " + queued);
                }

                @Override
                public void onDequeued(boolean admitted, Duration waited, int queued) {
                    HEARD.add((admitted ? "admitted, " : "refused, ") + queued + " left");
                }
            };
        }
    }
}
