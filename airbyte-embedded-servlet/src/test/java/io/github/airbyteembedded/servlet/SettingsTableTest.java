package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.internal.settings.FilterConfigReader;
import io.github.airbyteembedded.servlet.internal.settings.MapFilterConfig;
import io.github.airbyteembedded.servlet.internal.settings.RateLimit;
import io.github.airbyteembedded.servlet.internal.settings.Setting;
import io.github.airbyteembedded.servlet.internal.settings.Settings;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The table of settings: one name per setting, every name an init-param of the reader, older names
 * read with one warning, and the builder's defaults and checks taken from it.
 */
class SettingsTableTest {

    private final FilterConfigReader reader = new FilterConfigReader(Map.of("AIRBYTE_CLIENT_SECRET", "s3cret")::get, name -> null);

    private static MapFilterConfig minimal() {
        return new MapFilterConfig().with("client-id", "client").with("client-secret-env", "AIRBYTE_CLIENT_SECRET")
                .with("allowed-origins", "https://app.example.com");
    }

    @Test
    void everySettingHasOneKebabCaseNameAndNoTwoSettingsShareAName() {
        Set<String> names = new HashSet<>();
        for (Setting<?> setting : Settings.ALL) {
            assertTrue(setting.key().matches("[a-z]+(-[a-z]+)*"), setting.key());
            assertTrue(names.add(setting.key()), setting.key());
            for (String alias : setting.aliases()) {
                assertTrue(names.add(alias), alias);
            }
            assertFalse(setting.description().isBlank(), setting.key());
            assertEquals(setting, Settings.named(setting.key()).orElseThrow());
        }
    }

    @Test
    void everySettingIsExactlyOneInitParamOfTheReaderAndSecretsAreOnlyNamedThere() {
        for (Setting<?> setting : Settings.ALL) {
            if (setting.secret()) {
                assertFalse(FilterConfigReader.KNOWN.contains(setting.key()), setting.key());
                assertTrue(FilterConfigReader.KNOWN.containsAll(List.of(setting.key() + "-env", setting.key() + "-property")),
                        setting.key());
            } else {
                assertTrue(FilterConfigReader.KNOWN.contains(setting.key()), setting.key());
            }
        }
    }

    @Test
    void theNamesOfThePluginAndOfSpringDeriveFromTheKey() {
        assertEquals("AIRBYTE_REQUEST_TIMEOUT", Setting.environmentVariable(Settings.REQUEST_TIMEOUT.key()));
        assertEquals("airbyte.request-timeout", Setting.systemProperty(Settings.REQUEST_TIMEOUT.key()));
        assertEquals("airbyte.embedded.request-timeout", Settings.REQUEST_TIMEOUT.springProperty());
    }

    @Test
    void anOlderNameIsReadWithOneWarningThatGivesTheNewName() {
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
        Logger logger = Logger.getLogger(FilterConfigReader.class.getName());
        logger.addHandler(handler);
        try {
            assertFalse(reader.read(minimal().with("sources.enabled", "false")).sourceRoutesEnabled());
            assertFalse(reader.read(minimal().with("sources.enabled", "false")).sourceRoutesEnabled());
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(1, warnings.size(), warnings.toString());
        String message = java.text.MessageFormat.format(warnings.get(0).getMessage(), warnings.get(0).getParameters());
        assertTrue(message.contains("'sources.enabled'") && message.contains("'source-routes'"), message);
    }

    @Test
    void theKeyWinsOverAnOlderName() {
        assertEquals("/new", reader.read(minimal().with("sources-path", "/new").with("sources.path", "/old")).sourcesPath());
    }

    @Test
    void theBuilderStartsFromTheTablesDefaults() {
        AirbyteEmbeddedConfig config = AirbyteEmbeddedConfig.builder().clientId("c").clientSecret("s")
                .allowedOrigin("https://app.example.com").build();
        assertEquals(Settings.REQUEST_TIMEOUT.defaultValue(), config.requestTimeout());
        assertEquals(Settings.SOURCES_LIST_RATE_LIMIT.defaultValue(),
                new RateLimit(config.sourcesListRateLimitEnabled(), config.sourcesListRateLimitPermits(), config.sourcesListRateLimitPeriod()));
        assertEquals(Settings.MAX_CONCURRENT_UPSTREAM_CALLS.defaultValue(), config.maxConcurrentUpstreamCalls());
    }

    @Test
    void ratesAreReadOnceForEveryReaderAndOffKeepsTheDefaults() {
        assertEquals(RateLimit.of(5, Duration.ofSeconds(30)), Settings.RATE_LIMIT.parse("5/30s"));
        assertEquals(Settings.RATE_LIMIT.defaultValue().off(), Settings.RATE_LIMIT.parse("OFF"));
        assertEquals("rate-limit", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> Settings.RATE_LIMIT.parse("10 per minute")).setting());
        assertEquals("10/1m", Settings.RATE_LIMIT.defaultText());
    }

    @Test
    void theWidgetsIntegrityAndStyleWordsAreReadOnceForEveryReader() {
        AirbyteEmbeddedConfig none = reader.read(minimal().with("widget-integrity", "none").with("widget-style-hash", "'unsafe-inline'"));
        assertFalse(none.widgetScript().integrityMissing());
        assertEquals("'unsafe-inline'", none.widgetScript().styleSource());
        assertFalse(none.widgetScript().styleHashMissing());
    }
}
