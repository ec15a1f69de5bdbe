package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;

/**
 * Adjusts the auto-configured {@link AirbyteEmbeddedConfig} for what {@code airbyte.embedded.*}
 * properties cannot express, such as a clock.
 *
 * <p>Every customizer bean is applied, in {@link org.springframework.core.annotation.Order @Order},
 * to the builder after the properties have been mapped onto it and before it is validated:
 *
 * <pre>{@code
 * @Bean
 * AirbyteEmbeddedConfigCustomizer airbyteClock(Clock clock) {
 *     return builder -> builder.clock(clock);
 * }
 * }</pre>
 *
 * <p>Prefer a {@link io.github.airbyteembedded.servlet.WorkspaceResolver} bean to choose workspaces
 * and {@link io.github.airbyteembedded.servlet.TokenRouteListener} beans to observe the routes: the
 * auto-configuration combines listener beans with its Micrometer listener, whereas a customizer that
 * calls {@code builder.listener(...)} replaces them all.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AirbyteEmbeddedConfigCustomizer {

    /**
     * Customizes the builder of the configuration.
     *
     * @param builder the builder, with the properties already applied
     */
    void customize(AirbyteEmbeddedConfig.Builder builder);
}
