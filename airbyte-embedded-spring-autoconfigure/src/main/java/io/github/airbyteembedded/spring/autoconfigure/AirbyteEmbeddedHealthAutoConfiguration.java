package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a health contributor, {@code airbyteEmbedded}, that reports whether an Airbyte
 * operator token can be obtained: {@code UP} with the token's refresh time while one is cached,
 * {@code DOWN} with the stable error code when Airbyte refuses the credentials or cannot be reached,
 * and {@code DOWN} with {@code upstream_timeout} when a check has waited 2 seconds on Airbyte (the
 * check goes on; a later probe has its result). The interrupted probe of a stopping application is
 * {@code UNKNOWN}.
 *
 * <p>Probes never add load to Airbyte: a cached token answers at once and a failure is remembered for
 * {@link AirbyteEmbedded#FAILED_CHECK_MEMORY}. No secret or token is ever shown. Turn it off with:
 *
 * <pre>{@code
 * management.health.airbyte-embedded.enabled=false
 * }</pre>
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AirbyteEmbeddedAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, AirbyteEmbedded.class})
@ConditionalOnBean(AirbyteEmbedded.class)
@ConditionalOnEnabledHealthIndicator("airbyte-embedded")
public final class AirbyteEmbeddedHealthAutoConfiguration {

    AirbyteEmbeddedHealthAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = {"airbyteEmbeddedHealthIndicator", "airbyteEmbeddedHealthContributor"})
    AirbyteEmbeddedHealthIndicator airbyteEmbeddedHealthIndicator(AirbyteEmbedded airbyte) {
        return new AirbyteEmbeddedHealthIndicator(airbyte);
    }
}
