package io.github.airbyteembedded.spring.autoconfigure;

import static io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedAutoConfigurationTest.REQUIRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.thymeleaf.AirbyteEmbeddedDialect;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Thymeleaf dialect as a bean. */
class AirbyteEmbeddedThymeleafAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AirbyteEmbeddedAutoConfiguration.class));

    @Test
    void registersTheThymeleafDialectForTheIntegration() {
        runner.withPropertyValues(REQUIRED).run(context ->
                assertEquals(1, context.getBeansOfType(AirbyteEmbeddedDialect.class).size()));
    }

    @Test
    void thymeleafDialectBacksOffWithoutThymeleaf() {
        runner.withPropertyValues(REQUIRED).withClassLoader(new FilteredClassLoader("org.thymeleaf")).run(context -> {
            assertNull(context.getStartupFailure());
            assertFalse(context.containsBean("airbyteEmbeddedDialect"));
        });
    }

    @Test
    void thymeleafDialectBacksOffWithoutTheDialectModule() {
        runner.withPropertyValues(REQUIRED).withClassLoader(new FilteredClassLoader("io.github.airbyteembedded.thymeleaf"))
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    assertFalse(context.containsBean("airbyteEmbeddedDialect"));
                });
    }

    @Test
    void thymeleafWithoutTheDialectModuleGetsOneWarningSayingWhatToAdd() {
        try (CapturedLog log = CapturedLog.of(AirbyteEmbeddedAutoConfiguration.class)) {
            runner.withPropertyValues(REQUIRED).withClassLoader(new FilteredClassLoader("io.github.airbyteembedded.thymeleaf"))
                    .run(context -> assertNull(context.getStartupFailure()));
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).contains("io.github.airbyteembedded:airbyte-embedded-thymeleaf"), warnings.get(0));
            assertTrue(warnings.get(0).contains("<airbyte:widget-script/>"), warnings.get(0));
        }
    }

    @Test
    void noWarningAboutTheDialectWhenItIsThereOrThymeleafIsNot() {
        try (CapturedLog log = CapturedLog.of(AirbyteEmbeddedAutoConfiguration.class)) {
            runner.withPropertyValues(REQUIRED).run(context -> assertNull(context.getStartupFailure()));
            runner.withPropertyValues(REQUIRED).withClassLoader(new FilteredClassLoader("org.thymeleaf", "io.github.airbyteembedded.thymeleaf"))
                    .run(context -> assertNull(context.getStartupFailure()));
            assertEquals(List.of(), log.messages(Level.WARNING));
        }
    }

    @Test
    void thymeleafDialectBacksOffWhenTheApplicationDefinesItsOwn() {
        runner.withPropertyValues(REQUIRED).withUserConfiguration(DialectConfiguration.class).run(context ->
                assertEquals(List.of("applicationDialect"), List.of(context.getBeanNamesForType(AirbyteEmbeddedDialect.class))));
    }

    @Configuration(proxyBeanMethods = false)
    static class DialectConfiguration {

        @Bean
        AirbyteEmbeddedDialect applicationDialect() {
            return new AirbyteEmbeddedDialect();
        }
    }
}
