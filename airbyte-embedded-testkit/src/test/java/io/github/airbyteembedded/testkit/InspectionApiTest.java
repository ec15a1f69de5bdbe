package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class InspectionApiTest {

    private AirbyteEmulator emulator;

    @BeforeEach
    void start() {
        emulator = AirbyteEmulator.builder().contractChecks(true).build().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void countsCallsByMethodAndPathWithoutQuery() {
        TestHttp.widgetToken(emulator, "alice", "http://localhost:8080");
        TestHttp.get(emulator, "/api/v1/unknown?x=1");
        TestHttp.get(emulator, "/api/v1/unknown?x=2");

        assertEquals(Map.of(
                "POST /api/v1/account/applications/token", 1,
                "POST /api/v1/account/applications/widget-token", 1,
                "GET /api/v1/unknown", 2), emulator.calls());
        assertEquals(2, emulator.callCount("GET /api/v1/unknown"));
        assertEquals(0, emulator.callCount("GET /never"));
        assertEquals(List.of("/request"), TestHttp.takeViolationPointers(emulator));
    }

    @Test
    void servesTheContractViolationsAndForgetsThemOnDelete() {
        TestHttp.post(emulator, "/api/v1/account/applications/token", "{\"client_id\":\"a\",\"client_secret\":\"b\",\"scope\":\"x\"}");

        JsonNode violations = TestHttp.get(emulator, "/_emulator/contract-violations").json();

        assertEquals(1, violations.size());
        assertEquals("create_account_applications_token", violations.get(0).get("operation").asText());
        assertEquals("/request/body/scope", violations.get(0).get("pointer").asText());
        assertEquals(204, TestHttp.control(emulator, "DELETE", "/_emulator/contract-violations").status());
        assertEquals(0, TestHttp.get(emulator, "/_emulator/contract-violations").json().size());
    }

    @Test
    void servesTheCountsOverHttpWithoutCountingInspectionCalls() {
        TestHttp.operatorToken(emulator);
        TestHttp.get(emulator, "/_emulator/calls");

        JsonNode calls = TestHttp.get(emulator, "/_emulator/calls").json();

        assertEquals(1, calls.size());
        assertEquals(1, calls.get("POST /api/v1/account/applications/token").asInt());
        assertEquals(1, emulator.calls().size());
    }

    @Test
    void stateListsWorkspacesWithTheirSourcesAndConnections() {
        TestHttp.widgetToken(emulator, "alice", "http://localhost:8080");

        JsonNode state = TestHttp.get(emulator, "/_emulator/state").json();

        assertEquals(emulator.organizationId().toString(), state.get("organization_id").asText());
        JsonNode workspace = state.get("workspaces").get(0);
        assertEquals("alice", workspace.get("name").asText());
        assertEquals(emulator.workspaces().get(0).id().toString(), workspace.get("id").asText());
        assertTrue(workspace.get("sources").isArray());
        assertTrue(workspace.get("connections").isArray());
    }

    @Test
    void resetClearsCallsAndWorkspaces() {
        TestHttp.widgetToken(emulator, "alice", "http://localhost:8080");

        assertEquals(204, TestHttp.control(emulator, "POST", "/_emulator/reset").status());

        assertTrue(emulator.calls().isEmpty());
        assertTrue(emulator.workspaces().isEmpty());
        assertEquals(0, TestHttp.get(emulator, "/_emulator/state").json().get("workspaces").size());
    }

    @Test
    void resetFromJavaClearsCallsAndWorkspaces() {
        TestHttp.widgetToken(emulator, "alice", "http://localhost:8080");
        emulator.reset();
        assertTrue(emulator.calls().isEmpty());
        assertTrue(emulator.workspaces().isEmpty());
    }

    @Test
    void revokingOverHttpInvalidatesOperatorTokens() {
        String token = TestHttp.operatorToken(emulator);
        assertEquals(204, TestHttp.control(emulator, "POST", "/_emulator/revoke-operator-tokens").status());
        TestHttp.Result result = TestHttp.send(emulator, "POST", "/api/v1/account/applications/widget-token",
                "{\"workspace_name\":\"a\",\"allowed_origin\":\"http://x\"}", Map.of("Authorization", "Bearer " + token));
        assertEquals(401, result.status());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/jsonx", "text/json"})
    void aStateChangingCallWithoutAJsonContentTypeIsRefusedWith415AndChangesNothing(String contentType) {
        String operatorToken = TestHttp.operatorToken(emulator);
        TestHttp.widgetToken(emulator, operatorToken, Map.of("workspace_name", "alice", "allowed_origin", "http://localhost:8080"));
        emulator.faults().add(Fault.status("GET /api/v1/anything", 500));
        String fault = "{\"endpoint\":\"POST /api/v1/account/applications/token\",\"kind\":\"status\",\"status\":503}";

        List<TestHttp.Result> refused = List.of(
                TestHttp.send(emulator, "POST", "/_emulator/reset", null, contentType),
                TestHttp.send(emulator, "POST", "/_emulator/revoke-operator-tokens", null, contentType),
                TestHttp.send(emulator, "POST", "/_emulator/faults", fault, contentType),
                TestHttp.send(emulator, "DELETE", "/_emulator/faults", null, contentType));

        for (TestHttp.Result result : refused) {
            assertEquals(415, result.status(), result.body());
            assertTrue(result.json().get("message").asText().contains("application/json"), result.body());
        }
        assertEquals(1, emulator.workspaces().size(), "not reset");
        assertEquals(1, emulator.faults().active().size(), "no fault added, none cleared");
        assertEquals(200, TestHttp.send(emulator, "POST", "/api/v1/account/applications/widget-token",
                "{\"workspace_name\":\"a\",\"allowed_origin\":\"http://x\"}", Map.of("Authorization", "Bearer " + operatorToken)).status(),
                "the operator token was not revoked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON"})
    void aStateChangingCallWithAJsonContentTypeIsAnswered(String contentType) {
        TestHttp.widgetToken(emulator, "alice", "http://localhost:8080");

        assertEquals(204, TestHttp.send(emulator, "POST", "/_emulator/reset", null, contentType).status());

        assertTrue(emulator.workspaces().isEmpty());
    }

    @Test
    void readingCallsNeedNoContentType() {
        assertEquals(200, TestHttp.send(emulator, "GET", "/_emulator/state", null, (String) null).status());
        assertEquals(200, TestHttp.send(emulator, "GET", "/_emulator/faults", null, (String) null).status());
    }

    @Test
    void infoDescribesTheEmulatorWithoutTheSecret() {
        TestHttp.Result result = TestHttp.get(emulator, "/_emulator/info");
        assertEquals(emulator.baseUri().toString(), result.json().get("base_url").asText());
        assertEquals(AirbyteEmulator.DEFAULT_CLIENT_ID, result.json().get("client_id").asText());
        assertTrue(!result.body().contains(AirbyteEmulator.DEFAULT_CLIENT_SECRET));
    }
}
