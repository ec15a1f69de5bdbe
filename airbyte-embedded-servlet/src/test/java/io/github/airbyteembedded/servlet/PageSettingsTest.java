package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.internal.settings.FilterConfigReader;
import io.github.airbyteembedded.servlet.internal.settings.MapFilterConfig;
import io.github.airbyteembedded.servlet.internal.settings.PageSettings;
import io.github.airbyteembedded.servlet.internal.upstream.Secret;
import io.github.airbyteembedded.servlet.internal.upstream.WidgetToken;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The page side's settings: web.xml init-params, startup warnings, and the widget page origin. */
final class PageSettingsTest {

    private static final String HASH = "sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC";

    private final Logger logger = Logger.getLogger(PageSettings.class.getName());
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
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

    @BeforeEach
    void captureLog() {
        logger.addHandler(handler);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(handler);
    }

    private static AirbyteEmbeddedConfig.Builder config() {
        return AirbyteEmbeddedConfig.builder().clientId("client").clientSecret("secret").allowedOrigin("https://app.example.com");
    }

    private static AirbyteEmbeddedConfig read(Map<String, String> params) {
        MapFilterConfig filterConfig = new MapFilterConfig().with("client-id", "c").with("client-secret-env", "SECRET")
                .with("allowed-origins", "https://app.example.com");
        params.forEach(filterConfig::with);
        return new FilterConfigReader(Map.of("SECRET", "s")::get, name -> null).read(filterConfig);
    }

    private static String message(LogRecord record) {
        return record.getParameters() == null ? record.getMessage()
                : java.text.MessageFormat.format(record.getMessage(), record.getParameters());
    }

    @Test
    void startsWithOneWarningThatSaysHowToGetTheHashWhenTheCdnScriptHasNone() {
        AirbyteEmbedded airbyte = AirbyteEmbedded.create(config().build());

        airbyte.startPage(null);
        airbyte.startPage(null);

        assertEquals(1, warnings.size(), warnings.toString());
        String text = message(warnings.get(0));
        assertTrue(text.contains("npm pack @airbyte-embedded/airbyte-embedded-widget@0.4.5"), text);
        assertTrue(text.contains("openssl dgst -sha384 -binary package/dist/airbyte-embedded-widget.iife.js"), text);
        assertTrue(text.contains("widget-integrity=none"), text);
    }

    @Test
    void startsQuietlyWithAHashOrWhenIntegrityIsTurnedOff() {
        AirbyteEmbedded.create(config().widgetScript(WidgetScript.builder().integrity(HASH).build()).build()).startPage(null);
        AirbyteEmbedded.create(config().widgetScript(WidgetScript.builder().withoutIntegrity().build()).build()).startPage(null);
        assertEquals(List.of(), warnings);
    }

    @Test
    void warnsWhenNoStyleHashIsKnownForTheVersion() {
        AirbyteEmbedded.create(config().widgetScript(WidgetScript.builder().version("0.4.6").integrity(HASH).build()).build())
                .startPage(null);
        assertEquals(1, warnings.size());
        assertTrue(message(warnings.get(0)).contains("widget-style-hash"));
    }

    @Test
    void readsTheWidgetInitParams() {
        AirbyteEmbeddedConfig config = read(Map.of("widget-version", "0.4.4", "widget-cdn-base", "/vendor",
                "widget-integrity", HASH, "widget-style-hash", "sha256-abc=", "widget-page-origin", "https://widgets.example.com",
                "add-content-security-policy", "true"));

        assertEquals("0.4.4", config.widgetScript().version());
        assertEquals("/vendor", config.widgetScript().cdnBase());
        assertEquals(Optional.of(HASH), config.widgetScript().integrity());
        assertEquals("'sha256-abc='", config.widgetScript().styleSource());
        assertEquals(Optional.of("https://widgets.example.com"), config.widgetPageOrigin());
        assertTrue(config.addContentSecurityPolicy());
        assertEquals(config.widgetScript(), config.toBuilder().build().widgetScript());
        assertTrue(config.toBuilder().build().addContentSecurityPolicy());
    }

    @Test
    void readsComputeAndNoneAndRefusesRangesInWebXml() {
        assertFalse(read(Map.of("widget-integrity", "none")).widgetScript().integrityMissing());
        assertEquals("'unsafe-inline'", read(Map.of("widget-style-hash", "unsafe-inline")).widgetScript().styleSource());
        assertTrue(read(Map.of("widget-cdn-base", "/vendor", "widget-integrity", "compute")).widgetScript().integrity().isEmpty());
        assertEquals("widget-version", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> read(Map.of("widget-version", "latest"))).setting());
        assertEquals("add-content-security-policy", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> read(Map.of("add-content-security-policy", "yes"))).setting());
        assertFalse(read(Map.of()).addContentSecurityPolicy(), "off unless asked for");
    }

    @Test
    void learnsTheWidgetPageOriginFromMintedTokensAndWarnsWhenItDiffers() {
        AirbyteEmbedded airbyte = AirbyteEmbedded.create(config().build());
        assertEquals("https://app.airbyte.ai", airbyte.widgetPageOrigin());

        airbyte.pageSettings().learnFrom(token("https://app.airbyte.ai/quick-start/widget?workspaceId=1"));
        assertEquals(List.of(), warnings);

        airbyte.pageSettings().learnFrom(token("https://EU.app.airbyte.ai:443/widget?workspaceId=1"));
        assertEquals("https://eu.app.airbyte.ai", airbyte.widgetPageOrigin());
        assertEquals(1, warnings.size());
        assertTrue(message(warnings.get(0)).contains("widget-page-origin=https://eu.app.airbyte.ai"), message(warnings.get(0)));
    }

    @Test
    void keepsAConfiguredWidgetPageOrigin() {
        AirbyteEmbedded airbyte = AirbyteEmbedded.create(config().widgetPageOrigin("https://widgets.example.com").build());
        airbyte.pageSettings().learnFrom(token("https://app.airbyte.ai/widget"));
        assertEquals("https://widgets.example.com", airbyte.widgetPageOrigin());
        assertEquals(1, warnings.size());
    }

    private static WidgetToken token(String widgetUrl) {
        return new WidgetToken(Secret.of("opaque"), Instant.parse("2026-11-24T10:00:00Z"), URI.create(widgetUrl));
    }
}
