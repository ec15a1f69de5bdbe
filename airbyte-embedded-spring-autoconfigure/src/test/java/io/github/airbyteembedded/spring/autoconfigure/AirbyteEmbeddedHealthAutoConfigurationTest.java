package io.github.airbyteembedded.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.Fault;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class AirbyteEmbeddedHealthAutoConfigurationTest {

    private static final String TOKEN_ENDPOINT = "POST /api/v1/account/applications/token";
    private static final String SECRET = AirbyteEmbeddedAutoConfigurationTest.SECRET;

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(AirbyteEmbeddedAutoConfiguration.class, AirbyteEmbeddedHealthAutoConfiguration.class));

    @Test
    void reportsUpFromTheCachedTokenWithoutAskingAirbyteOnEveryProbe() {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().clientSecret(SECRET).build().start()) {
            runner.withPropertyValues(against(emulator)).run(context -> {
                HealthIndicator indicator = context.getBean("airbyteEmbeddedHealthIndicator", HealthIndicator.class);
                Health first = indicator.health();
                Health second = indicator.health();
                assertEquals(Status.UP, first.getStatus());
                assertEquals(Status.UP, second.getStatus());
                assertEquals("available", first.getDetails().get("operatorToken"));
                assertTrue(first.getDetails().containsKey("refreshAt"), first.getDetails().toString());
                assertEquals(emulator.baseUri().toString(), first.getDetails().get("apiBaseUrl"));
                assertEquals(1, emulator.callCount(TOKEN_ENDPOINT));
                assertNoSecret(first.getDetails());
            });
        }
    }

    @Test
    void reportsDownWithTheStableCodeAndRemembersTheFailure() {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().clientSecret("another-secret").build().start()) {
            runner.withPropertyValues(against(emulator)).run(context -> {
                HealthIndicator indicator = context.getBean("airbyteEmbeddedHealthIndicator", HealthIndicator.class);
                Health first = indicator.health();
                int callsAfterFirst = emulator.callCount(TOKEN_ENDPOINT);
                Health second = indicator.health();
                assertEquals(Status.DOWN, first.getStatus());
                assertEquals("unavailable", first.getDetails().get("operatorToken"));
                assertEquals("upstream_credentials_rejected", first.getDetails().get("error"));
                assertEquals(first.getDetails(), second.getDetails(), "the second probe reuses the remembered failure");
                assertEquals(callsAfterFirst, emulator.callCount(TOKEN_ENDPOINT));
                assertNoSecret(first.getDetails());
            });
        }
    }

    @Test
    void reportsDownWithinItsOwnWaitWhenAirbyteStallsMidAnswer() {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().clientSecret(SECRET).build().start()) {
            emulator.faults().add(Fault.stallBody(TOKEN_ENDPOINT));
            runner.withPropertyValues(against(emulator)).withPropertyValues("airbyte.embedded.request-timeout=60s").run(context -> {
                HealthIndicator indicator = context.getBean("airbyteEmbeddedHealthIndicator", HealthIndicator.class);
                Health health = indicator.health();
                assertEquals(Status.DOWN, health.getStatus(), health.getDetails().toString());
                assertEquals("upstream_timeout", health.getDetails().get("error"));
                assertEquals("checking", health.getDetails().get("operatorToken"));
                assertNoSecret(health.getDetails());
            });
        }
    }

    @Test
    void canBeTurnedOffWithTheManagementProperty() {
        runner.withPropertyValues(AirbyteEmbeddedAutoConfigurationTest.REQUIRED)
                .withPropertyValues("management.health.airbyte-embedded.enabled=false")
                .run(context -> assertFalse(context.containsBean("airbyteEmbeddedHealthIndicator")));
    }

    @Test
    void backsOffWhenAirbyteEmbeddedIsOff() {
        runner.run(context -> {
            assertNull(context.getStartupFailure());
            assertFalse(context.containsBean("airbyteEmbeddedHealthIndicator"));
        });
    }

    @Test
    void backsOffWithoutTheHealthApi() {
        runner.withPropertyValues(AirbyteEmbeddedAutoConfigurationTest.REQUIRED)
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    assertFalse(context.containsBean("airbyteEmbeddedHealthIndicator"));
                    assertTrue(context.containsBean("airbyteEmbedded"));
                });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnIndicator() {
        runner.withPropertyValues(AirbyteEmbeddedAutoConfigurationTest.REQUIRED)
                .withUserConfiguration(OwnIndicatorConfiguration.class)
                .run(context -> assertEquals(Status.OUT_OF_SERVICE,
                        context.getBean("airbyteEmbeddedHealthIndicator", HealthIndicator.class).health().getStatus()));
    }

    private static String[] against(AirbyteEmulator emulator) {
        return new String[] {
                "airbyte.embedded.client-id=" + AirbyteEmulator.DEFAULT_CLIENT_ID,
                "airbyte.embedded.client-secret=" + SECRET,
                "airbyte.embedded.api-base-url=" + emulator.baseUri(),
                "airbyte.embedded.allowed-origins=http://localhost:8080"};
    }

    private static void assertNoSecret(Map<String, Object> details) {
        String text = details.toString();
        assertFalse(text.contains(SECRET), text);
        assertFalse(text.contains("eyJ"), "no token (JWT) in " + text);
        assertFalse(text.toLowerCase(java.util.Locale.ROOT).contains("bearer"), text);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnIndicatorConfiguration {

        @Bean
        HealthIndicator airbyteEmbeddedHealthIndicator() {
            return () -> Health.outOfService().build();
        }
    }
}
