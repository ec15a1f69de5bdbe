package io.github.airbyteembedded.spring.autoconfigure;

import static io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedAutoConfigurationTest.REQUIRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.TagSelectionMode;
import io.github.airbyteembedded.servlet.WidgetScript;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The {@code airbyte.embedded.*} properties of the core's settings, as the auto-configuration maps them onto its configuration. */
class AirbyteEmbeddedPropertiesMappingTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AirbyteEmbeddedAutoConfiguration.class));

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
    void turnsTheRateLimitOff() {
        runner.withPropertyValues(REQUIRED).withPropertyValues("airbyte.embedded.rate-limit.enabled=false").run(context -> {
            AirbyteEmbeddedConfig config = context.getBean(AirbyteEmbeddedConfig.class);
            assertFalse(config.rateLimitEnabled());
        });
    }
}
