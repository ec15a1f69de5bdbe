package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.airbyteembedded.servlet.internal.upstream.Json;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routes when Airbyte misbehaves after its status line or sends bad data: a body that stalls or
 * trickles, a huge or truncated body, wrong JSON types, values out of range. Each ends within the
 * call's deadline as a 502 or 504, never a 500, never a wedged integration.
 */
final class MisbehavingUpstreamIT {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String TOKEN_CALL = "POST /api/v1/account/applications/token";
    private static final String WIDGET_CALL = "POST /api/v1/account/applications/widget-token";
    private static final String LIST_CALL = "GET /api/v1/integrations/connectors";
    /** A guard so that a request that never ends fails the test instead of hanging the build; not a speed assertion. */
    private static final long GUARD_SECONDS = 30;
    /** Deadline of calls to Airbyte in tests that make one time out: long enough for a healthy loopback call. */
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

    private AirbyteEmulator emulator;
    private ScriptedUpstream scripted;
    private AirbyteEmbedded airbyte;
    private TestWebApp app;

    @BeforeEach
    void startEmulator() {
        emulator = AirbyteEmulator.builder().build().start();
    }

    @AfterEach
    void stop() throws Exception {
        emulator.faults().clear();
        if (app != null) {
            app.close();
        }
        emulator.close();
        if (scripted != null) {
            scripted.close();
        }
    }

    private void start(URI apiBaseUri, UnaryOperator<AirbyteEmbeddedConfig.Builder> change) throws Exception {
        airbyte = AirbyteEmbedded.create(change.apply(AirbyteEmbeddedConfig.builder()
                .apiBaseUri(apiBaseUri)
                .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                .allowedOrigin(ORIGIN)
                .disableRateLimit()).build());
        app = TestWebApp.start(airbyte, 50);
    }

    private void start(UnaryOperator<AirbyteEmbeddedConfig.Builder> change) throws Exception {
        start(emulator.baseUri(), change);
    }

    private HttpResponse<String> token(String user) throws Exception {
        return app.requestToken(user, ORIGIN, "{}");
    }

    private HttpResponse<String> sources(String user) throws Exception {
        return app.send(HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_SOURCES_PATH))
                .header(TestWebApp.USER_HEADER, user).GET().build());
    }

    private static String error(HttpResponse<String> response) throws Exception {
        JsonNode body = Json.MAPPER.readTree(response.body());
        return body.path("error").asText();
    }

    private static void assertUpstreamError(HttpResponse<String> response) throws Exception {
        assertEquals(502, response.statusCode(), response.body());
        assertEquals("upstream_error", error(response));
        assertNull(response.headers().firstValue("Retry-After").orElse(null));
    }

    /* ---------------- one deadline for headers and body ---------------- */

    @Test
    void aStalledOperatorTokenBodyGives504AndTheNextRequestStartsAFreshFetch() throws Exception {
        start(b -> b.requestTimeout(SHORT_TIMEOUT));
        emulator.faults().add(Fault.stallBody(TOKEN_CALL).times(1));

        HttpResponse<String> stalled = token("alice");
        assertEquals(504, stalled.statusCode(), stalled.body());
        assertEquals("upstream_timeout", error(stalled));

        HttpResponse<String> next = token("bob");
        assertEquals(200, next.statusCode(), "the timed-out fetch was evicted, not shared with later requests: " + next.body());
        assertEquals(2, emulator.callCount(TOKEN_CALL));
    }

    @Test
    void theHealthCheckAnswersDownWhileTheOperatorTokenBodyStallsAndUpOnceAirbyteIsHealthy() throws Exception {
        start(b -> b.requestTimeout(SHORT_TIMEOUT));
        emulator.faults().add(Fault.stallBody(TOKEN_CALL));

        OperatorTokenStatus down = airbyte.checkOperatorToken().get(GUARD_SECONDS, TimeUnit.SECONDS);

        assertFalse(down.available());
        assertEquals(ErrorCode.UPSTREAM_TIMEOUT, down.error().orElseThrow());
        // The check stops waiting at the request timeout; the fetch it started ends at its own deadline, a
        // moment later, and a request made before then shares that fetch and its failure (one fetch at a time).
        Await.until("the check's fetch has ended (its failure remembered, answered at once)",
                () -> airbyte.checkOperatorToken().isDone(), Duration.ofSeconds(GUARD_SECONDS));
        emulator.faults().clear();
        assertEquals(200, token("alice").statusCode());
        assertTrue(airbyte.checkOperatorToken().get(GUARD_SECONDS, TimeUnit.SECONDS).available());
    }

    @Test
    void theHealthCheckAnswersWithinTheRequestTimeoutWhileTheFetchIsStillRetrying() throws Exception {
        start(b -> b.requestTimeout(Duration.ofMillis(200)));
        emulator.faults().add(Fault.status(TOKEN_CALL, 503).retryAfterSeconds(1)); // two retries, a second apart

        OperatorTokenStatus status = airbyte.checkOperatorToken().get(GUARD_SECONDS, TimeUnit.SECONDS);

        assertFalse(status.available());
        assertEquals(ErrorCode.UPSTREAM_TIMEOUT, status.error().orElseThrow(), "the fetch, still retrying, would say upstream_unavailable");
    }

    @Test
    void aTricklingWidgetTokenBodyGives504AndItsConnectionIsClosed() throws Exception {
        start(b -> b.requestTimeout(SHORT_TIMEOUT));
        emulator.faults().add(Fault.slowBody(WIDGET_CALL, Duration.ofMillis(100)));

        HttpResponse<String> response = token("alice");

        assertEquals(504, response.statusCode(), response.body());
        assertEquals("upstream_timeout", error(response));
        Await.until("the emulator stops trickling because the connection was closed", () -> emulator.faults().heldCalls() == 0,
                Duration.ofSeconds(GUARD_SECONDS));
        assertEquals(1, emulator.callCount(WIDGET_CALL), "a timeout is not repeated");
    }

    /* ---------------- capped and broken bodies ---------------- */

    @Test
    void aHugeErrorBodyGives502() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.hugeBody(WIDGET_CALL, 500, 64L * 1024 * 1024));
        assertUpstreamError(token("alice"));
        emulator.faults().clear();
        assertEquals(200, token("alice").statusCode());
    }

    @Test
    void aHugeSuccessBodyGives502() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.hugeBody(WIDGET_CALL, 2L * 1024 * 1024));
        assertUpstreamError(token("alice"));
    }

    @Test
    void aTruncatedBodyGives502() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.truncated(WIDGET_CALL));
        assertUpstreamError(token("alice"));
    }

    /* ---------------- bad data is a 502, never a 500 ---------------- */

    @Test
    void wrongTypesInTheOperatorTokenOrTheWidgetTokenGive502() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.wrongTypes(TOKEN_CALL).times(1));
        assertUpstreamError(token("alice"));
        emulator.faults().add(Fault.wrongTypes(WIDGET_CALL).times(1));
        assertUpstreamError(token("alice"));
        assertEquals(200, token("alice").statusCode());
    }

    @Test
    void wrongTypesInTheSourcesListGive502InsteadOfAnEmptyList() throws Exception {
        start(b -> b);
        assertEquals(200, token("alice").statusCode()); // creates the workspace
        createSource("alice");
        assertEquals(1, Json.MAPPER.readTree(sources("alice").body()).path("sources").size());

        emulator.faults().add(Fault.wrongTypes(LIST_CALL));

        assertUpstreamError(sources("alice"));
    }

    @Test
    void aWidgetTokenWhoseExpiryIsBeyondWhatAnInstantHoldsGetsTheDocumentedLifetimeNot500() throws Exception {
        scripted = ScriptedUpstream.start((request, out) -> request.contains("/widget-token")
                ? ScriptedUpstream.json(out, 200, "{\"token\":\"" + widgetToken("9000000000000000000") + "\"}")
                : ScriptedUpstream.json(out, 200, "{\"access_token\":\"operator\",\"token_type\":\"bearer\",\"expires_in\":900}"));
        start(scripted.baseUri(), b -> b);
        java.time.Instant before = java.time.Instant.now();

        HttpResponse<String> response = token("alice");

        assertEquals(200, response.statusCode(), response.body());
        java.time.Instant expiresAt = java.time.Instant.parse(Json.MAPPER.readTree(response.body()).path("expiresAt").asText());
        assertFalse(expiresAt.isBefore(before.plus(Duration.ofMinutes(20))), expiresAt.toString());
        assertTrue(expiresAt.isBefore(before.plus(Duration.ofMinutes(21))), expiresAt.toString());
    }

    /* ---------------- the Retry-After contract ---------------- */

    @Test
    void every503CarriesRetryAfterAndNo502Or504Does() throws Exception {
        start(b -> b.requestTimeout(SHORT_TIMEOUT).maxConcurrentUpstreamCalls(1).maxQueuedUpstreamCalls(0));
        assertEquals(200, token("alice").statusCode()); // the operator token is cached from here on
        record Case(Fault fault, int status, String error, String retryAfter) {
        }
        for (Case c : java.util.List.of(
                new Case(Fault.status(WIDGET_CALL, 500), 502, "upstream_error", null),
                new Case(Fault.status(WIDGET_CALL, 403), 502, "upstream_credentials_rejected", null),
                new Case(Fault.malformed(WIDGET_CALL), 502, "upstream_error", null),
                new Case(Fault.truncated(WIDGET_CALL), 502, "upstream_error", null),
                new Case(Fault.hugeBody(WIDGET_CALL, 500, 1024 * 1024), 502, "upstream_error", null),
                new Case(Fault.wrongTypes(WIDGET_CALL), 502, "upstream_error", null),
                new Case(Fault.reset(WIDGET_CALL), 502, "upstream_error", null),
                new Case(Fault.status(WIDGET_CALL, 503), 503, "upstream_unavailable", "5"),
                new Case(Fault.status(WIDGET_CALL, 502).retryAfterSeconds(7), 503, "upstream_unavailable", "7"),
                new Case(Fault.status(WIDGET_CALL, 429), 503, "upstream_rate_limited", "5"),
                new Case(Fault.stallBody(WIDGET_CALL), 504, "upstream_timeout", null),
                new Case(Fault.hang(WIDGET_CALL), 504, "upstream_timeout", null))) {
            emulator.faults().clear();
            emulator.faults().add(c.fault());
            HttpResponse<String> response = token("alice");
            assertEquals(c.status(), response.statusCode(), c.fault() + ": " + response.body());
            assertEquals(c.error(), error(response), c.fault().toString());
            assertEquals(c.retryAfter(), response.headers().firstValue("Retry-After").orElse(null), c.fault().toString());
        }

        emulator.faults().clear();
        // The last case's call is still held until the emulator notices the release: count bob's alone.
        Await.until("the last case's held call has ended", () -> emulator.faults().heldCalls() == 0, Duration.ofSeconds(GUARD_SECONDS));
        emulator.faults().add(Fault.hang(WIDGET_CALL));
        java.util.concurrent.CompletableFuture<HttpResponse<String>> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return token("bob");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(emulator.faults().awaitHeldCalls(1, Duration.ofSeconds(GUARD_SECONDS)));
        HttpResponse<String> overloaded = token("carol");
        assertEquals(503, overloaded.statusCode());
        assertEquals("overloaded", error(overloaded));
        assertEquals("1", overloaded.headers().firstValue("Retry-After").orElse(null));
        waiting.get(GUARD_SECONDS, TimeUnit.SECONDS);

        emulator.close(); // Airbyte unreachable
        HttpResponse<String> unreachable = token("alice");
        assertEquals(503, unreachable.statusCode());
        assertEquals("upstream_unavailable", error(unreachable));
        assertEquals("5", unreachable.headers().firstValue("Retry-After").orElse(null));
    }

    private static String widgetToken(String exp) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String jwt = url.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(("{\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8)) + ".c2ln";
        String blob = "{\"token\":\"" + jwt + "\",\"widgetUrl\":\"https://app.airbyte.ai/widget\"}";
        return Base64.getEncoder().encodeToString(blob.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates a GitHub source in a workspace, as the widget would, through the emulator's connectors API. */
    private void createSource(String workspace) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String token = Json.MAPPER.readTree(client.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/api/v1/account/applications/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + AirbyteEmulator.DEFAULT_CLIENT_ID
                        + "\",\"client_secret\":\"" + AirbyteEmulator.DEFAULT_CLIENT_SECRET + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/api/v1/integrations/connectors"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"workspace_name\":\"" + workspace + "\","
                        + "\"source_template_id\":\"8a4f6f1e-2f0b-4c59-9d1e-6c0a3f1b7e01\","
                        + "\"replication_config\":{\"personal_access_token\":\"ghp_test\",\"repositories\":[\"acme/app\"]}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
    }
}
