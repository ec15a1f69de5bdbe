package io.github.airbyteembedded.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.WidgetToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** The sample app on a random port with its emulator on another: the README's curl, and the security wiring. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.emulator.port=0")
@DirtiesContext
class SampleApplicationIT {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String TOKEN_CALL = "POST /api/v1/account/applications/token";

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    AirbyteEmulator emulator;

    @BeforeEach
    void resetEmulator() {
        emulator.reset();
    }

    private HttpRequest.Builder tokenRequest(String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/airbyte/widget-token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"bob\"}"));
        if (user != null) {
            String credentials = Base64.getEncoder().encodeToString((user + ":password").getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + credentials);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readmeCurlGivesAliceATokenForHerWorkspaceWhateverTheBodySays() throws Exception {
        HttpResponse<String> response = send(tokenRequest("alice").header("Origin", ORIGIN).build());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = mapper.readTree(response.body());
        WidgetToken token = WidgetToken.decode(body.path("token").asText());
        assertTrue(token.widgetUrl().toString().contains("allowedOrigin=" + java.net.URLEncoder.encode(ORIGIN, StandardCharsets.UTF_8))
                || token.widgetUrl().toString().contains("allowedOrigin=" + ORIGIN), token.widgetUrl().toString());
        assertEquals(ORIGIN, token.allowedOrigin());
        List<String> names = emulator.workspaces().stream().map(w -> w.name()).toList();
        assertEquals(List.of("alice"), names);
        assertEquals(emulator.workspaces().get(0).id(), token.workspaceId());

        HttpResponse<String> state = send(HttpRequest.newBuilder(emulator.baseUri().resolve("/_emulator/state")).build());
        assertTrue(state.body().contains("\"alice\""), state.body());
        assertFalse(state.body().contains("\"bob\""), state.body());
    }

    @Test
    void anonymousRequestGetsTheFiltersJson401NotALoginRedirect() throws Exception {
        HttpResponse<String> response = send(tokenRequest(null).header("Origin", ORIGIN).build());
        assertEquals(401, response.statusCode());
        assertEquals("unauthenticated", mapper.readTree(response.body()).path("error").asText());
        assertEquals(0, emulator.calls().size());
    }

    @Test
    void crossSitePostWithValidCredentialsIsRefusedByTheOriginCheckBeforeAnyUpstreamCall() throws Exception {
        HttpResponse<String> response = send(tokenRequest("alice").header("Origin", "https://evil.example").build());
        assertEquals(403, response.statusCode());
        assertEquals("origin_not_allowed", mapper.readTree(response.body()).path("error").asText());
        assertEquals(0, emulator.calls().size());
    }

    @Test
    void otherPagesStillRequireLoginWithTheFormForBrowsers() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .header("Accept", "text/html").build());
        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElse("").endsWith("/login"));
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/index.html"))
                .header("Authorization", tokenRequest("bob").build().headers().firstValue("Authorization").orElseThrow())
                .build());
        assertEquals(200, signedIn.statusCode());
    }
}
