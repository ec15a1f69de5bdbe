package com.example.springbootthymeleaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.WidgetToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The example as its README runs it, on the emulator (the Spring profile dev), over HTTP: the README's
 * curl of the token route, an anonymous script's JSON 401, and the page with the widget's script and
 * policy rendered by the dialect.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "airbyte.embedded.emulator-port=0")
@ActiveProfiles("dev")
class ExampleApplicationIT {

    private static final String ORIGIN = "http://localhost:8080";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    AirbyteEmulator emulator;

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
        WidgetToken token = WidgetToken.decode(json(response).path("token").asText());
        assertEquals(ORIGIN, token.allowedOrigin());
        assertEquals("alice", emulator.workspaces().get(0).name());
        assertEquals(emulator.workspaces().get(0).id(), token.workspaceId());
    }

    @Test
    void anAnonymousScriptGetsTheJson401NotTheLoginPage() throws Exception {
        HttpResponse<String> response = send(request("/api/airbyte/widget-token")
                .header("Origin", ORIGIN).POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(401, response.statusCode());
        assertEquals("unauthenticated", json(response).path("error").asText());
        assertEquals(0, emulator.calls().size());
    }

    @Test
    void thePageHasTheWidgetsScriptsItsPolicyAndTheButton() throws Exception {
        HttpResponse<String> page = send(signedIn(request("/"), "alice").GET());

        assertEquals(200, page.statusCode(), page.body());
        assertFalse(page.body().contains("airbyte:"), "the dialect rendered every airbyte: tag: " + page.body());
        assertTrue(page.body().contains(emulator.baseUri() + "/npm/"), "the emulator's widget script: " + page.body());
        assertTrue(page.body().contains("data-airbyte-connect"), page.body());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains(emulator.widgetPageOrigin()), "the widget's frame is allowed: " + policy);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest.Builder signedIn(HttpRequest.Builder request, String user) {
        String credentials = Base64.getEncoder().encodeToString((user + ":password").getBytes(StandardCharsets.UTF_8));
        return request.header("Authorization", "Basic " + credentials);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
