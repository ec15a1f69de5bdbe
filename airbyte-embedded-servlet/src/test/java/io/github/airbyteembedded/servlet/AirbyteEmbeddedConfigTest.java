package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class AirbyteEmbeddedConfigTest {

    private static final String SECRET = "s3cr3t-value-that-must-not-leak";

    private static AirbyteEmbeddedConfig.Builder valid() {
        return AirbyteEmbeddedConfig.builder()
                .clientId("client-id")
                .clientSecret(SECRET)
                .allowedOrigin("https://app.example.com");
    }

    private static AirbyteEmbeddedConfigException invalid(UnaryOperator<AirbyteEmbeddedConfig.Builder> change) {
        return assertThrows(AirbyteEmbeddedConfigException.class, () -> change.apply(valid()).build());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        AirbyteEmbeddedConfig config = valid().build();
        assertEquals(URI.create("https://api.airbyte.ai"), config.apiBaseUri());
        assertEquals("/api/airbyte/widget-token", config.tokenPath());
        assertEquals(Duration.ofSeconds(60), config.operatorTokenRefreshSkew());
        assertEquals(Duration.ofSeconds(5), config.connectTimeout());
        assertEquals(Duration.ofSeconds(10), config.requestTimeout());
        assertEquals(WorkspaceResolver.principalName(), config.workspaceResolver());
        assertTrue(config.organizationId().isEmpty());
        assertTrue(config.regionId().isEmpty());
        assertEquals(TagSelectionMode.ANY, config.sourceTemplateTagsMode());
    }

    @Test
    void missingClientIdIsNamed() {
        AirbyteEmbeddedConfigException e = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> AirbyteEmbeddedConfig.builder().clientSecret(SECRET).allowedOrigin("https://a.example").build());
        assertEquals("client-id", e.setting());
    }

    @Test
    void blankClientSecretIsNamedWithoutEchoingIt() {
        AirbyteEmbeddedConfigException e = invalid(b -> b.clientSecret("   "));
        assertEquals("client-secret", e.setting());
    }

    @Test
    void missingAllowedOriginsAreNamed() {
        assertEquals("allowed-origins", invalid(b -> b.allowedOrigins(List.of())).setting());
    }

    @Test
    void allowedOriginWithTrailingSlashIsRefusedWithTheFix() {
        AirbyteEmbeddedConfigException e = invalid(b -> b.allowedOrigin("https://other.example.com/"));
        assertEquals("allowed-origins", e.setting());
        assertTrue(e.getMessage().contains("https://other.example.com"), e.getMessage());
    }

    @Test
    void allowedOriginsAreNormalisedAndDeduplicated() {
        AirbyteEmbeddedConfig config = valid().allowedOrigin("HTTPS://APP.example.com:443").allowedOrigin("http://localhost:8080").build();
        assertEquals(List.of("https://app.example.com", "http://localhost:8080"), config.allowedOrigins());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api.airbyte.ai", "ftp://api.airbyte.ai", "api.airbyte.ai", "https://u:p@api.airbyte.ai",
        "https://api.airbyte.ai?x=1", "http://10.0.0.1:8181", "http://example.com"})
    void apiBaseUrlMustBeHttpsUnlessLoopback(String url) {
        assertEquals("api-base-url", invalid(b -> b.apiBaseUri(url)).setting());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8181", "http://127.0.0.1:8181/", "http://[::1]:8181", "https://api.airbyte.ai/"})
    void apiBaseUrlMayBeLoopbackHttpAndLosesItsTrailingSlash(String url) {
        AirbyteEmbeddedConfig config = valid().apiBaseUri(url).build();
        assertFalse(config.apiBaseUri().toString().endsWith("/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.airbyte.ai/api/v1", "https://api.airbyte.ai/api/v1/", "https://api.airbyte.ai/API/V1"})
    void apiBaseUrlWithTheRedundantApiV1OfTheVendorsDocsLosesItWithAWarning(String url) {
        Logger logger = Logger.getLogger(AirbyteEmbeddedConfig.class.getName());
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            assertEquals(URI.create("https://api.airbyte.ai"), valid().apiBaseUri(url).build().apiBaseUri());
            assertEquals(1, warnings.size());
            String text = MessageFormat.format(warnings.get(0).getMessage(), warnings.get(0).getParameters());
            assertTrue(text.contains("api-base-url") && text.contains("https://api.airbyte.ai"), text);
            valid().apiBaseUri("https://api.airbyte.ai").build();
            valid().apiBaseUri("http://127.0.0.1:8181/proxy").build();
            assertEquals(1, warnings.size(), "no warning for a base without /api/v1");
        } finally {
            logger.removeHandler(handler);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"api/token", "/", "/a b", "/a?b", "/a/*", "/a//b", "/a/../b", "/a;b", "/a%2f"})
    void tokenPathMustBeAPlainAbsolutePath(String path) {
        assertEquals("token-path", invalid(b -> b.tokenPath(path)).setting());
    }

    @Test
    void organizationAndRegionMustBeUuids() {
        assertEquals("organization-id", invalid(b -> b.organizationId("org-1")).setting());
        assertEquals("region-id", invalid(b -> b.regionId("1-1-1-1-1")).setting());
        AirbyteEmbeddedConfig config = valid().regionId("b9e48d61-f082-4a14-a8d0-799a907938cb").build();
        assertEquals("b9e48d61-f082-4a14-a8d0-799a907938cb", config.regionId().orElseThrow());
    }

    @Test
    void durationsAreBounded() {
        assertEquals("operator-token-refresh-skew", invalid(b -> b.operatorTokenRefreshSkew(Duration.ofSeconds(-1))).setting());
        assertEquals("operator-token-refresh-skew", invalid(b -> b.operatorTokenRefreshSkew(Duration.ofMinutes(11))).setting());
        assertEquals("connect-timeout", invalid(b -> b.connectTimeout(Duration.ZERO)).setting());
        assertEquals("request-timeout", invalid(b -> b.requestTimeout(Duration.ofMinutes(6))).setting());
    }

    @Test
    void loadSettingsHaveDefaultsAndBounds() {
        AirbyteEmbeddedConfig config = valid().build();
        assertEquals(128, config.maxConcurrentUpstreamCalls());
        assertTrue(config.rateLimitEnabled());
        assertEquals(10, config.rateLimitPermits());
        assertEquals(Duration.ofMinutes(1), config.rateLimitPeriod());
        assertEquals("max-concurrent-upstream-calls", invalid(b -> b.maxConcurrentUpstreamCalls(0)).setting());
        assertEquals("rate-limit", invalid(b -> b.rateLimit(0, Duration.ofMinutes(1))).setting());
        assertEquals("rate-limit", invalid(b -> b.rateLimit(10, Duration.ofMillis(10))).setting());
        assertEquals("rate-limit-max-tracked-users", invalid(b -> b.rateLimitMaxTrackedUsers(0)).setting());
        assertFalse(valid().disableRateLimit().build().rateLimitEnabled());
        assertFalse(valid().disableRateLimit().build().toBuilder().build().rateLimitEnabled());
    }

    @Test
    void sourcesRateLimitsBodyReadTimeoutAndCaseFoldingHaveDefaultsAndBounds() {
        AirbyteEmbeddedConfig config = valid().build();
        assertTrue(config.sourcesListRateLimitEnabled());
        assertEquals(60, config.sourcesListRateLimitPermits());
        assertEquals(Duration.ofMinutes(1), config.sourcesListRateLimitPeriod());
        assertTrue(config.sourcesChangeRateLimitEnabled());
        assertEquals(30, config.sourcesChangeRateLimitPermits());
        assertEquals(Duration.ofMinutes(1), config.sourcesChangeRateLimitPeriod());
        assertEquals(Duration.ofSeconds(10), config.bodyReadTimeout());
        assertFalse(config.foldWorkspaceNameCase());
        assertEquals("sources-list-rate-limit", invalid(b -> b.sourcesListRateLimit(0, Duration.ofMinutes(1))).setting());
        assertEquals("sources-change-rate-limit", invalid(b -> b.sourcesChangeRateLimit(5, Duration.ofDays(2))).setting());
        assertEquals("body-read-timeout", invalid(b -> b.bodyReadTimeout(Duration.ZERO)).setting());
        assertEquals("body-read-timeout", invalid(b -> b.bodyReadTimeout(Duration.ofMinutes(6))).setting());
        AirbyteEmbeddedConfig off = valid().disableSourcesListRateLimit().disableSourcesChangeRateLimit().build().toBuilder().build();
        assertFalse(off.sourcesListRateLimitEnabled());
        assertFalse(off.sourcesChangeRateLimitEnabled());
    }

    @Test
    void aNullClientIdIsTheConfigurationErrorNamingTheSettingNotABareNullPointerException() {
        // System.getenv("AIRBYTE_CLIENT_ID") of a variable that is not set.
        AirbyteEmbeddedConfigException e = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> AirbyteEmbeddedConfig.builder().clientId(null));
        assertEquals("client-id", e.setting());
        assertEquals("client-id: is required, but was given null (System.getenv returns null for an environment variable "
                + "that is not set)", e.getMessage());
    }

    @Test
    void everySetterGivenNullThrowsTheConfigurationErrorNamingItsSetting() {
        Map<String, Executable> setters = new LinkedHashMap<>();
        setters.put("client-id", () -> valid().clientId(null));
        setters.put("client-secret", () -> valid().clientSecret(null));
        setters.put("api-base-url", () -> valid().apiBaseUri((String) null));
        setters.put("api-base-url ", () -> valid().apiBaseUri((URI) null));
        setters.put("allowed-origins", () -> valid().allowedOrigin(null));
        setters.put("allowed-origins ", () -> valid().allowedOrigins(null));
        setters.put("allowed-origins  ", () -> valid().allowedOrigins(new ArrayList<>(java.util.Arrays.asList("https://a.example", null))));
        setters.put("token-path", () -> valid().tokenPath(null));
        setters.put("workspace-resolver", () -> valid().workspaceResolver(null));
        setters.put("body-read-timeout", () -> valid().bodyReadTimeout(null));
        setters.put("operator-token-refresh-skew", () -> valid().operatorTokenRefreshSkew(null));
        setters.put("connect-timeout", () -> valid().connectTimeout(null));
        setters.put("request-timeout", () -> valid().requestTimeout(null));
        setters.put("source-template-tags", () -> valid().sourceTemplateTags(null, TagSelectionMode.ANY));
        setters.put("source-template-tags-mode", () -> valid().sourceTemplateTags(List.of("a"), null));
        setters.put("connection-template-tags", () -> valid().connectionTemplateTags(null, TagSelectionMode.ANY));
        setters.put("connection-template-tags-mode", () -> valid().connectionTemplateTags(List.of("a"), null));
        setters.put("clock", () -> valid().clock(null));
        setters.put("max-queue-wait", () -> valid().maxQueueWait(null));
        setters.put("rate-limit", () -> valid().rateLimit(5, null));
        setters.put("rate-limit-store-timeout", () -> valid().rateLimitStoreTimeout(null));
        setters.put("sources-list-rate-limit", () -> valid().sourcesListRateLimit(5, null));
        setters.put("sources-change-rate-limit", () -> valid().sourcesChangeRateLimit(5, null));
        setters.put("listener", () -> valid().listener(null));
        setters.put("widget-script", () -> valid().widgetScript(null));
        setters.put("sources-path", () -> valid().sourcesPath(null));
        setters.put("source-events-path", () -> valid().sourceEventsPath(null));
        setters.put("source-connected-listener", () -> valid().sourceConnectedListener(null));
        setters.put("widget-version", () -> WidgetScript.builder().version(null));
        setters.put("widget-cdn-base", () -> WidgetScript.builder().cdnBase((String) null));
        setters.put("widget-cdn-base ", () -> WidgetScript.builder().cdnBase((URI) null));
        setters.put("widget-integrity", () -> WidgetScript.builder().integrity(null));
        setters.put("widget-integrity ", () -> WidgetScript.builder().integrityOf((byte[]) null));
        setters.put("widget-integrity  ", () -> WidgetScript.builder().integrityOf((java.nio.file.Path) null));
        setters.put("widget-style-hash", () -> WidgetScript.builder().styleHash(null));
        setters.forEach((setting, setter) -> {
            AirbyteEmbeddedConfigException e = assertThrows(AirbyteEmbeddedConfigException.class, setter, setting);
            assertEquals(setting.strip(), e.setting());
            assertTrue(e.getMessage().startsWith(setting.strip() + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("null"), e.getMessage());
        });
    }

    @Test
    void toStringListsSettingsWithTheSecretRedacted() {
        String text = valid().organizationId("b9e48d61-f082-4a14-a8d0-799a907938cb").build().toString();
        assertFalse(text.contains(SECRET), text);
        assertTrue(text.contains("clientSecret=[redacted]"), text);
        assertTrue(text.contains("clientId=client-id"), text);
        assertTrue(text.contains("https://app.example.com"), text);
    }

    @Test
    void toBuilderCopiesEverySetting() {
        AirbyteEmbeddedConfig original = valid()
                .apiBaseUri("http://localhost:8181")
                .organizationId("b9e48d61-f082-4a14-a8d0-799a907938cb")
                .tokenPath("/airbyte/token")
                .operatorTokenRefreshSkew(Duration.ofSeconds(30))
                .sourceTemplateTags(List.of("crm"), TagSelectionMode.ALL)
                .sourcesListRateLimit(7, Duration.ofSeconds(70))
                .sourcesChangeRateLimit(3, Duration.ofSeconds(30))
                .bodyReadTimeout(Duration.ofSeconds(3))
                .foldWorkspaceNameCase(true)
                .build();
        AirbyteEmbeddedConfig copy = original.toBuilder().build();
        assertTrue(copy.foldWorkspaceNameCase());
        assertEquals(7, copy.sourcesListRateLimitPermits());
        assertEquals(Duration.ofSeconds(30), copy.sourcesChangeRateLimitPeriod());
        assertNotSame(original, copy);
        assertEquals(original.toString(), copy.toString());
        assertEquals(original.clientSecret().reveal(), copy.clientSecret().reveal());
    }

    @Test
    void buildDoesNotChangeTheBuilderAndCanBeRepeated() {
        AirbyteEmbeddedConfig.Builder builder = valid();
        AirbyteEmbeddedConfig first = builder.build();
        AirbyteEmbeddedConfig second = builder.allowedOrigin("http://localhost:8080").build();
        assertEquals(1, first.allowedOrigins().size());
        assertEquals(2, second.allowedOrigins().size());
    }

    @Test
    void allowedOriginListIsUnmodifiable() {
        List<String> origins = valid().build().allowedOrigins();
        assertThrows(UnsupportedOperationException.class, () -> origins.add("https://evil.example"));
    }

    @Test
    void templateTagsAreTrimmedAndBlankOnesDropped() {
        AirbyteEmbeddedConfig config = valid().sourceTemplateTags(List.of(" crm ", "", "crm", "billing"), TagSelectionMode.ANY).build();
        assertEquals(List.of("crm", "billing"), config.sourceTemplateTags());
    }
}
