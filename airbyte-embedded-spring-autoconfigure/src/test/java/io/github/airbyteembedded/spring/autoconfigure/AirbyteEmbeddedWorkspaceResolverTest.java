package io.github.airbyteembedded.spring.autoconfigure;

import static io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedAutoConfigurationTest.REQUIRED;
import static io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedAutoConfigurationTest.resolve;
import static io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedAutoConfigurationTest.startupFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.WorkspaceResolver;
import io.github.airbyteembedded.spring.security.AuthenticationWorkspaceResolver;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/** Who the user is: the workspace resolver the auto-configuration chooses (a bean, a claim, a request attribute, the principal's name) and its pseudonyms. */
class AirbyteEmbeddedWorkspaceResolverTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AirbyteEmbeddedAutoConfiguration.class));

    @Test
    void usesTheApplicationsWorkspaceResolverBean() {
        runner.withPropertyValues(REQUIRED).withUserConfiguration(ResolverConfiguration.class).run(context ->
                assertEquals(Optional.of("tenant-1"), resolve(context, "alice")));
    }

    @Test
    void defaultsToThePrincipalsName() {
        runner.withPropertyValues(REQUIRED).run(context -> assertEquals(Optional.of("alice"), resolve(context, "alice")));
    }

    @Test
    void readsTheWorkspaceFromARequestAttribute() {
        runner.withPropertyValues(REQUIRED).withPropertyValues("airbyte.embedded.workspace.request-attribute=com.example.tenant")
                .run(context -> {
                    MockHttpServletRequest request = new MockHttpServletRequest();
                    request.setAttribute("com.example.tenant", "acme");
                    assertEquals(Optional.of("acme"),
                            context.getBean(AirbyteEmbeddedConfig.class).workspaceResolver().resolveWorkspaceName(request));
                });
    }

    @Test
    void pseudonymizesWorkspaceNamesWithAKey() {
        runner.withPropertyValues(REQUIRED)
                .withPropertyValues("airbyte.embedded.workspace.pseudonym-key=0123456789abcdef0123456789abcdef",
                        "airbyte.embedded.workspace.pseudonym-prefix=acme-")
                .run(context -> {
                    String name = resolve(context, "alice@example.com").orElseThrow();
                    assertTrue(name.startsWith("acme-"), name);
                    assertFalse(name.contains("alice"), name);
                    assertEquals(Optional.of(name), resolve(context, "alice@example.com"));
                    assertNotEquals(Optional.of(name), resolve(context, "bob@example.com"));
                });
    }

    @Test
    void refusesAShortPseudonymKeyWithoutRepeatingIt() {
        runner.withPropertyValues(REQUIRED).withPropertyValues("airbyte.embedded.workspace.pseudonym-key=short-key-value")
                .run(context -> {
                    AirbyteEmbeddedConfigException e = startupFailure(context);
                    assertEquals("workspace-pseudonym-key", e.setting());
                    assertFalse(e.getMessage().contains("short-key-value"), e.getMessage());
                });
    }

    @Test
    void refusesARequestAttributeTogetherWithAClaim() {
        runner.withPropertyValues(REQUIRED)
                .withPropertyValues("airbyte.embedded.workspace.request-attribute=tenant", "airbyte.embedded.security.workspace-claim=sub")
                .run(context -> assertEquals("workspace-request-attribute", startupFailure(context).setting()));
    }

    @Test
    void resolvesTheWorkspaceFromAClaimWithSpringSecurityOAuth2() {
        runner.withPropertyValues(REQUIRED).withPropertyValues("airbyte.embedded.security.workspace-claim=tenant_id").run(context -> {
            AuthenticationWorkspaceResolver resolver = assertInstanceOf(AuthenticationWorkspaceResolver.class,
                    context.getBean(AirbyteEmbeddedConfig.class).workspaceResolver());
            assertEquals("tenant_id", resolver.claimName());
        });
    }

    @Test
    void refusesAClaimWithoutSpringSecurityOAuth2() {
        runner.withPropertyValues(REQUIRED).withPropertyValues("airbyte.embedded.security.workspace-claim=tenant_id")
                .withClassLoader(new FilteredClassLoader(OAuth2AuthenticatedPrincipal.class))
                .run(context -> assertEquals("security.workspace-claim", startupFailure(context).setting()));
    }

    @Configuration(proxyBeanMethods = false)
    static class ResolverConfiguration {

        @Bean
        WorkspaceResolver tenantResolver() {
            return request -> Optional.of("tenant-1");
        }
    }
}
