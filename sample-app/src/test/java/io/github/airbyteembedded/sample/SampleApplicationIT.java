package io.github.airbyteembedded.sample;

import static io.github.airbyteembedded.sample.SampleHttp.ORIGIN;
import static io.github.airbyteembedded.sample.SampleHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.WidgetToken;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sample on a random port, with its emulator on another, over HTTP: the README's curl, the
 * security wiring that the auto-configuration and the app's chain give together, the home page's
 * policy and list, disconnecting, and the actuator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "airbyte.embedded.emulator-port=0")
class SampleApplicationIT {

    private static final Pattern SCRIPT_NONCE = Pattern.compile("<script [^>]*nonce=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    AirbyteEmulator emulator;

    private SampleHttp http;

    @BeforeEach
    void resetEmulator() {
        emulator.reset();
        http = new SampleHttp(port);
    }

    private HttpRequest.Builder tokenRequest(String user) {
        HttpRequest.Builder request = http.request("/api/airbyte/widget-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"bob\"}"));
        return user == null ? request : SampleHttp.basic(request, user);
    }

    @Test
    void readmeCurlGivesAliceATokenForHerWorkspaceWhateverTheBodySays() {
        HttpResponse<String> response = http.send(tokenRequest("alice").header("Origin", ORIGIN));

        assertEquals(200, response.statusCode(), response.body());
        WidgetToken token = WidgetToken.decode(json(response).path("token").asText());
        assertEquals(ORIGIN, token.allowedOrigin());
        List<String> names = emulator.workspaces().stream().map(w -> w.name()).toList();
        assertEquals(List.of("alice"), names);
        assertEquals(emulator.workspaces().get(0).id(), token.workspaceId());

        HttpResponse<String> state = http.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/_emulator/state")));
        assertTrue(state.body().contains("\"alice\""), state.body());
        assertFalse(state.body().contains("\"bob\""), state.body());
    }

    @Test
    void anonymousRequestGetsTheFiltersJson401NotALoginRedirect() {
        HttpResponse<String> response = http.send(tokenRequest(null).header("Origin", ORIGIN).header("Accept", "text/html"));
        assertEquals(401, response.statusCode());
        assertEquals("unauthenticated", json(response).path("error").asText());
        assertFalse(response.headers().firstValue("Location").isPresent());
        assertEquals(0, emulator.calls().size());
    }

    @Test
    void crossSitePostWithValidCredentialsIsRefusedByTheOriginCheckBeforeAnyUpstreamCall() {
        HttpResponse<String> response = http.send(tokenRequest("alice").header("Origin", "https://evil.example"));
        assertEquals(403, response.statusCode());
        assertEquals("origin_not_allowed", json(response).path("error").asText());
        assertEquals(0, emulator.calls().size());
    }

    @Test
    void pagesNeedASignedInUserWhileTheLoginPageAndItsStylesheetArePublic() {
        HttpResponse<String> home = http.send(http.request("/").header("Accept", "text/html"));
        assertEquals(302, home.statusCode());
        assertTrue(home.headers().firstValue("Location").orElse("").endsWith("/login"), home.headers().toString());

        HttpResponse<String> login = http.send(http.request("/login").header("Accept", "text/html"));
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("name=\"_csrf\""), "the form carries the CSRF token");
        assertEquals(200, http.send(http.request("/css/app.css")).statusCode());

        for (String path : List.of("/sources", "/js/home.js", "/actuator/metrics")) {
            assertEquals(401, http.send(http.request(path)).statusCode(), path);
        }
        assertEquals(200, http.send(http.request("/js/home.js", "bob")).statusCode());

        HttpResponse<String> refresh = http.send(http.request("/sources").header("Accept", "text/html")
                .header("X-Requested-With", "XMLHttpRequest"));
        assertEquals(401, refresh.statusCode(), "the page's refresh after the session ended");
        assertFalse(refresh.headers().firstValue("Location").isPresent());
        assertFalse(refresh.headers().firstValue("WWW-Authenticate").isPresent(), "no browser sign-in prompt");
    }

    @Test
    void everyResponseHasOnePolicyAndTheHomePageMergesTheWidgetsNeedsWithItsNonceIntoIt() {
        HttpResponse<String> login = http.send(http.request("/login"));
        assertEquals(List.of(SampleSecurityConfiguration.CONTENT_SECURITY_POLICY),
                login.headers().allValues("Content-Security-Policy"));

        HttpResponse<String> home = http.send(http.request("/", "alice").header("Accept", "text/html"));
        assertEquals(200, home.statusCode(), home.body());
        List<String> policies = home.headers().allValues("Content-Security-Policy");
        assertEquals(1, policies.size(), policies.toString());
        String policy = policies.get(0);

        List<String> nonces = new ArrayList<>();
        Matcher matcher = SCRIPT_NONCE.matcher(home.body());
        while (matcher.find()) {
            nonces.add(matcher.group(1));
        }
        assertEquals(3, nonces.size(), "the widget script, the bootstrap script and the page's own script: " + nonces);
        assertEquals(1, nonces.stream().distinct().count(), nonces.toString());
        assertTrue(policy.contains("script-src 'nonce-" + nonces.get(0) + "' " + emulator.widgetScriptUri()), policy);
        assertTrue(policy.contains("frame-src " + emulator.widgetPageOrigin() + ";"), "the widget page's own origin: " + policy);
        assertTrue(policy.contains(AirbyteEmulator.widgetStyleCspHash()), policy);
        assertTrue(policy.contains("frame-ancestors 'none'") && policy.contains("object-src 'none'"), "the application's own directives: " + policy);
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);

        HttpResponse<String> again = http.send(http.request("/", "alice").header("Accept", "text/html"));
        assertFalse(again.headers().firstValue("Content-Security-Policy").orElseThrow().contains(nonces.get(0)), "a new nonce per request");
    }

    @Test
    void theHomePageListsTheSignedInUsersOwnSourcesOnly() {
        String alices = SampleHttp.createGitHubSource(emulator, "alice");

        HttpResponse<String> alice = http.send(http.request("/", "alice").header("Accept", "text/html"));
        assertTrue(alice.body().contains("data-source-id=\"" + alices + "\""), alice.body());
        assertTrue(alice.body().contains("Connected just now"), alice.body());
        HttpResponse<String> fragment = http.send(http.request("/sources", "alice").header("Accept", "text/html"));
        assertEquals(200, fragment.statusCode());
        assertTrue(fragment.body().startsWith("<div id=\"sources\""), fragment.body());
        assertTrue(fragment.body().contains(alices), fragment.body());

        HttpResponse<String> bob = http.send(http.request("/", "bob").header("Accept", "text/html"));
        assertFalse(bob.body().contains(alices), bob.body());
        assertTrue(bob.body().contains("No data sources yet"), bob.body());
    }

    @Test
    void bobCannotDisconnectAlicesSourceAndAliceCan() {
        String alices = SampleHttp.createGitHubSource(emulator, "alice");

        HttpResponse<String> bob = http.send(http.request("/api/airbyte/sources/" + alices, "bob")
                .header("Origin", ORIGIN).DELETE());
        assertEquals(404, bob.statusCode(), bob.body());
        assertEquals("source_not_found", json(bob).path("error").asText());
        assertEquals(1, emulator.workspace("alice").orElseThrow().sources().size(), "nothing was deleted");

        HttpResponse<String> alice = http.send(http.request("/api/airbyte/sources/" + alices, "alice")
                .header("Origin", ORIGIN).DELETE());
        assertEquals(204, alice.statusCode(), alice.body());
        assertEquals(0, emulator.workspace("alice").orElseThrow().sources().size());
    }

    @Test
    void healthShowsTheAirbyteComponentToEveryoneAndItsDetailsOnlyToSignedInUsers() {
        HttpResponse<String> anonymous = http.send(http.request("/actuator/health"));
        assertEquals(200, anonymous.statusCode(), anonymous.body());
        JsonNode component = json(anonymous).path("components").path("airbyteEmbedded");
        assertEquals("UP", component.path("status").asText(), anonymous.body());
        assertTrue(component.path("details").isMissingNode(), anonymous.body());

        HttpResponse<String> signedIn = http.send(http.request("/actuator/health", "bob"));
        JsonNode details = json(signedIn).path("components").path("airbyteEmbedded").path("details");
        assertEquals("available", details.path("operatorToken").asText(), signedIn.body());
        assertEquals(emulator.baseUri().toString().replaceAll("/$", ""), details.path("apiBaseUrl").asText().replaceAll("/$", ""));
        assertFalse(signedIn.body().contains(AirbyteEmulator.DEFAULT_CLIENT_SECRET), signedIn.body());
        assertFalse(signedIn.body().contains("eyJ"), "no token in " + signedIn.body());
    }

    @Test
    void metricsShowTheTokenRoutesTimerToSignedInUsersAfterRequests() {
        assertEquals(200, http.send(tokenRequest("alice").header("Origin", ORIGIN)).statusCode());
        assertEquals(403, http.send(tokenRequest("alice").header("Origin", "https://evil.example")).statusCode());

        assertEquals(401, http.send(http.request("/actuator/metrics/airbyte.embedded.token")).statusCode());
        HttpResponse<String> names = http.send(http.request("/actuator/metrics", "bob"));
        assertEquals(200, names.statusCode(), names.body());
        List<String> metrics = new ArrayList<>();
        json(names).path("names").forEach(name -> metrics.add(name.asText()));
        assertTrue(metrics.containsAll(List.of("airbyte.embedded.token", "airbyte.embedded.upstream")), metrics.toString());

        HttpResponse<String> timer = http.send(http.request("/actuator/metrics/airbyte.embedded.token", "bob"));
        assertEquals(200, timer.statusCode(), timer.body());
        List<String> outcomes = new ArrayList<>();
        double count = 0;
        for (JsonNode tag : json(timer).path("availableTags")) {
            if (tag.path("tag").asText().equals("outcome")) {
                tag.path("values").forEach(value -> outcomes.add(value.asText()));
            }
        }
        for (JsonNode measurement : json(timer).path("measurements")) {
            if (measurement.path("statistic").asText().equals("COUNT")) {
                count = measurement.path("value").asDouble();
            }
        }
        assertTrue(outcomes.containsAll(List.of("ok", "origin_not_allowed")), outcomes.toString());
        assertTrue(count >= 2, timer.body());
    }
}
