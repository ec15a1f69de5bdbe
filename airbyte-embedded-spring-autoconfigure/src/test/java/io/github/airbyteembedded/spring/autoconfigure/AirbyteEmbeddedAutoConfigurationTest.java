package io.github.airbyteembedded.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import io.github.airbyteembedded.servlet.SourceConnectedListener;
import io.github.airbyteembedded.servlet.TagSelectionMode;
import io.github.airbyteembedded.servlet.TokenRouteListener;
import io.github.airbyteembedded.servlet.WidgetScript;
import io.github.airbyteembedded.servlet.WorkspaceResolver;
import io.github.airbyteembedded.spring.security.AuthenticationWorkspaceResolver;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.thymeleaf.AirbyteEmbeddedDialect;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

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
    void mapsEveryPropertyOntoTheCoreConfig() {
        runner.withPropertyValues(REQUIRED)
                .withPropertyValues(
                        "airbyte.embedded.api-base-url=https://airbyte.internal.example.com/",
                        "airbyte.embedded.organization-id=6e0b2d9a-6c39-4f8e-9b57-3f3e2c8f7a10",
                        "airbyte.embedded.allowed-origins=https://app.example.com, http://localhost:8080",
                        "airbyte.embedded.token-path=/airbyte/token",
                        "airbyte.embedded.operator-token-refresh-skew=90s",
                        "airbyte.embedded.connect-timeout=2s",
                        "airbyte.embedded.request-timeout=7s",
                        "airbyte.embedded.body-read-timeout=3s",
                        "airbyte.embedded.workspace-fold-case=true",
                        "airbyte.embedded.region-id=b9e48d61-f082-4a14-a8d0-799a907938cb",
                        "airbyte.embedded.source-template-tags=crm,billing",
                        "airbyte.embedded.source-template-tags-mode=all",
                        "airbyte.embedded.connection-template-tags=daily",
                        "airbyte.embedded.connection-template-tags-mode=any",
                        "airbyte.embedded.max-concurrent-upstream-calls=16",
                        "airbyte.embedded.rate-limit=3/30s",
                        "airbyte.embedded.rate-limit-max-tracked-users=500",
                        "airbyte.embedded.sources-path=/airbyte/sources",
                        "airbyte.embedded.source-events-path=/airbyte/events",
                        "airbyte.embedded.sources-list-rate-limit=120/2m",
                        "airbyte.embedded.sources-change-rate-limit=off",
                        "airbyte.embedded.widget-version=0.4.6",
                        "airbyte.embedded.widget-cdn-base=/vendor/npm",
                        "airbyte.embedded.widget-integrity=sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC",
                        "airbyte.embedded.widget-style-hash=unsafe-inline",
                        "airbyte.embedded.widget-page-origin=https://widget.example.com",
                        "airbyte.embedded.add-content-security-policy=true")
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    AirbyteEmbeddedConfig config = context.getBean(AirbyteEmbeddedConfig.class);
                    assertEquals(URI.create("https://airbyte.internal.example.com"), config.apiBaseUri());
                    assertEquals(Optional.of("6e0b2d9a-6c39-4f8e-9b57-3f3e2c8f7a10"), config.organizationId());
                    assertEquals(List.of("https://app.example.com", "http://localhost:8080"), config.allowedOrigins());
                    assertEquals("/airbyte/token", config.tokenPath());
                    assertEquals(Duration.ofSeconds(90), config.operatorTokenRefreshSkew());
                    assertEquals(Duration.ofSeconds(2), config.connectTimeout());
                    assertEquals(Duration.ofSeconds(7), config.requestTimeout());
                    assertEquals(Duration.ofSeconds(3), config.bodyReadTimeout());
                    assertTrue(config.foldWorkspaceNameCase());
                    assertEquals(Optional.of("b9e48d61-f082-4a14-a8d0-799a907938cb"), config.regionId());
                    assertEquals(List.of("crm", "billing"), config.sourceTemplateTags());
                    assertEquals(TagSelectionMode.ALL, config.sourceTemplateTagsMode());
                    assertEquals(List.of("daily"), config.connectionTemplateTags());
                    assertEquals(TagSelectionMode.ANY, config.connectionTemplateTagsMode());
                    assertEquals(16, config.maxConcurrentUpstreamCalls());
                    assertTrue(config.rateLimitEnabled());
                    assertEquals(3, config.rateLimitPermits());
                    assertEquals(Duration.ofSeconds(30), config.rateLimitPeriod());
                    assertEquals(500, config.rateLimitMaxTrackedUsers());
                    assertTrue(config.sourceRoutesEnabled());
                    assertEquals("/airbyte/sources", config.sourcesPath());
                    assertEquals("/airbyte/events", config.sourceEventsPath());
                    assertTrue(config.sourcesListRateLimitEnabled());
                    assertEquals(120, config.sourcesListRateLimitPermits());
                    assertEquals(Duration.ofMinutes(2), config.sourcesListRateLimitPeriod());
                    assertFalse(config.sourcesChangeRateLimitEnabled());
                    WidgetScript script = config.widgetScript();
                    assertEquals("0.4.6", script.version());
                    assertEquals("/vendor/npm", script.cdnBase());
                    assertEquals(Optional.of("sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC"),
                            script.integrity());
                    assertEquals("'unsafe-inline'", script.styleSource());
                    assertEquals(Optional.of("https://widget.example.com"), config.widgetPageOrigin());
                    assertTrue(config.addContentSecurityPolicy());
                });
    }

    @Test
    void servesTheTokenRouteAloneWhenTheSourcesRoutesAreOff() {
        runner.withPropertyValues(REQUIRED).withPropertyValues("airbyte.embedded.sources.enabled=false").run(context -> {
            assertFalse(context.getBean(AirbyteEmbeddedConfig.class).sourceRoutesEnabled());
            assertEquals(List.of("/api/airbyte/widget-token"),
                    AirbyteEmbeddedRoutes.of(context.getBean(AirbyteEmbedded.class)).patterns());
        });
    }

    @Test
    void theWidgetScriptDefaultsAreTheCores() {
        runner.withPropertyValues(REQUIRED).run(context ->
                assertEquals(WidgetScript.defaults(), context.getBean(AirbyteEmbeddedConfig.class).widgetScript()));
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
    void unsetPropertiesGiveTheCoreDefaults() {
        runner.withPropertyValues(REQUIRED).run(context -> {
            AirbyteEmbeddedConfig config = context.getBean(AirbyteEmbeddedConfig.class);
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_API_BASE_URI, config.apiBaseUri());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH, config.tokenPath());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_OPERATOR_TOKEN_REFRESH_SKEW, config.operatorTokenRefreshSkew());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_CONNECT_TIMEOUT, config.connectTimeout());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_REQUEST_TIMEOUT, config.requestTimeout());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_MAX_CONCURRENT_UPSTREAM_CALLS, config.maxConcurrentUpstreamCalls());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_RATE_LIMIT_PERMITS, config.rateLimitPermits());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_RATE_LIMIT_PERIOD, config.rateLimitPeriod());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_RATE_LIMIT_MAX_TRACKED_USERS, config.rateLimitMaxTrackedUsers());
            assertEquals(AirbyteEmbeddedAutoConfiguration.DEFAULT_FILTER_ORDER, new AirbyteEmbeddedProperties().getFilterOrder());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_SOURCES_PATH, config.sourcesPath());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_SOURCE_EVENTS_PATH, config.sourceEventsPath());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_SOURCES_LIST_RATE_LIMIT_PERMITS, config.sourcesListRateLimitPermits());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_RATE_LIMIT_PERIOD, config.sourcesListRateLimitPeriod());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_SOURCES_CHANGE_RATE_LIMIT_PERMITS, config.sourcesChangeRateLimitPermits());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_RATE_LIMIT_PERIOD, config.sourcesChangeRateLimitPeriod());
            assertEquals(AirbyteEmbeddedConfig.DEFAULT_BODY_READ_TIMEOUT, config.bodyReadTimeout());
            assertFalse(config.foldWorkspaceNameCase());
            assertEquals(WidgetScript.DEFAULT_VERSION, config.widgetScript().version());
            assertEquals(WidgetScript.DEFAULT_CDN_BASE, config.widgetScript().cdnBase());
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
    void turnsTheRateLimitOff() {
        runner.withPropertyValues(REQUIRED).withPropertyValues("airbyte.embedded.rate-limit.enabled=false").run(context -> {
            AirbyteEmbeddedConfig config = context.getBean(AirbyteEmbeddedConfig.class);
            assertFalse(config.rateLimitEnabled());
        });
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

    @Test
    void startsWithoutTheTestkitWhenTheEmulatorIsOff() {
        runner.withPropertyValues(REQUIRED).withClassLoader(new FilteredClassLoader("io.github.airbyteembedded.testkit"))
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    assertEquals(1, context.getBeansOfType(AirbyteEmbedded.class).size());
                });
    }

    @Test
    void refusesTheEmulatorWithoutTheTestkit() {
        runner.withPropertyValues("airbyte.embedded.emulator.enabled=true", "airbyte.embedded.allowed-origins=http://localhost:8080")
                .withClassLoader(new FilteredClassLoader("io.github.airbyteembedded.testkit"))
                .run(context -> assertEquals("emulator", startupFailure(context).setting()));
    }

    @Test
    void startsTheEmulatorPointsAtItWithoutCredentialsAndStopsItOnClose() {
        AtomicReference<URI> emulatorUri = new AtomicReference<>();
        runner.withPropertyValues("airbyte.embedded.emulator.enabled=true", "airbyte.embedded.allowed-origins=http://localhost:8080")
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    AirbyteEmulator emulator = context.getBean(AirbyteEmulator.class);
                    AirbyteEmbeddedConfig config = context.getBean(AirbyteEmbeddedConfig.class);
                    assertEquals(emulator.baseUri(), config.apiBaseUri());
                    assertEquals(AirbyteEmulator.DEFAULT_CLIENT_ID, config.clientId());
                    assertEquals(emulator.baseUri() + "/npm", config.widgetScript().cdnBase(), "the emulator serves the widget");
                    assertEquals(Optional.of(AirbyteEmulator.widgetScriptIntegrity()), config.widgetScript().integrity());
                    assertTrue(context.getBean(AirbyteEmbedded.class).checkOperatorToken().join().available(),
                            "the emulator accepts the credentials the configuration was given");
                    emulatorUri.set(emulator.baseUri());
                });
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(emulatorUri.get().resolve("/_emulator/calls")).timeout(Duration.ofSeconds(5)).build();
        assertThrows(IOException.class, () -> client.send(probe, HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void theEmulatorOverridesTheServiceSettingsAndWarnsThatTheRealClientIdIsIgnored() {
        try (CapturedLog log = CapturedLog.of(AirbyteEmbeddedAutoConfiguration.class)) {
            runner.withPropertyValues(REQUIRED).withPropertyValues("airbyte.embedded.emulator.enabled=true").run(context -> {
                AirbyteEmbeddedConfig config = context.getBean(AirbyteEmbeddedConfig.class);
                assertEquals(context.getBean(AirbyteEmulator.class).baseUri(), config.apiBaseUri());
                assertEquals(AirbyteEmulator.DEFAULT_CLIENT_ID, config.clientId());
            });
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), log.messages().toString());
            assertTrue(warnings.get(0).contains("airbyte.embedded.emulator=true"), warnings.get(0));
            assertTrue(warnings.get(0).contains("airbyte.embedded.client-id is ignored"), warnings.get(0));
            assertFalse(log.messages().stream().anyMatch(line -> line.contains(SECRET) || line.contains("test-client")),
                    "neither the secret nor the client id is logged");
        }
    }

    @Test
    void theEmulatorWithoutAClientIdOrWithItsOwnLogsNoWarning() {
        try (CapturedLog log = CapturedLog.of(AirbyteEmbeddedAutoConfiguration.class)) {
            runner.withPropertyValues("airbyte.embedded.emulator.enabled=true", "airbyte.embedded.allowed-origins=http://localhost:8080")
                    .run(context -> assertNull(context.getStartupFailure()));
            runner.withPropertyValues("airbyte.embedded.emulator.enabled=true", "airbyte.embedded.allowed-origins=http://localhost:8080",
                    "airbyte.embedded.client-id= ")
                    .run(context -> assertNull(context.getStartupFailure()));
            runner.withPropertyValues("airbyte.embedded.emulator.enabled=true", "airbyte.embedded.allowed-origins=http://localhost:8080",
                    "airbyte.embedded.client-id=" + AirbyteEmulator.DEFAULT_CLIENT_ID)
                    .run(context -> assertNull(context.getStartupFailure()));
            assertEquals(List.of(), log.messages(Level.WARNING));
        }
    }

    @Test
    void namesTheEmulatorPortWhenItIsTaken() {
        try (AirbyteEmulator taken = AirbyteEmulator.builder().build().start()) {
            runner.withPropertyValues("airbyte.embedded.emulator.enabled=true", "airbyte.embedded.allowed-origins=http://localhost:8080",
                    "airbyte.embedded.emulator.port=" + taken.port())
                    .run(context -> assertEquals("emulator-port", startupFailure(context).setting()));
        }
    }

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
    void thymeleafDialectBacksOffWhenTheApplicationDefinesItsOwn() {
        runner.withPropertyValues(REQUIRED).withUserConfiguration(DialectConfiguration.class).run(context ->
                assertEquals(List.of("applicationDialect"), List.of(context.getBeanNamesForType(AirbyteEmbeddedDialect.class))));
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
    static class DialectConfiguration {

        @Bean
        AirbyteEmbeddedDialect applicationDialect() {
            return new AirbyteEmbeddedDialect();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ResolverConfiguration {

        @Bean
        WorkspaceResolver tenantResolver() {
            return request -> Optional.of("tenant-1");
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
