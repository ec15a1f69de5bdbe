package io.github.airbyteembedded.sample;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Registers the Airbyte Embedded filter by hand, after Spring Security's filter so that the
 * authenticated principal is there.
 *
 * <p>Default profile: starts the local emulator (port {@code sample.emulator.port}, 8181 unless
 * overridden) and points the filter at it with the emulator's credentials. Profile {@code airbyte}:
 * the real service, configured from {@code AIRBYTE_CLIENT_ID}, {@code AIRBYTE_CLIENT_SECRET} and
 * {@code AIRBYTE_ALLOWED_ORIGINS}.
 */
@Configuration(proxyBeanMethods = false)
class AirbyteConfiguration {

    /** Just after Spring Security's filter (-100), so {@code getUserPrincipal()} is set. */
    static final int FILTER_ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10;

    @Bean
    FilterRegistrationBean<AirbyteEmbeddedFilter> airbyteEmbeddedFilter(AirbyteEmbeddedConfig config) {
        FilterRegistrationBean<AirbyteEmbeddedFilter> registration = new FilterRegistrationBean<>(new AirbyteEmbeddedFilter(config));
        registration.setName("airbyteEmbeddedFilter");
        registration.setOrder(FILTER_ORDER);
        registration.setAsyncSupported(true);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @Profile("!airbyte")
    static class EmulatorConfiguration {

        @Bean(destroyMethod = "close")
        AirbyteEmulator airbyteEmulator(@Value("${sample.emulator.port:8181}") int port) {
            return AirbyteEmulator.builder().port(port).build().start();
        }

        @Bean
        AirbyteEmbeddedConfig airbyteEmbeddedConfig(AirbyteEmulator emulator,
                @Value("${sample.airbyte.allowed-origins:http://localhost:8080}") String allowedOrigins,
                @Value("${sample.airbyte.tokens-per-user-per-minute:10}") int tokensPerMinute) {
            return AirbyteEmbeddedConfig.builder()
                    .apiBaseUri(emulator.baseUri())
                    .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                    .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                    .allowedOrigins(split(allowedOrigins))
                    .rateLimit(tokensPerMinute, Duration.ofMinutes(1))
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Profile("airbyte")
    static class AirbyteServiceConfiguration {

        @Bean
        AirbyteEmbeddedConfig airbyteEmbeddedConfig(
                @Value("${AIRBYTE_CLIENT_ID:}") String clientId,
                @Value("${AIRBYTE_CLIENT_SECRET:}") String clientSecret,
                @Value("${AIRBYTE_ALLOWED_ORIGINS:http://localhost:8080}") String allowedOrigins,
                @Value("${AIRBYTE_ORGANIZATION_ID:}") String organizationId,
                @Value("${AIRBYTE_API_BASE_URL:https://api.airbyte.ai}") String apiBaseUrl) {
            return AirbyteEmbeddedConfig.builder()
                    .apiBaseUri(apiBaseUrl)
                    .clientId(clientId)
                    .clientSecret(clientSecret)
                    .organizationId(organizationId.isBlank() ? null : organizationId)
                    .allowedOrigins(split(allowedOrigins))
                    .build();
        }
    }

    static List<String> split(String origins) {
        return Arrays.stream(origins.split(",")).map(String::strip).filter(origin -> !origin.isEmpty()).toList();
    }
}
