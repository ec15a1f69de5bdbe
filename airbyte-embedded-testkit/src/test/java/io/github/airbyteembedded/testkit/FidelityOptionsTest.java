package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.testkit.support.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The emulator's options for the real service's behaviours that the spec leaves open. */
class FidelityOptionsTest {

    private static final String CONNECTORS = "/api/v1/integrations/connectors";

    private static Map<String, String> operator(AirbyteEmulator emulator) {
        return Map.of("Authorization", "Bearer " + TestHttp.operatorToken(emulator));
    }

    private static List<String> listed(AirbyteEmulator emulator, Map<String, String> auth, String workspace) {
        TestHttp.Result list = TestHttp.send(emulator, "GET", CONNECTORS + "?workspace_name=" + workspace, null, auth);
        assertEquals(200, list.status(), list.body());
        List<String> ids = new java.util.ArrayList<>();
        list.json().get("data").forEach(source -> ids.add(source.get("id").asText()));
        return ids;
    }

    @ParameterizedTest
    @EnumSource(UnknownWorkspaceList.class)
    void anOperatorsListOfAnUnknownWorkspaceIsAnsweredAsConfigured(UnknownWorkspaceList answer) {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().contractChecks(true).unknownWorkspaceList(answer).build().start()) {
            Map<String, String> auth = operator(emulator);

            TestHttp.Result byName = TestHttp.send(emulator, "GET", CONNECTORS + "?workspace_name=nobody", null, auth);
            TestHttp.Result byId = TestHttp.send(emulator, "GET", CONNECTORS + "?workspace_id=" + UUID.randomUUID(), null, auth);

            assertEquals(answer.status(), byName.status(), byName.body());
            assertEquals(answer.status(), byId.status(), byId.body());
            if (answer == UnknownWorkspaceList.EMPTY) {
                assertEquals(0, byName.json().get("data").size());
            }
            TestHttp.send(emulator, "POST", "/api/v1/account/applications/scoped-token", TestHttp.json(Map.of("workspace_name", "alice")),
                    auth);
            assertEquals(List.of(), listed(emulator, auth, "alice"), "a workspace that exists is listed whatever the option");
        }
    }

    @Test
    void anAsynchronousDeleteLeavesTheSourceListedForTheConfiguredTime() {
        MutableClock clock = MutableClock.startingNow();
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().contractChecks(true).clock(clock)
                .asynchronousDeletes(Duration.ofSeconds(30)).build().start()) {
            Map<String, String> auth = operator(emulator);
            String id = TestHttp.send(emulator, "POST", CONNECTORS, TestHttp.json(Map.of("workspace_name", "alice",
                    "connector_type", "github", "replication_config", Map.of("personal_access_token", "ghp_x",
                            "repositories", List.of("octo/a")))), auth).json().get("id").asText();

            TestHttp.Result deleted = TestHttp.send(emulator, "DELETE", CONNECTORS + "/" + id, null, auth);

            assertEquals(202, deleted.status());
            UUID.fromString(deleted.json().get("job_id").asText());
            assertEquals(List.of(id), listed(emulator, auth, "alice"));
            assertEquals(200, TestHttp.send(emulator, "GET", CONNECTORS + "/" + id, null, auth).status());
            assertEquals(202, TestHttp.send(emulator, "DELETE", CONNECTORS + "/" + id, null, auth).status(), "deleting again");
            clock.advance(Duration.ofSeconds(29));
            assertEquals(List.of(id), listed(emulator, auth, "alice"));
            clock.advance(Duration.ofSeconds(1));
            assertEquals(List.of(), listed(emulator, auth, "alice"));
            assertEquals(404, TestHttp.send(emulator, "GET", CONNECTORS + "/" + id, null, auth).status());
            assertEquals(List.of(), emulator.workspace("alice").orElseThrow().sources());
        }
    }

    @Test
    void theWidgetPageIsOnItsOwnOriginAndTheApiAnswersItsCallsWithCorsForThatOriginOnly() throws Exception {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().contractChecks(true).build().start()) {
            String page = emulator.widgetPageOrigin();
            assertNotEquals(emulator.baseUri().toString(), page);
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            java.net.URI info = java.net.URI.create(emulator.baseUri() + "/api/v1/account/applications/scoped-token/info");

            java.net.http.HttpResponse<String> preflight = client.send(java.net.http.HttpRequest.newBuilder(info)
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Origin", page).header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            java.net.http.HttpResponse<String> foreign = client.send(java.net.http.HttpRequest.newBuilder(info)
                    .header("Origin", emulator.baseUri().toString()).header("Authorization", "Bearer x").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertEquals(204, preflight.statusCode());
            assertEquals(page, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
            assertEquals(401, foreign.statusCode());
            assertEquals(java.util.Optional.empty(), foreign.headers().firstValue("Access-Control-Allow-Origin"));
            assertEquals(Map.of("GET /api/v1/account/applications/scoped-token/info", 1), emulator.calls(),
                    "a preflight is not a call");
            assertEquals(page, TestHttp.get(emulator, "/_emulator/info").json().get("widget_page_origin").asText());
            assertEquals(List.of(), emulator.contractViolations());
        }
    }

    @Test
    void aNegativeDeleteDelayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AirbyteEmulator.builder().asynchronousDeletes(Duration.ofSeconds(-1)));
    }
}
