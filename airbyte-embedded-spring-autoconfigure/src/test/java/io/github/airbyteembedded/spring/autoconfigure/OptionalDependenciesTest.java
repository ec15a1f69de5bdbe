package io.github.airbyteembedded.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the whole auto-configuration, as an application does (imports files, early filtering by the
 * generated auto-configure metadata), with and without each optional integration on the classpath.
 */
class OptionalDependenciesTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withUserConfiguration(Application.class)
            .withPropertyValues(AirbyteEmbeddedAutoConfigurationTest.REQUIRED);

    @Test
    void startsWithoutSpringSecurityActuatorMicrometerThymeleafTestkitOrRedis() {
        runner.withClassLoader(new WithoutJars(
                        List.of("org.springframework.security.", "org.springframework.boot.security.",
                                "org.springframework.boot.health.", "org.springframework.boot.actuate.",
                                "org.springframework.boot.micrometer.", "io.micrometer.core.",
                                "org.thymeleaf.", "org.springframework.boot.thymeleaf.", "io.github.airbyteembedded.thymeleaf.",
                                "io.github.airbyteembedded.testkit.", "io.github.airbyteembedded.redis.",
                                "org.springframework.data.redis.", "io.lettuce.",
                                "io.github.bucket4j."),
                        List.of("/spring-security-", "/spring-boot-security-", "/spring-boot-health-",
                                "/spring-boot-actuator-", "/spring-boot-micrometer-", "/micrometer-core-",
                                "/thymeleaf", "/spring-boot-thymeleaf-", "/airbyte-embedded-thymeleaf", "/airbyte-embedded-testkit",
                                "/airbyte-embedded-redis", "/spring-data-redis-", "/lettuce-core-",
                                "/bucket4j")))
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    assertEquals(1, context.getBeansOfType(AirbyteEmbedded.class).size());
                    assertEquals(1, context.getBeansOfType(FilterRegistrationBean.class).values().stream()
                            .filter(registration -> AirbyteEmbeddedAutoConfiguration.FILTER_NAME.equals(registration.getFilterName()))
                            .count());
                    assertFalse(context.containsBean("airbyteEmbeddedHttpSecurityCustomizer"));
                    assertFalse(context.containsBean("airbyteEmbeddedHealthIndicator"));
                    assertFalse(context.containsBean("airbyteEmbeddedMetricsListener"));
                    assertFalse(context.containsBean("airbyteEmbeddedDialect"));
                    assertFalse(context.containsBean("airbyteEmbeddedRateLimitStore"));
                });
    }

    @Test
    void usesEachIntegrationThatIsThere() {
        runner.run(context -> {
            assertNull(context.getStartupFailure());
            assertTrue(context.containsBean("airbyteEmbeddedHttpSecurityCustomizer"));
            assertTrue(context.containsBean("airbyteEmbeddedHealthIndicator"));
            assertTrue(context.containsBean("airbyteEmbeddedMetricsListener"));
            assertTrue(context.containsBean("airbyteEmbeddedDialect"));
        });
    }

    /**
     * Hides jars as if they were not on the classpath: their classes, and their resources such as the
     * auto-configuration imports and spring.factories files (a package filter alone would leave those).
     */
    static final class WithoutJars extends FilteredClassLoader {

        private final List<String> jars;

        @SuppressWarnings("unchecked")
        WithoutJars(List<String> packages, List<String> jars) {
            super(className -> packages.stream().anyMatch(className::startsWith));
            this.jars = jars;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> kept = Collections.list(super.getResources(name)).stream()
                    .filter(url -> jars.stream().noneMatch(url.toString()::contains))
                    .toList();
            return Collections.enumeration(kept);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {
    }
}
