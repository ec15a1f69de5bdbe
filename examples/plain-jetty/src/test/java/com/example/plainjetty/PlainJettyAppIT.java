package com.example.plainjetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.WidgetToken;
import io.github.airbyteembedded.testkit.browser.BrowserExtension;
import io.github.airbyteembedded.testkit.browser.BrowserSession;
import io.github.airbyteembedded.testkit.browser.EmulatorWidgetFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example as its README runs it against the emulator, with the emulator's settings in its
 * environment: the README's curl of the token route, an anonymous request refused, the page's script
 * and policy, and in headless Chromium a click on the button that opens the emulator's widget.
 */
@ExtendWith(BrowserExtension.class)
class PlainJettyAppIT {

    private static final int PORT = freePort();
    private static final String ORIGIN = "http://localhost:" + PORT;

    private static AirbyteEmulator emulator;
    private static Server app;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        emulator = AirbyteEmulator.builder().build().start();
        app = PlainJettyApp.start(Map.of(
                "AIRBYTE_CLIENT_ID", emulator.clientId(),
                "AIRBYTE_CLIENT_SECRET", AirbyteEmulator.DEFAULT_CLIENT_SECRET,
                "AIRBYTE_ALLOWED_ORIGINS", ORIGIN,
                "AIRBYTE_API_BASE_URL", emulator.baseUri().toString(),
                "AIRBYTE_WIDGET_CDN_BASE", emulator.baseUri() + "/npm"), PORT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void startClean() {
        emulator.reset();
    }

    @Test
    void theReadmesCurlGivesAliceAWidgetTokenForHerOwnWorkspace() throws Exception {
        HttpResponse<String> response = send(signedIn(request("/api/airbyte/widget-token"), "alice")
                .header("Origin", ORIGIN).POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        WidgetToken token = WidgetToken.decode(new ObjectMapper().readTree(response.body()).path("token").asText());
        assertEquals(ORIGIN, token.allowedOrigin());
        assertEquals("alice", emulator.workspaces().get(0).name());
    }

    @Test
    void anAnonymousRequestIsRefusedBeforeAnyCallToAirbyte() throws Exception {
        HttpResponse<String> response = send(request("/api/airbyte/widget-token")
                .header("Origin", ORIGIN).POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(401, response.statusCode());
        assertEquals(0, emulator.calls().size());
    }

    @Test
    void thePageHasTheWidgetsScriptsItsPolicyAndTheButton() throws Exception {
        HttpResponse<String> page = send(signedIn(request("/"), "bob").GET());

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains(emulator.baseUri() + "/npm/"), "the emulator's widget script: " + page.body());
        assertTrue(page.body().contains("<span id=\"user-name\">bob</span>"), page.body());
        assertTrue(page.body().contains("data-airbyte-connect"), page.body());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains(emulator.widgetPageOrigin()), "the widget's frame is allowed: " + policy);
    }

    @Test
    void aliceClicksTheButtonAndTheEmulatorsWidgetOpens(BrowserSession browser) {
        try (BrowserContext context = browser.browser().newContext(new Browser.NewContextOptions()
                .setHttpCredentials("alice", "password"))) {
            context.setDefaultTimeout(20_000);
            Page page = context.newPage();
            List<String> console = new CopyOnWriteArrayList<>();
            page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));

            page.navigate(ORIGIN + "/");
            assertEquals("alice", page.textContent("#user-name"));
            page.click("#connect");
            EmulatorWidgetFrame.in(page).awaitReady();

            assertEquals("alice", emulator.workspaces().get(0).name());
            assertFalse(console.stream().anyMatch(line -> line.contains("Content Security Policy")), String.join("\n", console));
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(ORIGIN + path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest.Builder signedIn(HttpRequest.Builder request, String user) {
        String credentials = Base64.getEncoder().encodeToString((user + ":password").getBytes(StandardCharsets.UTF_8));
        return request.header("Authorization", "Basic " + credentials);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
