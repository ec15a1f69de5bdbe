package io.github.airbyteembedded.spring.autoconfigure;

import static io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedAutoConfigurationTest.REQUIRED;
import static io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedAutoConfigurationTest.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The auto-configuration with and without Spring Security. */
class AirbyteEmbeddedSpringSecurityAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AirbyteEmbeddedAutoConfiguration.class));

    @Test
    void startsWithoutSpringSecurityAndLeavesTheChainAlone() {
        runner.withPropertyValues(REQUIRED).withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    assertEquals(1, context.getBeansOfType(AirbyteEmbedded.class).size());
                    assertFalse(context.containsBean("airbyteEmbeddedHttpSecurityCustomizer"));
                    assertEquals(Optional.of("alice"), resolve(context, "alice"));
                });
    }

    @Test
    void customizesSpringSecurityWhenItIsThere() {
        runner.withPropertyValues(REQUIRED).run(context ->
                assertInstanceOf(RoutesHttpSecurityCustomizer.class, context.getBean("airbyteEmbeddedHttpSecurityCustomizer")));
    }
}
