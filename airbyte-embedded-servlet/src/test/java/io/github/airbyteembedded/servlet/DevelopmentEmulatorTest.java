package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.internal.settings.MapFilterConfig;
import io.github.airbyteembedded.servlet.internal.upstream.Json;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code emulator} init-param: an in-process emulator for development, from the testkit. */
class DevelopmentEmulatorTest {

    private static MapFilterConfig development() {
        return new MapFilterConfig().with("emulator", "true").with("allowed-origins", "http://localhost:8080");
    }

    private static int status(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void emulatorTrueStartsAnEmulatorAndTakesTheApiBaseCredentialsCdnIntegrityAndStyleHashFromIt() throws Exception {
        AirbyteEmbeddedFilter filter = new AirbyteEmbeddedFilter();
        filter.init(development());
        AirbyteEmbeddedConfig config = filter.airbyteEmbedded().config();
        try {
            URI api = config.apiBaseUri();
            assertEquals("127.0.0.1", api.getHost());
            assertEquals(200, status(URI.create(api + "/_emulator/info")));
            assertEquals(AirbyteEmulator.DEFAULT_CLIENT_ID, config.clientId());
            assertEquals(AirbyteEmulator.DEFAULT_CLIENT_SECRET, config.clientSecret().reveal());
            assertEquals(api + "/npm", config.widgetScript().cdnBase());
            assertEquals(Optional.of(AirbyteEmulator.widgetScriptIntegrity()), config.widgetScript().integrity());
            assertEquals("'" + AirbyteEmulator.widgetStyleCspHash() + "'", config.widgetScript().styleSource());
            String info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/_emulator/info")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String pageOrigin = Json.MAPPER.readTree(info).path("widget_page_origin").asText();
            assertEquals(Optional.of(pageOrigin), config.widgetPageOrigin(), "the frame-src names the emulator's widget page origin");
            assertEquals(pageOrigin, filter.airbyteEmbedded().widgetPageOrigin());
        } finally {
            filter.destroy();
        }
        assertThrows(IOException.class, () -> status(URI.create(config.apiBaseUri() + "/_emulator/info")),
                "destroy() stops the emulator");
    }

    @Test
    void emulatorTrueOverridesTheSettingsThatPointAtAirbyte() throws Exception {
        AirbyteEmbeddedFilter filter = new AirbyteEmbeddedFilter();
        filter.init(development().with("client-id", "production-client").with("client-secret-env", "UNSET_VARIABLE_XYZ")
                .with("api-base-url", "https://api.airbyte.ai").with("widget-integrity", "sha384-" + "A".repeat(64)));
        try {
            AirbyteEmbeddedConfig config = filter.airbyteEmbedded().config();
            assertEquals(AirbyteEmulator.DEFAULT_CLIENT_ID, config.clientId());
            assertEquals("127.0.0.1", config.apiBaseUri().getHost());
            assertEquals(Optional.of(AirbyteEmulator.widgetScriptIntegrity()), config.widgetScript().integrity());
        } finally {
            filter.destroy();
        }
    }

    @Test
    void emulatorTrueIsRefusedWhenTheTestkitIsNotOnTheClassPath() {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader withoutTestkit = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(withoutTestkit);
            ServletException e = assertThrows(ServletException.class, () -> new AirbyteEmbeddedFilter().init(development()));
            AirbyteEmbeddedConfigException cause = assertInstanceOf(AirbyteEmbeddedConfigException.class, e.getCause());
            assertEquals("emulator", cause.setting());
            assertTrue(cause.getMessage().contains("airbyte-embedded-testkit"), cause.getMessage());
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void emulatorIsOffByDefaultAndMustBeTrueOrFalse() throws Exception {
        MapFilterConfig production = new MapFilterConfig().with("client-id", "c").with("client-secret-property", "java.version")
                .with("allowed-origins", "https://app.example.com");
        AirbyteEmbeddedFilter filter = new AirbyteEmbeddedFilter();
        filter.init(production);
        assertEquals("https://api.airbyte.ai", filter.airbyteEmbedded().config().apiBaseUri().toString());
        filter.destroy();

        ServletException e = assertThrows(ServletException.class,
                () -> new AirbyteEmbeddedFilter().init(production.with("emulator", "yes")));
        assertEquals("emulator", ((AirbyteEmbeddedConfigException) e.getCause()).setting());
    }

    @Test
    void aSettingThatFailsAfterTheEmulatorStartedStillFailsTheFilter() {
        ServletException e = assertThrows(ServletException.class,
                () -> new AirbyteEmbeddedFilter().init(development().with("allowed-origins", "null")));
        assertEquals("allowed-origins", ((AirbyteEmbeddedConfigException) e.getCause()).setting());
    }
}
