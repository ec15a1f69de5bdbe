/**
 * Spring Boot 4.1 auto-configuration of Airbyte Embedded for Java.
 *
 * <p>Add the dependency and set {@code airbyte.embedded.client-id}, {@code client-secret} and {@code
 * allowed-origins}: {@link io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedAutoConfiguration}
 * binds {@link io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedProperties}, builds the
 * core's immutable configuration (adjusted by {@link
 * io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedConfigCustomizer} beans) and registers
 * the filter after Spring Security's. {@link
 * io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedHealthAutoConfiguration} and {@link
 * io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedMetricsAutoConfiguration} add a health
 * contributor and Micrometer timers when the application has the actuator. Every other type here is
 * package-private. Nothing in this package is component-scanned: the auto-configurations are listed in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}.
 *
 * <p>Null policy: parameters and return values are non-null unless documented otherwise; the
 * properties' getters return {@code null} for unset optional values.
 */
package io.github.airbyteembedded.spring.autoconfigure;
