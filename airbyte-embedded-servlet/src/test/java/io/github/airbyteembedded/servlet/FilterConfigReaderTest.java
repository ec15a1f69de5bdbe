package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.internal.settings.FilterConfigReader;
import io.github.airbyteembedded.servlet.internal.settings.MapFilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class FilterConfigReaderTest {

    private static final String SECRET = "env-secret-value-never-printed";

    private final Map<String, String> environment = Map.of("AIRBYTE_CLIENT_SECRET", SECRET, "AIRBYTE_CLIENT_ID", "env-client");
    private final Map<String, String> properties = Map.of("airbyte.secret", SECRET);
    private final FilterConfigReader reader = new FilterConfigReader(environment::get, properties::get);

    private static MapFilterConfig minimal() {
        return new MapFilterConfig()
                .with("client-id", "web-xml-client")
                .with("client-secret-env", "AIRBYTE_CLIENT_SECRET")
                .with("allowed-origins", "https://app.example.com");
    }

    @Test
    void readsTheMinimalConfigurationWithTheSecretFromTheEnvironment() {
        AirbyteEmbeddedConfig config = reader.read(minimal());
        assertEquals("web-xml-client", config.clientId());
        assertEquals(SECRET, config.clientSecret().reveal());
        assertEquals(List.of("https://app.example.com"), config.allowedOrigins());
    }

    @Test
    void readsEverySetting() {
        AirbyteEmbeddedConfig config = reader.read(new MapFilterConfig()
                .with("client-id-env", "AIRBYTE_CLIENT_ID")
                .with("client-secret-property", "airbyte.secret")
                .with("allowed-origins", "https://app.example.com, http://localhost:8080\n https://admin.example.com")
                .with("api-base-url", "http://127.0.0.1:8181")
                .with("organization-id", "b9e48d61-f082-4a14-a8d0-799a907938cb")
                .with("token-path", "/airbyte/token")
                .with("workspace-resolver", TenantResolver.class.getName())
                .with("operator-token-refresh-skew", "PT2M")
                .with("connect-timeout", "750ms")
                .with("request-timeout", "3s")
                .with("region-id", "645a183f-b12b-4c6e-8ad3-99e165603450")
                .with("source-template-tags", "crm,billing")
                .with("source-template-tags-mode", "all")
                .with("connection-template-tags", "daily"));
        assertEquals("env-client", config.clientId());
        assertEquals(List.of("https://app.example.com", "http://localhost:8080", "https://admin.example.com"), config.allowedOrigins());
        assertEquals("http://127.0.0.1:8181", config.apiBaseUri().toString());
        assertEquals("/airbyte/token", config.tokenPath());
        assertInstanceOf(TenantResolver.class, config.workspaceResolver());
        assertEquals(Duration.ofMinutes(2), config.operatorTokenRefreshSkew());
        assertEquals(Duration.ofMillis(750), config.connectTimeout());
        assertEquals(Duration.ofSeconds(3), config.requestTimeout());
        assertEquals(List.of("crm", "billing"), config.sourceTemplateTags());
        assertEquals(TagSelectionMode.ALL, config.sourceTemplateTagsMode());
        assertEquals(TagSelectionMode.ANY, config.connectionTemplateTagsMode());
    }

    @Test
    void secretWrittenInWebXmlIsRefusedWithoutEchoingIt() {
        AirbyteEmbeddedConfigException e = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("client-secret", "literal-secret-in-web-xml")));
        assertEquals("client-secret", e.setting());
        assertFalse(e.getMessage().contains("literal-secret-in-web-xml"));
        assertTrue(e.getMessage().contains("client-secret-env"), e.getMessage());
    }

    @Test
    void unsetEnvironmentVariableIsNamed() {
        AirbyteEmbeddedConfigException e = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("client-secret-env", "NOT_SET")));
        assertEquals("client-secret-env", e.setting());
        assertTrue(e.getMessage().contains("NOT_SET"));
    }

    @Test
    void missingSecretSourceSaysWhichInitParamToAdd() {
        MapFilterConfig config = new MapFilterConfig().with("client-id", "c").with("allowed-origins", "https://a.example");
        AirbyteEmbeddedConfigException e = assertThrows(AirbyteEmbeddedConfigException.class, () -> reader.read(config));
        assertEquals("client-secret", e.setting());
        assertTrue(e.getMessage().contains("client-secret-env"));
    }

    @Test
    void misspelledInitParamIsRefused() {
        AirbyteEmbeddedConfigException e = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("allowed-origin", "https://b.example")));
        assertEquals("allowed-origin", e.setting());
    }

    @Test
    void durationWithoutUnitIsRefusedWithAnExample() {
        AirbyteEmbeddedConfigException e = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("request-timeout", "10")));
        assertEquals("request-timeout", e.setting());
        assertTrue(e.getMessage().contains("30s"), e.getMessage());
    }

    @Test
    void unknownTagModeIsRefused() {
        AirbyteEmbeddedConfigException e = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("source-template-tags", "a").with("source-template-tags-mode", "some")));
        assertEquals("source-template-tags-mode", e.setting());
    }

    @Test
    void resolverClassProblemsAreNamed() {
        assertEquals("workspace-resolver", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("workspace-resolver", "com.example.Missing"))).setting());
        AirbyteEmbeddedConfigException notAResolver = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("workspace-resolver", String.class.getName())));
        assertTrue(notAResolver.getMessage().contains("does not implement"), notAResolver.getMessage());
        AirbyteEmbeddedConfigException noConstructor = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("workspace-resolver", ResolverWithoutDefaultConstructor.class.getName())));
        assertTrue(noConstructor.getMessage().contains("public no-argument constructor"), noConstructor.getMessage());
    }

    @Test
    void readsTheLoadAndPseudonymSettings() {
        FilterConfigReader withKey = new FilterConfigReader(
                Map.of("AIRBYTE_CLIENT_SECRET", SECRET, "PSEUDONYM_KEY", "k".repeat(32))::get, properties::get);
        AirbyteEmbeddedConfig config = withKey.read(minimal()
                .with("max-concurrent-upstream-calls", "16")
                .with("rate-limit", "5/30s")
                .with("rate-limit-max-tracked-users", "500")
                .with("workspace-request-attribute", "tenant")
                .with("workspace-pseudonym-key-env", "PSEUDONYM_KEY")
                .with("workspace-pseudonym-prefix", "acme-"));
        assertEquals(16, config.maxConcurrentUpstreamCalls());
        assertEquals(5, config.rateLimitPermits());
        assertEquals(Duration.ofSeconds(30), config.rateLimitPeriod());
        assertEquals(500, config.rateLimitMaxTrackedUsers());
        assertTrue(config.workspaceResolver().toString().contains("requestAttribute(tenant)"), config.workspaceResolver().toString());
        assertTrue(config.workspaceResolver().toString().contains("acme-"));
        assertFalse(config.toString().contains("k".repeat(32)));
    }

    @Test
    void rateLimitCanBeTurnedOffAndMalformedValuesAreNamed() {
        assertFalse(reader.read(minimal().with("rate-limit", "off")).rateLimitEnabled());
        assertEquals("rate-limit", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("rate-limit", "10 per minute"))).setting());
        assertEquals("max-concurrent-upstream-calls", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("max-concurrent-upstream-calls", "many"))).setting());
    }

    @Test
    void readsTheSharedStoresTimeoutAndFailureChoiceAndKeepsTheLimitsInMemoryByDefault() {
        AirbyteEmbeddedConfig defaults = reader.read(minimal());
        assertEquals(Optional.empty(), defaults.rateLimitStore());
        assertEquals(Duration.ofMillis(100), defaults.rateLimitStoreTimeout());
        assertTrue(defaults.rateLimitStoreFailOpen());

        AirbyteEmbeddedConfig config = reader.read(minimal()
                .with("rate-limit-store", "memory")
                .with("rate-limit-store-timeout", "250ms")
                .with("rate-limit-store-fail-open", "false"));
        assertEquals(Optional.empty(), config.rateLimitStore());
        assertEquals(Duration.ofMillis(250), config.rateLimitStoreTimeout());
        assertFalse(config.rateLimitStoreFailOpen());
        assertEquals("rate-limit-store-timeout", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("rate-limit-store-timeout", "30s"))).setting());
        assertEquals("rate-limit-store", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("rate-limit-store", "memcached"))).setting());
    }

    @Test
    void aRedisStoreNeedsItsUriFromTheEnvironmentAndTheRedisModule() {
        Map<String, String> withUri = Map.of("AIRBYTE_CLIENT_SECRET", SECRET, "REDIS_URL", "redis://:redis-password@127.0.0.1:6379");
        FilterConfigReader withRedisUrl = new FilterConfigReader(withUri::get, properties::get);

        AirbyteEmbeddedConfigException noUri = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("rate-limit-store", "redis")));
        assertEquals("rate-limit-store-uri", noUri.setting());
        assertTrue(noUri.getMessage().contains("rate-limit-store-uri-env"), noUri.getMessage());

        AirbyteEmbeddedConfigException literal = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("rate-limit-store", "redis").with("rate-limit-store-uri", "redis://:pw@host")));
        assertEquals("rate-limit-store-uri", literal.setting());
        assertFalse(literal.getMessage().contains("pw@host"), literal.getMessage());

        AirbyteEmbeddedConfigException uriWithoutRedis = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> withRedisUrl.read(minimal().with("rate-limit-store-uri-env", "REDIS_URL")));
        assertEquals("rate-limit-store-uri", uriWithoutRedis.setting());
        assertFalse(uriWithoutRedis.getMessage().contains("redis-password"), uriWithoutRedis.getMessage());

        // This module's tests run without airbyte-embedded-redis, as an application that forgot it would.
        AirbyteEmbeddedConfigException noModule = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> withRedisUrl.read(minimal().with("rate-limit-store", "redis").with("rate-limit-store-uri-env", "REDIS_URL")));
        assertEquals("rate-limit-store", noModule.setting());
        assertTrue(noModule.getMessage().contains("airbyte-embedded-redis"), noModule.getMessage());
        assertFalse(noModule.getMessage().contains("redis-password"), noModule.getMessage());
    }

    @Test
    void readsTheSourcesRateLimitsBodyReadTimeoutAndCaseFolding() {
        AirbyteEmbeddedConfig config = reader.read(minimal()
                .with("sources-list-rate-limit", "100/1m")
                .with("sources-change-rate-limit", "off")
                .with("body-read-timeout", "2s")
                .with("workspace-fold-case", "true"));
        assertEquals(100, config.sourcesListRateLimitPermits());
        assertEquals(Duration.ofMinutes(1), config.sourcesListRateLimitPeriod());
        assertFalse(config.sourcesChangeRateLimitEnabled());
        assertEquals(Duration.ofSeconds(2), config.bodyReadTimeout());
        assertTrue(config.foldWorkspaceNameCase());
        assertEquals("sources-list-rate-limit", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("sources-list-rate-limit", "lots"))).setting());
        assertEquals("sources-change-rate-limit", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("sources-change-rate-limit", "0/1m"))).setting());
        assertEquals("workspace-fold-case", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("workspace-fold-case", "yes"))).setting());
    }

    @Test
    void pseudonymPrefixWithoutKeyAndShortKeysAreRefused() {
        assertEquals("workspace-pseudonym-prefix", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("workspace-pseudonym-prefix", "x-"))).setting());
        FilterConfigReader shortKey = new FilterConfigReader(Map.of("AIRBYTE_CLIENT_SECRET", SECRET, "K", "short")::get, properties::get);
        AirbyteEmbeddedConfigException e = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> shortKey.read(minimal().with("workspace-pseudonym-key-env", "K")));
        assertEquals("workspace-pseudonym-key-env", e.setting());
        assertFalse(e.getMessage().contains("short"));
    }

    @Test
    void readsTheSourcesRoutesSettings() {
        AirbyteEmbeddedConfig config = reader.read(minimal().with("sources-path", "/airbyte/sources")
                .with("source-events-path", "/airbyte/events"));
        assertEquals("/airbyte/sources", config.sourcesPath());
        assertEquals("/airbyte/events", config.sourceEventsPath());
        assertFalse(reader.read(minimal().with("source-routes", "false")).sourceRoutesEnabled());
        assertEquals("source-routes", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("source-routes", "no"))).setting());
        assertEquals("sources-path", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("sources-path", "/api/airbyte/widget-token"))).setting());
    }

    @Test
    void resolverClassAndRequestAttributeAreExclusive() {
        assertEquals("workspace-resolver", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> reader.read(minimal().with("workspace-resolver", TenantResolver.class.getName())
                        .with("workspace-request-attribute", "tenant"))).setting());
    }

    @Test
    void filterInitFailsWithAServletExceptionThatNamesTheSetting() {
        AirbyteEmbeddedFilter filter = new AirbyteEmbeddedFilter();
        ServletException e = assertThrows(ServletException.class,
                () -> filter.init(new MapFilterConfig().with("client-id", "c").with("allowed-origins", "https://a.example")));
        assertInstanceOf(AirbyteEmbeddedConfigException.class, e.getCause());
        assertTrue(e.getMessage().contains("client-secret"), e.getMessage());
    }

    /** A resolver loadable by name. */
    public static final class TenantResolver implements WorkspaceResolver {
        @Override
        public Optional<String> resolveWorkspaceName(HttpServletRequest request) {
            return Optional.of("tenant");
        }
    }

    /** A resolver the reader cannot instantiate. */
    public static final class ResolverWithoutDefaultConstructor implements WorkspaceResolver {
        public ResolverWithoutDefaultConstructor(String ignored) {
        }

        @Override
        public Optional<String> resolveWorkspaceName(HttpServletRequest request) {
            return Optional.empty();
        }
    }
}
