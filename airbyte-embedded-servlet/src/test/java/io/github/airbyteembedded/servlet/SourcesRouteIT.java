package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.airbyteembedded.servlet.internal.upstream.AirbyteApiClient;
import io.github.airbyteembedded.servlet.internal.upstream.Json;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.Fault;
import io.github.airbyteembedded.testkit.support.MutableClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sources routes and the Java API, end to end against the emulator. */
final class SourcesRouteIT {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String SOURCES = "/api/airbyte/sources";
    private static final String EVENTS = "/api/airbyte/source-events";
    /** The emulator counts calls by their actual path: every delete, whatever the id. */
    private static final String DELETE_CALL_PREFIX = "DELETE /api/v1/integrations/connectors/";

    private AirbyteEmulator emulator;
    private AirbyteEmbedded airbyte;
    private TestWebApp app;
    private final List<String> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startEmulator() {
        emulator = AirbyteEmulator.builder().build().start();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        emulator.close();
    }

    private int deleteCalls() {
        return emulator.calls().entrySet().stream().filter(call -> call.getKey().startsWith(DELETE_CALL_PREFIX))
                .mapToInt(call -> call.getValue()).sum();
    }

    private void start(UnaryOperator<AirbyteEmbeddedConfig.Builder> change) throws Exception {
        airbyte = AirbyteEmbedded.create(change.apply(AirbyteEmbeddedConfig.builder()
                .apiBaseUri(emulator.baseUri())
                .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                .allowedOrigin(ORIGIN)
                .sourceConnectedListener((principal, workspace, source) ->
                        heard.add(name(principal) + "|" + workspace + "|" + source.id() + "|" + source.connector()))).build());
        app = TestWebApp.start(airbyte, 50);
    }

    private static String name(Principal principal) {
        return principal == null ? "-" : principal.getName();
    }

    /** Creates a GitHub source in a workspace, as the widget would, through the emulator's connectors API. */
    private String createSource(String workspace) throws Exception {
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
        return Json.MAPPER.readTree(created.body()).path("id").asText();
    }

    private HttpResponse<String> get(String user, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(SOURCES)).GET();
        if (user != null) {
            request.header(TestWebApp.USER_HEADER, user);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return app.send(request.build());
    }

    private HttpResponse<String> delete(String user, String origin, String id) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(SOURCES + "/" + id)).DELETE().header(TestWebApp.USER_HEADER, user);
        if (origin != null) {
            request.header("Origin", origin);
        }
        return app.send(request.build());
    }

    private HttpResponse<String> event(String user, String origin, String body) throws Exception {
        return app.send(HttpRequest.newBuilder(app.uri(EVENTS))
                .header(TestWebApp.USER_HEADER, user).header("Origin", origin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body()).path("error").asText();
    }

    @Test
    void listsOnlyTheSignedInUsersSources() throws Exception {
        start(b -> b);
        String alices = createSource("alice");
        createSource("bob");

        HttpResponse<String> response = get("alice", ORIGIN);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        JsonNode sources = Json.MAPPER.readTree(response.body()).path("sources");
        assertEquals(1, sources.size());
        assertEquals(alices, sources.get(0).path("id").asText());
        assertEquals("GitHub", sources.get(0).path("connector").asText());
        assertFalse(sources.get(0).path("createdAt").isNull());
        assertFalse(response.body().contains("ghp_test"), "credentials never appear");
    }

    @Test
    void sameOriginGetWithoutOriginHeaderIsAnsweredButAForeignOriginIsNot() throws Exception {
        start(b -> b);
        assertEquals(200, get("alice", null).statusCode());
        HttpResponse<String> foreign = get("alice", "https://evil.example");
        assertEquals(403, foreign.statusCode());
        assertEquals("origin_not_allowed", error(foreign));
    }

    @Test
    void userWithoutWorkspaceYetHasNoSources() throws Exception {
        start(b -> b);
        assertEquals("[]", Json.MAPPER.readTree(get("carol", ORIGIN).body()).path("sources").toString());
    }

    @Test
    void anonymousUserGets401() throws Exception {
        start(b -> b);
        assertEquals(401, get(null, ORIGIN).statusCode());
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void disconnectsTheUsersOwnSource() throws Exception {
        start(b -> b);
        String id = createSource("alice");
        HttpResponse<String> response = delete("alice", ORIGIN, id);
        assertEquals(204, response.statusCode(), response.body());
        assertTrue(emulator.workspace("alice").orElseThrow().sources().isEmpty());
    }

    @Test
    void disconnectingIsASuccessNotAWarningInTheLog() throws Exception {
        start(b -> b);
        String id = createSource("alice");
        Logger clientLog = Logger.getLogger(AirbyteApiClient.class.getName());
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord logRecord) {
                if (logRecord.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    warnings.add(logRecord);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        clientLog.addHandler(handler);
        try {
            assertEquals(204, delete("alice", ORIGIN, id).statusCode());
        } finally {
            clientLog.removeHandler(handler);
        }
        assertEquals(1, deleteCalls(), "Airbyte answered the delete with 202 and a job id");
        assertTrue(warnings.isEmpty(), () -> warnings.stream().map(LogRecord::getMessage).toList().toString());
    }

    @Test
    void anotherUsersSourceIsNotFoundAndNothingIsDeleted() throws Exception {
        start(b -> b);
        String bobs = createSource("bob");
        HttpResponse<String> response = delete("alice", ORIGIN, bobs);
        assertEquals(404, response.statusCode());
        assertEquals("source_not_found", error(response));
        assertEquals(1, emulator.workspace("bob").orElseThrow().sources().size());
        assertEquals(0, deleteCalls());
    }

    @Test
    void malformedIdIsNotFoundWithoutCallingAirbyte() throws Exception {
        start(b -> b);
        assertEquals(404, delete("alice", ORIGIN, "not-a-uuid").statusCode());
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void deleteNeedsTheExactOrigin() throws Exception {
        start(b -> b);
        String id = createSource("alice");
        assertEquals(403, delete("alice", null, id).statusCode());
        assertEquals(403, delete("alice", "https://evil.example", id).statusCode());
        assertEquals(1, emulator.workspace("alice").orElseThrow().sources().size());
    }

    @Test
    void confirmedSourceEventReachesTheListenerWithThePrincipal() throws Exception {
        start(b -> b);
        String id = createSource("alice");
        HttpResponse<String> response = event("alice", ORIGIN, "{\"type\":\"source_created\",\"sourceId\":\"" + id + "\"}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(id, Json.MAPPER.readTree(response.body()).path("source").path("id").asText());
        assertEquals(List.of("alice|alice|" + id + "|GitHub"), heard);
    }

    @Test
    void olderEventFamilyIsConfirmedToo() throws Exception {
        start(b -> b);
        String id = createSource("alice");
        assertEquals(200, event("alice", ORIGIN, "{\"type\":\"partial_user_config_created\",\"sourceId\":\"" + id + "\"}").statusCode());
        assertEquals(1, heard.size());
    }

    @Test
    void forgedEventForAnotherUsersSourceIsRefusedAndNeverReachesTheListener() throws Exception {
        start(b -> b);
        String bobs = createSource("bob");
        HttpResponse<String> response = event("alice", ORIGIN, "{\"type\":\"source_created\",\"sourceId\":\"" + bobs + "\"}");
        assertEquals(404, response.statusCode());
        assertEquals("source_not_found", error(response));
        assertTrue(heard.isEmpty());
    }

    @Test
    void malformedEventsAreInvalidRequests() throws Exception {
        start(b -> b);
        for (String body : List.of("{}", "{\"type\":\"source_created\"}", "{\"type\":\"hello\",\"sourceId\":\"8a4f6f1e-2f0b-4c59-9d1e-6c0a3f1b7e01\"}",
                "{\"type\":\"source_created\",\"sourceId\":\"../../x\"}", "[]")) {
            HttpResponse<String> response = event("alice", ORIGIN, body);
            assertEquals(400, response.statusCode(), body);
            assertEquals("invalid_request", error(response), body);
        }
        assertTrue(heard.isEmpty());
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void eventsNeedTheExactOrigin() throws Exception {
        start(b -> b);
        String id = createSource("alice");
        assertEquals(403, event("alice", "https://evil.example", "{\"type\":\"source_created\",\"sourceId\":\"" + id + "\"}").statusCode());
        assertTrue(heard.isEmpty());
    }

    @Test
    void failingListenerDoesNotChangeTheAnswer() throws Exception {
        airbyte = AirbyteEmbedded.create(AirbyteEmbeddedConfig.builder()
                .apiBaseUri(emulator.baseUri()).clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET).allowedOrigin(ORIGIN)
                .sourceConnectedListener((principal, workspace, source) -> {
                    throw new IllegalStateException("listener bug");
                }).build());
        app = TestWebApp.start(airbyte, 50);
        String id = createSource("alice");
        assertEquals(200, event("alice", ORIGIN, "{\"type\":\"source_created\",\"sourceId\":\"" + id + "\"}").statusCode());
    }

    @Test
    void upstreamFailureWhileListingGivesTheUpstreamCode() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.status("GET /api/v1/integrations/connectors", 503).retryAfterSeconds(3));
        HttpResponse<String> response = get("alice", ORIGIN);
        assertEquals(503, response.statusCode());
        assertEquals("upstream_unavailable", error(response));
        assertEquals("3", response.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    void aDeleteWhoseConnectionDropsIsNotRepeated() throws Exception {
        start(b -> b);
        String id = createSource("alice");
        emulator.faults().add(Fault.reset("DELETE /api/v1/integrations/connectors/" + id).times(1));
        HttpResponse<String> response = delete("alice", ORIGIN, id);
        assertEquals(502, response.statusCode());
        assertEquals(1, emulator.calls().entrySet().stream()
                .filter(call -> call.getKey().startsWith("DELETE ")).mapToInt(java.util.Map.Entry::getValue).sum());
    }

    @Test
    void anotherMethodOnTheSourcesPathsSaysWhichOnesWithoutTalkingOfWidgetTokens() throws Exception {
        start(b -> b);
        HttpResponse<String> put = app.send(HttpRequest.newBuilder(app.uri(SOURCES)).header(TestWebApp.USER_HEADER, "alice")
                .header("Origin", ORIGIN).PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, put.statusCode());
        assertEquals("method_not_allowed", error(put));
        assertEquals("GET, OPTIONS", put.headers().firstValue("Allow").orElse(null));
        String message = Json.MAPPER.readTree(put.body()).path("message").asText();
        assertFalse(message.contains("widget token"), message);
        assertFalse(Json.MAPPER.readTree(get("alice", "https://evil.example.com").body()).path("message").asText()
                .contains("widget token"), "a foreign origin on the sources route");
    }

    @Test
    void routesCanBeTurnedOffAndThenPassThrough() throws Exception {
        start(b -> b.sourceRoutes(false));
        HttpResponse<String> response = get("alice", ORIGIN);
        assertEquals("served", response.headers().firstValue("X-App").orElse(null));
    }

    @Test
    void javaApiListsFindsAndDisconnectsWithinTheWorkspaceOnly() throws Exception {
        start(b -> b);
        String alices = createSource("alice");
        String bobs = createSource("bob");
        ConnectedSources sources = airbyte.sources();
        assertEquals(List.of(alices), sources.list("alice").join().stream().map(ConnectedSource::id).toList());
        assertTrue(sources.find("alice", alices).join().isPresent());
        assertEquals(Optional.empty(), sources.find("alice", bobs).join());
        assertFalse(sources.disconnect("alice", bobs).join());
        assertEquals(1, emulator.workspace("bob").orElseThrow().sources().size());
        assertTrue(sources.disconnect("alice", alices).join());
        assertTrue(sources.list("alice").join().isEmpty());
    }

    @Test
    void javaApiFailuresCarryTheErrorCode() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.status("GET /api/v1/integrations/connectors", 500));
        CompletionException failure = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> airbyte.sources().list("alice").join());
        AirbyteApiException cause = (AirbyteApiException) failure.getCause();
        assertEquals(ErrorCode.UPSTREAM_ERROR, cause.errorCode());
        assertEquals(500, cause.upstreamStatus().orElseThrow());
        assertNull(cause.retryAfter().orElse(null));
    }

    @Test
    void workspaceNameOfARequestUsesTheConfiguredResolver() throws Exception {
        start(b -> b.workspaceResolver(request -> Optional.of("tenant-x")));
        jakarta.servlet.http.HttpServletRequest request = org.mockito.Mockito.mock(jakarta.servlet.http.HttpServletRequest.class);
        assertEquals(Optional.of("tenant-x"), airbyte.workspaceName(request));
    }

    @Test
    void aSourcePostedFiveTimesReachesTheListenerOnce() throws Exception {
        start(b -> b);
        String id = createSource("alice");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = event("alice", ORIGIN, "{\"type\":\"source_created\",\"sourceId\":\"" + id + "\"}");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(id, Json.MAPPER.readTree(response.body()).path("source").path("id").asText());
        }
        assertEquals(List.of("alice|alice|" + id + "|GitHub"), heard);
    }

    @Test
    void listingPastTheUsersLimitGets429WithRetryAfterWithoutCallingAirbyte() throws Exception {
        start(b -> b.clock(MutableClock.startingNow()));
        int answered = 0;
        HttpResponse<String> response = get("alice", ORIGIN);
        while (response.statusCode() == 200 && answered < 1000) {
            answered++;
            response = get("alice", ORIGIN);
        }
        assertEquals(429, response.statusCode(), "after " + answered + " lists");
        assertEquals("rate_limited", error(response));
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        assertTrue(answered >= 30, "a real page never hits the limit: " + answered);
        int listCalls = emulator.calls().getOrDefault("GET /api/v1/integrations/connectors", 0);
        assertEquals(200, get("bob", ORIGIN).statusCode(), "another user has their own allowance");
        assertEquals(listCalls + 1, emulator.calls().getOrDefault("GET /api/v1/integrations/connectors", 0));
    }

    @Test
    void deletesAndEventsPastTheUsersLimitGet429WithRetryAfter() throws Exception {
        start(b -> b.clock(MutableClock.startingNow()));
        int answered = 0;
        HttpResponse<String> response = delete("alice", ORIGIN, "not-a-uuid");
        while ((response.statusCode() == 404 || response.statusCode() == 400) && answered < 1000) {
            answered++;
            response = answered % 2 == 0 ? delete("alice", ORIGIN, "not-a-uuid") : event("alice", ORIGIN, "{}");
        }
        assertEquals(429, response.statusCode(), "after " + answered + " changes");
        assertEquals("rate_limited", error(response));
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        assertEquals(429, event("alice", ORIGIN, "{}").statusCode(), "events count against the same limit");
        assertEquals(200, get("alice", ORIGIN).statusCode(), "listing has its own limit");
    }

    @Test
    void pathParametersOnTheRoutesAreRefusedAndPathsTheyMoveOffTheRoutesArePassedOn() throws Exception {
        start(b -> b);
        String id = createSource("alice");
        for (String path : List.of(SOURCES + "/" + id + ";x=1", SOURCES + ";x=1", SOURCES + ";x=1/" + id, SOURCES + "/" + id + ";")) {
            HttpResponse<String> response = app.send(HttpRequest.newBuilder(app.uri(path)).DELETE()
                    .header(TestWebApp.USER_HEADER, "alice").header("Origin", ORIGIN).build());
            assertEquals(null, response.headers().firstValue("X-App").orElse(null), path + " was passed on");
            assertEquals(400, response.statusCode(), path);
            assertEquals("invalid_request", error(response), path);
        }
        HttpResponse<String> token = app.send(HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH + ";jsessionid=1"))
                .POST(HttpRequest.BodyPublishers.noBody()).header(TestWebApp.USER_HEADER, "alice").header("Origin", ORIGIN).build());
        assertEquals(400, token.statusCode());
        HttpResponse<String> offTheRoutes = app.send(HttpRequest.newBuilder(app.uri(SOURCES + "/abc;x=/y")).DELETE()
                .header(TestWebApp.USER_HEADER, "alice").header("Origin", ORIGIN).build());
        assertEquals("served", offTheRoutes.headers().firstValue("X-App").orElse(null), "the application's path is /sources/abc/y");
        assertEquals(1, emulator.workspace("alice").orElseThrow().sources().size());
        assertTrue(emulator.calls().keySet().stream().noneMatch(call -> !call.startsWith("POST ")), emulator.calls().toString());
    }

    @Test
    void theSourcesRateLimitsAreConfigurableAndCanBeTurnedOff() throws Exception {
        start(b -> b.clock(MutableClock.startingNow()).sourcesListRateLimit(2, Duration.ofMinutes(1)).disableSourcesChangeRateLimit());
        assertEquals(200, get("alice", ORIGIN).statusCode());
        assertEquals(200, get("alice", ORIGIN).statusCode());
        HttpResponse<String> limited = get("alice", ORIGIN);
        assertEquals(429, limited.statusCode());
        assertEquals("30", limited.headers().firstValue("Retry-After").orElse(null));
        for (int i = 0; i < 100; i++) {
            assertEquals(404, delete("alice", ORIGIN, "not-a-uuid").statusCode());
        }
    }

    @Test
    void aRepeatedEventOfAnotherUserOrSourceStillReachesTheListener() throws Exception {
        start(b -> b);
        String alices = createSource("alice");
        String alicesSecond = createSource("alice");
        String bobs = createSource("bob");
        assertEquals(200, event("alice", ORIGIN, "{\"type\":\"source_created\",\"sourceId\":\"" + alices + "\"}").statusCode());
        assertEquals(200, event("alice", ORIGIN, "{\"type\":\"source_updated\",\"sourceId\":\"" + alices + "\"}").statusCode());
        assertEquals(200, event("alice", ORIGIN, "{\"type\":\"source_created\",\"sourceId\":\"" + alicesSecond + "\"}").statusCode());
        assertEquals(200, event("bob", ORIGIN, "{\"type\":\"source_created\",\"sourceId\":\"" + bobs + "\"}").statusCode());
        assertEquals(List.of("alice|alice|" + alices + "|GitHub", "alice|alice|" + alicesSecond + "|GitHub",
                "bob|bob|" + bobs + "|GitHub"), heard);
    }

    @Test
    void aRepeatOfADeletedSourceIsNotFound() throws Exception {
        start(b -> b);
        String id = createSource("alice");
        assertEquals(200, event("alice", ORIGIN, "{\"type\":\"source_created\",\"sourceId\":\"" + id + "\"}").statusCode());
        assertEquals(204, delete("alice", ORIGIN, id).statusCode());
        assertEquals(404, event("alice", ORIGIN, "{\"type\":\"source_created\",\"sourceId\":\"" + id + "\"}").statusCode());
        assertEquals(1, heard.size());
    }
}
