package io.github.airbyteembedded.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.SourceConnectedListener;
import io.github.airbyteembedded.servlet.TokenRouteListener;
import io.github.airbyteembedded.servlet.WorkspaceResolver;
import io.github.airbyteembedded.thymeleaf.AirbyteEmbeddedDialect;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.TemplateEngine;

/**
 * The Java code that {@code docs/spring-boot.md} and {@code docs/page-side.md} show, compiled and run with
 * the tests: each snippet is a region between {@code tag::name[]} and {@code end::name[]}, which
 * {@code DocSnippetsTest} (module build-checks) compares with the page.
 */
class DocsCodeTest {

    @Test
    void theBeansOfTheDocsConfigureTheLibrary() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AirbyteEmbeddedAutoConfiguration.class))
                .withUserConfiguration(Application.class)
                .withPropertyValues("airbyte.embedded.client-id=id", "airbyte.embedded.client-secret=secret",
                        "airbyte.embedded.allowed-origins=https://app.example.com")
                .run(context -> {
                    assertEquals(Clock.systemUTC(), context.getBean(AirbyteEmbeddedConfig.class).clock());
                    assertTrue(context.getBeansOfType(SourceConnectedListener.class).containsKey("onboarding"));
                });
    }

    @Test
    void theDialectIsAddedToATemplateEngine() {
        TemplateEngine templateEngine = new TemplateEngine();
        // tag::thymeleaf-dialect[]
        templateEngine.addDialect(new AirbyteEmbeddedDialect());   // Spring Boot: the auto-configuration does it
        // end::thymeleaf-dialect[]
        assertTrue(templateEngine.getDialects().stream().anyMatch(AirbyteEmbeddedDialect.class::isInstance));
    }

    /** What an application has. */
    interface TenantService {
        String workspaceOf(Principal principal);
    }

    /** What an application has. */
    interface Audit {
        void record(String outcome, Duration elapsed);
    }

    /** What an application has. */
    interface Onboarding {
        void sourceConnected(String user, String connector);
    }

    @Configuration(proxyBeanMethods = false)
    static class Application {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        TenantService tenants() {
            return Principal::getName;
        }

        @Bean
        Audit audit() {
            return (outcome, elapsed) -> { };
        }

        @Bean
        Onboarding onboardingService() {
            return (user, connector) -> { };
        }

        // tag::beans[]
        @Bean
        AirbyteEmbeddedConfigCustomizer airbyteClock(Clock clock) {        // any builder setting, in @Order
            return builder -> builder.clock(clock);
        }

        @Bean
        WorkspaceResolver workspaceResolver(TenantService tenants) {        // replaces the principal's name
            return request -> Optional.ofNullable(request.getUserPrincipal()).map(tenants::workspaceOf);
        }

        @Bean
        TokenRouteListener auditListener(Audit audit) {                    // joins the Micrometer listener
            return new TokenRouteListener() {
                @Override
                public void onOutcome(String outcome, Duration elapsed) {
                    audit.record(outcome, elapsed);
                }
            };
        }

        @Bean
        SourceConnectedListener onboarding(Onboarding onboarding) {        // a source the user really connected
            return (principal, workspace, source) -> onboarding.sourceConnected(principal.getName(), source.connector());
        }
        // end::beans[]
    }
}
