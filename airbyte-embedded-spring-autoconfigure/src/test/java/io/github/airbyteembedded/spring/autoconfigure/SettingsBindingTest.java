package io.github.airbyteembedded.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.TagSelectionMode;
import io.github.airbyteembedded.servlet.internal.settings.RateLimit;
import io.github.airbyteembedded.servlet.internal.settings.Settings;
import io.github.airbyteembedded.servlet.internal.settings.Values;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The core's settings as Spring Boot properties, {@code airbyte.embedded.<key>}, bound by the table of settings. */
class SettingsBindingTest {

    private static AirbyteEmbeddedConfig config(MockEnvironment environment) {
        environment.withProperty("airbyte.embedded.client-id", "client").withProperty("airbyte.embedded.client-secret", "secret")
                .withProperty("airbyte.embedded.allowed-origins", "https://app.example.com");
        return PropertiesMapping.builderFrom(SettingsBinding.bind(environment)).build();
    }

    @Test
    void bindsEverySettingByItsKeyWithTheSameWordsAsTheInitParams() {
        AirbyteEmbeddedConfig config = config(new MockEnvironment()
                .withProperty("airbyte.embedded.rate-limit", "5/30s")
                .withProperty("airbyte.embedded.sources-list-rate-limit", "off")
                .withProperty("airbyte.embedded.source-routes", "true")
                .withProperty("airbyte.embedded.request-timeout", "3s")
                .withProperty("airbyte.embedded.source-template-tags", "crm, billing")
                .withProperty("airbyte.embedded.source-template-tags-mode", "all")
                .withProperty("airbyte.embedded.widget-integrity", "none")
                .withProperty("airbyte.embedded.widget-style-hash", "unsafe-inline"));
        assertEquals(5, config.rateLimitPermits());
        assertEquals(Duration.ofSeconds(30), config.rateLimitPeriod());
        assertFalse(config.sourcesListRateLimitEnabled());
        assertEquals(Duration.ofSeconds(3), config.requestTimeout());
        assertEquals(List.of("crm", "billing"), config.sourceTemplateTags());
        assertEquals(TagSelectionMode.ALL, config.sourceTemplateTagsMode());
        assertFalse(config.widgetScript().integrityMissing());
        assertEquals("'unsafe-inline'", config.widgetScript().styleSource());
    }

    @Test
    void aDurationIsAlsoABareNumberOfMillisecondsAsEverywhereInSpringBoot() {
        assertEquals(Duration.ofMillis(2500), config(new MockEnvironment().withProperty("airbyte.embedded.connect-timeout", "2500"))
                .connectTimeout());
    }

    @Test
    void theOlderNamesStillBindAndTheKeyWins() {
        AirbyteEmbeddedConfig config = config(new MockEnvironment()
                .withProperty("airbyte.embedded.sources.enabled", "false")
                .withProperty("airbyte.embedded.widget.version", "0.4.4")
                .withProperty("airbyte.embedded.sources.path", "/old")
                .withProperty("airbyte.embedded.sources-path", "/new")
                .withProperty("airbyte.embedded.rate-limit.max-tracked-users", "7"));
        assertFalse(config.sourceRoutesEnabled());
        assertEquals("0.4.4", config.widgetScript().version());
        assertEquals("/new", config.sourcesPath());
        assertEquals(7, config.rateLimitMaxTrackedUsers());
    }

    @Test
    void theOldGroupsOfARateLimitStillBind() {
        Values values = SettingsBinding.bind(new MockEnvironment()
                .withProperty("airbyte.embedded.rate-limit.permits", "3")
                .withProperty("airbyte.embedded.sources.change-rate-limit.enabled", "false")
                .withProperty("airbyte.embedded.sources.list-rate-limit.period", "2m"));
        assertEquals(RateLimit.of(3, Duration.ofMinutes(1)), values.get(Settings.RATE_LIMIT));
        assertFalse(values.get(Settings.SOURCES_CHANGE_RATE_LIMIT).enabled());
        assertEquals(RateLimit.of(60, Duration.ofMinutes(2)), values.get(Settings.SOURCES_LIST_RATE_LIMIT));
    }

    @Test
    void aBadValueNamesTheSetting() {
        assertEquals("rate-limit", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> config(new MockEnvironment().withProperty("airbyte.embedded.rate-limit", "ten a minute"))).setting());
    }
}
