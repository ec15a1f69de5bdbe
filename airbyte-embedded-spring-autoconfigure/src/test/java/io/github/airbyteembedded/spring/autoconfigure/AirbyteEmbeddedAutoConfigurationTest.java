package io.github.airbyteembedded.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import io.github.airbyteembedded.servlet.SourceConnectedListener;
import io.github.airbyteembedded.servlet.TokenRouteListener;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.thymeleaf.AirbyteEmbeddedDialect;
import jakarta.servlet.DispatcherType;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The core beans of the auto-configuration: when it is active, the configuration, the integration and
 * the filter registration it creates, and how each backs off. The other concerns have test classes of
 * their own, as Spring Boot's do: properties mapping, workspace resolver, Spring Security, emulator,
 * Thymeleaf, health, metrics.
 */
class AirbyteEmbeddedAutoConfigurationTest {

    static final String SECRET = "test-secret-value-0123456789";

    static final String[] REQUIRED = {
            "airbyte.embedded.client-id=test-client",
            "airbyte.embedded.client-secret=" + SECRET,
            "airbyte.embedded.allowed-origins=https://app.example.com"};

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AirbyteEmbeddedAutoConfiguration.class));

    @Test
    void registersNothingWithoutClientIdAndSaysSoOnceAtInfo() {
        try (CapturedLog log = CapturedLog.of(AirbyteEmbeddedAutoConfiguration.class)) {
            runner.withPropertyValues("airbyte.embedded.allowed-origins=https://app.example.com").run(context -> {
                assertNull(context.getStartupFailure());
                assertNothingRegistered(context);
            });
            List<String> info = log.messages(Level.INFO);
            assertEquals(1, info.size(), info.toString());
            assertTrue(info.get(0).contains("airbyte.embedded.client-id is not set"), info.get(0));
            assertTrue(info.get(0).contains("airbyte.embedded.emulator=true"), info.get(0));
        }
    }

    @Test
    void treatsBlankClientIdAsAbsent() {
        runner.withPropertyValues("airbyte.embedded.client-id= ", "airbyte.embedded.client-secret=" + SECRET)
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    assertNothingRegistered(context);
                });
    }

    @Test
    void registersNothingOutsideServletWebApplications() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AirbyteEmbeddedAutoConfiguration.class))
                .withPropertyValues(REQUIRED)
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    assertNothingRegistered(context);
                });
    }

    @Test
    void createsConfigIntegrationAndFilterFromFourProperties() {
        runner.withPropertyValues(REQUIRED).run(context -> {
            assertNull(context.getStartupFailure());
            AirbyteEmbeddedConfig config = context.getBean(AirbyteEmbeddedConfig.class);
            assertEquals("test-client", config.clientId());
            assertEquals(List.of("https://app.example.com"), config.allowedOrigins());
            assertSame(config, context.getBean(AirbyteEmbedded.class).config());
            FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
            AirbyteEmbeddedFilter filter = assertInstanceOf(AirbyteEmbeddedFilter.class, registration.getFilter());
            assertSame(context.getBean(AirbyteEmbedded.class), filter.airbyteEmbedded());
            assertFalse(config.toString().contains(SECRET));
        });
    }

    @Test
    void tellsEverySourceConnectedListenerBean() {
        runner.withPropertyValues(REQUIRED).withUserConfiguration(SourceListenersConfiguration.class).run(context -> {
            context.getBean(AirbyteEmbeddedConfig.class).sourceConnectedListener()
                    .onSourceConnected(() -> "alice", "alice-workspace", null);
            assertEquals(List.of("first:alice-workspace", "second:alice-workspace"), SourceListenersConfiguration.HEARD);
        });
    }

    @Test
    void registersFilterJustAfterSpringSecurityAsyncOnRequestDispatchesOnly() {
        runner.withPropertyValues(REQUIRED).run(context -> {
            FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
            assertEquals(-90, AirbyteEmbeddedAutoConfiguration.DEFAULT_FILTER_ORDER);
            assertEquals(AirbyteEmbeddedAutoConfiguration.DEFAULT_FILTER_ORDER, registration.getOrder());
            assertTrue(registration.getOrder() > org.springframework.boot.security.autoconfigure.web.servlet
                    .SecurityFilterProperties.DEFAULT_FILTER_ORDER);
            assertTrue(registration.isAsyncSupported());
            assertEquals(EnumSet.of(DispatcherType.REQUEST), registration.determineDispatcherTypes());
            assertEquals(List.of("/*"), new ArrayList<>(registration.getUrlPatterns()));
            assertEquals(AirbyteEmbeddedAutoConfiguration.FILTER_NAME, registration.getFilterName());
        });
    }

    @Test
    void filterOrderComesFromItsProperty() {
        runner.withPropertyValues(REQUIRED).withPropertyValues("airbyte.embedded.filter-order=5").run(context ->
                assertEquals(5, context.getBean(FilterRegistrationBean.class).getOrder()));
    }

    @Test
    void appliesCustomizersInOrderAfterTheProperties() {
        runner.withPropertyValues(REQUIRED).withUserConfiguration(CustomizerConfiguration.class).run(context -> {
            AirbyteEmbeddedConfig config = context.getBean(AirbyteEmbeddedConfig.class);
            assertEquals(CustomizerConfiguration.CLOCK, config.clock());
            assertEquals("/second", config.tokenPath(), "the customizer ordered last wins");
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnConfigAndNeedsNoProperties() {
        runner.withUserConfiguration(ApplicationConfigConfiguration.class).run(context -> {
            assertNull(context.getStartupFailure());
            AirbyteEmbeddedConfig config = context.getBean(AirbyteEmbeddedConfig.class);
            assertEquals("app-client", config.clientId());
            assertSame(config, context.getBean(AirbyteEmbedded.class).config());
            assertEquals(1, context.getBeansOfType(FilterRegistrationBean.class).size());
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnIntegration() {
        runner.withUserConfiguration(ApplicationIntegrationConfiguration.class).run(context -> {
            assertNull(context.getStartupFailure());
            assertEquals(0, context.getBeansOfType(AirbyteEmbeddedConfig.class).size());
            AirbyteEmbedded airbyte = context.getBean(AirbyteEmbedded.class);
            AirbyteEmbeddedFilter filter = (AirbyteEmbeddedFilter) context.getBean(FilterRegistrationBean.class).getFilter();
            assertSame(airbyte, filter.airbyteEmbedded());
        });
    }

    @Test
    void backsOffWhenTheApplicationRegistersTheFilterItself() {
        runner.withPropertyValues(REQUIRED).withUserConfiguration(ApplicationFilterConfiguration.class).run(context -> {
            assertEquals(List.of("applicationFilter"),
                    List.of(context.getBeanNamesForType(FilterRegistrationBean.class)));
            assertEquals(1, context.getBeansOfType(AirbyteEmbedded.class).size());
        });
    }

    @Test
    void combinesListenerBeansSoEachHearsEveryEvent() {
        runner.withPropertyValues(REQUIRED).withUserConfiguration(ListenersConfiguration.class).run(context -> {
            context.getBean(AirbyteEmbeddedConfig.class).listener().onOutcome("ok", Duration.ofMillis(3));
            assertEquals(List.of("first:ok", "second:ok"), ListenersConfiguration.HEARD);
        });
    }

    @Test
    void failsAtStartupNamingTheMissingSetting() {
        runner.withPropertyValues("airbyte.embedded.client-id=test-client", "airbyte.embedded.client-secret=" + SECRET)
                .run(context -> {
                    AirbyteEmbeddedConfigException e = startupFailure(context);
                    assertEquals("allowed-origins", e.setting());
                    assertFalse(e.getMessage().contains(SECRET));
                });
    }

    @Test
    void neverLogsTheSecret() {
        try (CapturedLog auto = CapturedLog.of(AirbyteEmbeddedAutoConfiguration.class);
                CapturedLog filter = CapturedLog.of(AirbyteEmbeddedFilter.class)) {
            runner.withPropertyValues(REQUIRED).run(context -> assertNull(context.getStartupFailure()));
            assertFalse(filter.messages().isEmpty(), "the filter logs its route at startup");
            List<String> all = new ArrayList<>(auto.messages());
            all.addAll(filter.messages());
            all.forEach(line -> assertFalse(line.contains(SECRET), line));
        }
    }

    static void assertNothingRegistered(ApplicationContext context) {
        assertEquals(0, context.getBeansOfType(AirbyteEmbeddedConfig.class).size());
        assertEquals(0, context.getBeansOfType(AirbyteEmbedded.class).size());
        assertEquals(0, context.getBeansOfType(FilterRegistrationBean.class).size());
        assertEquals(0, context.getBeanNamesForType(AirbyteEmulator.class).length);
        assertFalse(context.containsBean("airbyteEmbeddedHttpSecurityCustomizer"));
        assertEquals(0, context.getBeanNamesForType(AirbyteEmbeddedDialect.class).length);
    }

    static AirbyteEmbeddedConfigException startupFailure(
            org.springframework.boot.test.context.assertj.AssertableWebApplicationContext context) {
        Throwable failure = context.getStartupFailure();
        assertNotNull(failure, "the context should have failed to start");
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AirbyteEmbeddedConfigException config) {
                return config;
            }
        }
        throw new AssertionError("no AirbyteEmbeddedConfigException in " + failure, failure);
    }

    static Optional<String> resolve(ApplicationContext context, String principalName) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        Principal principal = () -> principalName;
        request.setUserPrincipal(principal);
        return context.getBean(AirbyteEmbeddedConfig.class).workspaceResolver().resolveWorkspaceName(request);
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {

        static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

        @Bean
        @Order(2)
        AirbyteEmbeddedConfigCustomizer second() {
            return builder -> builder.tokenPath("/second");
        }

        @Bean
        @Order(1)
        AirbyteEmbeddedConfigCustomizer first() {
            return builder -> builder.tokenPath("/first").clock(CLOCK);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationConfigConfiguration {

        @Bean
        AirbyteEmbeddedConfig applicationConfig() {
            return AirbyteEmbeddedConfig.builder().clientId("app-client").clientSecret(SECRET)
                    .allowedOrigin("https://app.example.com").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationIntegrationConfiguration {

        @Bean
        AirbyteEmbedded applicationIntegration() {
            return AirbyteEmbedded.create(AirbyteEmbeddedConfig.builder().clientId("app-client").clientSecret(SECRET)
                    .allowedOrigin("https://app.example.com").build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationFilterConfiguration {

        @Bean
        FilterRegistrationBean<AirbyteEmbeddedFilter> applicationFilter(AirbyteEmbedded airbyte) {
            return new FilterRegistrationBean<>(new AirbyteEmbeddedFilter(airbyte));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SourceListenersConfiguration {

        static final List<String> HEARD = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Bean
        @Order(1)
        SourceConnectedListener firstSourceListener() {
            HEARD.clear();
            return (principal, workspace, source) -> {
                HEARD.add("first:" + workspace);
                throw new IllegalStateException("a broken listener");
            };
        }

        @Bean
        @Order(2)
        SourceConnectedListener secondSourceListener() {
            return (principal, workspace, source) -> HEARD.add("second:" + workspace);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ListenersConfiguration {

        static final List<String> HEARD = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Bean
        @Order(1)
        TokenRouteListener first() {
            HEARD.clear();
            return new TokenRouteListener() {
                @Override
                public void onOutcome(String outcome, Duration elapsed) {
                    HEARD.add("first:" + outcome);
                    throw new IllegalStateException("a broken listener");
                }
            };
        }

        @Bean
        @Order(2)
        TokenRouteListener second() {
            return new TokenRouteListener() {
                @Override
                public void onOutcome(String outcome, Duration elapsed) {
                    HEARD.add("second:" + outcome);
                }
            };
        }
    }
}
