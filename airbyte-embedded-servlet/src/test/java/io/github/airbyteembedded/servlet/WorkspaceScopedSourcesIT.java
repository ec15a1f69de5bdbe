package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.internal.upstream.Json;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.Fault;
import io.github.airbyteembedded.testkit.support.MutableClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user's source operations are made with a token scoped to the user's workspace, so that a list that
 * ignores its workspace filter (the emulator's {@code foreign-source} fault) cannot make one user act on
 * another's source: the library acts only on sources in the user's own list, and Airbyte itself refuses
 * the user's scoped token on another workspace's source.
 */
final class WorkspaceScopedSourcesIT {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String SOURCES = "/api/airbyte/sources";
    private static final String EVENTS = "/api/airbyte/source-events";
    private static final String OPERATOR_TOKEN_CALL = "POST /api/v1/account/applications/token";
    private static final String SCOPED_TOKEN_CALL = "POST /api/v1/account/applications/scoped-token";
    private static final String LIST_CALL = "GET /api/v1/integrations/connectors";
    private static final String CONNECTOR_CALL_PREFIX = "/api/v1/integrations/connectors/";

    private final MutableClock clock = MutableClock.startingNow();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private AirbyteEmulator emulator;
    private AirbyteEmbedded airbyte;
    private TestWebApp app;
    /** Operator tokens the tests' own setup fetched to create sources; not the library's. */
    private int setupTokenCalls;

    @BeforeEach
    void startEmulator() {
        emulator = AirbyteEmulator.builder().clock(clock).build().start();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        emulator.close();
    }

    private void start(UnaryOperator<AirbyteEmbeddedConfig.Builder> change) throws Exception {
        airbyte = AirbyteEmbedded.create(change.apply(AirbyteEmbeddedConfig.builder()
                .apiBaseUri(emulator.baseUri())
                .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                .allowedOrigin(ORIGIN)
                .clock(clock)
                .sourceConnectedListener((principal, workspace, source) ->
                        heard.add(principal.getName() + "|" + workspace + "|" + source.id()))).build());
        app = TestWebApp.start(airbyte, 50);
    }

    private void start() throws Exception {
        start(builder -> builder);
    }

    /** Calls to {@code METHOD /api/v1/integrations/connectors/<id>}, whatever the id. */
    private int connectorCalls(String method) {
        return emulator.calls().entrySet().stream()
                .filter(call -> call.getKey().startsWith(method + " " + CONNECTOR_CALL_PREFIX))
                .mapToInt(call -> call.getValue()).sum();
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
        setupTokenCalls++;
        return Json.MAPPER.readTree(created.body()).path("id").asText();
    }

    /** The operator-token calls the library made. */
    private int operatorTokenCalls() {
        return emulator.callCount(OPERATOR_TOKEN_CALL) - setupTokenCalls;
    }

    private HttpResponse<String> list(String user) throws Exception {
        return app.send(HttpRequest.newBuilder(app.uri(SOURCES)).GET().header(TestWebApp.USER_HEADER, user).build());
    }

    private HttpResponse<String> delete(String user, String id) throws Exception {
        return app.send(HttpRequest.newBuilder(app.uri(SOURCES + "/" + id)).DELETE()
                .header(TestWebApp.USER_HEADER, user).header("Origin", ORIGIN).build());
    }

    private HttpResponse<String> created(String user, String id) throws Exception {
        return app.send(HttpRequest.newBuilder(app.uri(EVENTS))
                .header(TestWebApp.USER_HEADER, user).header("Origin", ORIGIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"source_created\",\"sourceId\":\"" + id + "\"}"))
                .build());
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body()).path("error").asText();
    }

    private List<String> listedIds(String user) throws Exception {
        HttpResponse<String> response = list(user);
        assertEquals(200, response.statusCode(), response.body());
        List<String> ids = new ArrayList<>();
        Json.MAPPER.readTree(response.body()).path("sources").forEach(source -> ids.add(source.path("id").asText()));
        return ids;
    }

    // ---- the finding: a list that ignores its filter let bob delete alice's source and fire the listener ----

    @Test
    void bobCannotDeleteAlicesSourceWhenTheListShowsItToHim() throws Exception {
        start();
        String alices = createSource("alice");
        emulator.faults().add(Fault.foreignSource());
        assertTrue(listedIds("bob").contains(alices), "the misbehaving list shows alice's source to bob");

        HttpResponse<String> response = delete("bob", alices);

        assertEquals(404, response.statusCode(), response.body());
        assertEquals("source_not_found", error(response));
        assertEquals(1, emulator.workspace("alice").orElseThrow().sources().size(), "nothing is deleted");
    }

    @Test
    void bobsEventForAlicesSourceNeverReachesTheListenerWhenTheListShowsItToHim() throws Exception {
        start();
        String alices = createSource("alice");
        emulator.faults().add(Fault.foreignSource());

        HttpResponse<String> response = created("bob", alices);

        assertEquals(404, response.statusCode(), response.body());
        assertEquals("source_not_found", error(response));
        assertTrue(heard.isEmpty(), () -> "the listener heard " + heard);
    }

    // ---- layer 1: the library acts only on sources in the user's own list ----

    @Test
    void aSourceMissingFromTheUsersListIsNotFoundWithoutAskingAirbyteToDeleteOrShowIt() throws Exception {
        start();
        String alices = createSource("alice");

        HttpResponse<String> deleted = delete("bob", alices);
        HttpResponse<String> confirmed = created("bob", alices);

        assertEquals(404, deleted.statusCode());
        assertEquals("source_not_found", error(deleted));
        assertEquals(404, confirmed.statusCode());
        assertEquals(0, connectorCalls("DELETE"), "the library never asked Airbyte to delete it");
        assertEquals(0, connectorCalls("GET"), "nor to show it");
        assertEquals(1, emulator.workspace("alice").orElseThrow().sources().size());
        assertTrue(heard.isEmpty());
    }

    // ---- layer 2: Airbyte refuses the user's scoped token on another workspace's source ----

    @Test
    void airbyteRefusesBobsScopedTokenOnAlicesSourceThatTheListWronglyShowedHim() throws Exception {
        start();
        String alices = createSource("alice");
        emulator.faults().add(Fault.foreignSource());

        assertEquals(404, delete("bob", alices).statusCode());
        assertEquals(404, created("bob", alices).statusCode());

        assertEquals(1, connectorCalls("DELETE"), "the library's list check passed, so the delete was sent");
        assertEquals(1, connectorCalls("GET"), "and the event's source was looked up");
        assertEquals(1, emulator.workspace("alice").orElseThrow().sources().size(), "Airbyte refused both");
        assertTrue(heard.isEmpty());
    }

    @Test
    void theUsersOwnSourceIsStillDisconnectedAndConfirmed() throws Exception {
        start();
        String alices = createSource("alice");

        assertEquals(200, created("alice", alices).statusCode());
        assertEquals(List.of("alice|alice|" + alices), heard);
        assertEquals(204, delete("alice", alices).statusCode());
        assertTrue(emulator.workspace("alice").orElseThrow().sources().isEmpty());
    }

    @Test
    void theJavaApiIsScopedTheSameWay() throws Exception {
        start();
        String alices = createSource("alice");
        emulator.faults().add(Fault.foreignSource());
        ConnectedSources sources = airbyte.sources();

        assertTrue(sources.list("bob").join().stream().anyMatch(source -> source.id().equals(alices)));
        assertEquals(Optional.empty(), sources.find("bob", alices).join());
        assertFalse(sources.disconnect("bob", alices).join());
        assertEquals(1, emulator.workspace("alice").orElseThrow().sources().size());
    }

    // ---- the scoped tokens: fetched once per workspace, cached, refreshed ----

    @Test
    void scopedTokensAreFetchedOncePerWorkspaceUnderConcurrency() throws Exception {
        start();
        createSource("alice");
        int callers = 60;
        List<String> users = List.of("alice", "bob", "carol");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CompletableFuture<List<ConnectedSource>>>> submitted = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String user = users.get(i % users.size());
                submitted.add(pool.submit(() -> {
                    go.await();
                    return airbyte.sources().list(user);
                }));
            }
            go.countDown();
            for (Future<CompletableFuture<List<ConnectedSource>>> future : submitted) {
                future.get().join();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, operatorTokenCalls());
        assertEquals(users.size(), emulator.callCount(SCOPED_TOKEN_CALL), "one scoped token per workspace");
        assertEquals(callers, emulator.callCount(LIST_CALL));

        listedIds("alice");
        listedIds("bob");
        assertEquals(users.size(), emulator.callCount(SCOPED_TOKEN_CALL), "later requests use the cached tokens");
    }

    @Test
    void theListIsMadeWithTheScopedTokenNotTheOperatorToken() throws Exception {
        start();
        String alices = createSource("alice");
        assertEquals(List.of(alices), listedIds("alice"));
        emulator.revokeOperatorTokens();

        assertEquals(List.of(alices), listedIds("alice"));
        assertEquals(204, delete("alice", alices).statusCode());
        assertEquals(1, operatorTokenCalls(), "the operator token was used for the scoped token only");
    }

    @Test
    void aScopedTokenIsReplacedShortlyBeforeItExpires() throws Exception {
        start();
        listedIds("alice");
        assertEquals(1, emulator.callCount(SCOPED_TOKEN_CALL));

        clock.advance(Duration.ofMinutes(20).minus(AirbyteEmbeddedConfig.DEFAULT_OPERATOR_TOKEN_REFRESH_SKEW).minusSeconds(1));
        listedIds("alice");
        assertEquals(1, emulator.callCount(SCOPED_TOKEN_CALL));

        clock.advance(Duration.ofSeconds(1));
        listedIds("alice");
        assertEquals(2, emulator.callCount(SCOPED_TOKEN_CALL));
    }

    @Test
    void aScopedTokenAirbyteRejectsIsDroppedAndFetchedOnceMore() throws Exception {
        start();
        listedIds("alice");
        emulator.faults().add(Fault.status(LIST_CALL, 401).times(1));

        assertEquals(List.of(), listedIds("alice"));
        assertEquals(2, emulator.callCount(SCOPED_TOKEN_CALL));
        assertEquals(3, emulator.callCount(LIST_CALL));
    }

    @Test
    void aScopedTokenRejectedTwiceGivesUpstreamCredentialsRejected() throws Exception {
        start();
        emulator.faults().add(Fault.status(LIST_CALL, 401));

        HttpResponse<String> response = list("alice");

        assertEquals(502, response.statusCode());
        assertEquals("upstream_credentials_rejected", error(response));
        assertEquals(2, emulator.callCount(SCOPED_TOKEN_CALL), "one fresh token, not a loop");
        assertEquals(2, emulator.callCount(LIST_CALL));
    }

    @Test
    void aScopedTokenFetchRefusedForAStaleOperatorTokenGoesThroughTheOperatorTokenRefresh() throws Exception {
        start();
        listedIds("alice");
        emulator.revokeOperatorTokens();

        assertEquals(List.of(), listedIds("bob"));
        assertEquals(2, operatorTokenCalls());
        assertEquals(3, emulator.callCount(SCOPED_TOKEN_CALL), "alice's, bob's refused, bob's");
    }

    @Test
    void expiredScopedAndOperatorTokensAreBothRefreshedWhenAirbyteSaysSo() throws Exception {
        MutableClock appClock = MutableClock.startingNow();
        start(builder -> builder.clock(appClock));
        listedIds("alice");
        clock.advance(Duration.ofMinutes(21)); // Airbyte's clock: both tokens have expired; ours has not moved

        assertEquals(List.of(), listedIds("alice"));
        assertEquals(2, operatorTokenCalls());
        assertEquals(3, emulator.callCount(SCOPED_TOKEN_CALL), "the first, one refused for the operator token, a new one");
        assertEquals(3, emulator.callCount(LIST_CALL), "the first, one refused for the scoped token, a new one");
    }

    @Test
    void aScopedTokenOfAWorkspaceAirbyteNoLongerHasIsReplaced() throws Exception {
        start();
        listedIds("alice");
        emulator.reset(); // alice's workspace is gone; her cached token names it
        setupTokenCalls = 0;
        String alices = createSource("alice"); // a new workspace named alice

        assertEquals(List.of(alices), listedIds("alice"));
        assertEquals(1, emulator.callCount(SCOPED_TOKEN_CALL), "one fresh token after Airbyte's 403");
        assertEquals(2, emulator.callCount(LIST_CALL));
    }

    @Test
    void anUpstreamFailureWhileFetchingTheScopedTokenGivesTheUpstreamCode() throws Exception {
        start();
        emulator.faults().add(Fault.status(SCOPED_TOKEN_CALL, 503).retryAfterSeconds(7).times(1));

        HttpResponse<String> response = list("alice");

        assertEquals(503, response.statusCode());
        assertEquals("upstream_unavailable", error(response));
        assertEquals("7", response.headers().firstValue("Retry-After").orElse(null));
        assertEquals(0, emulator.callCount(LIST_CALL));
        assertEquals(List.of(), listedIds("alice"), "a failed fetch is not cached");
    }
}
