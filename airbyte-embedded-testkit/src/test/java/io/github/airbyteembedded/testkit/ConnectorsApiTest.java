package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectorsApiTest {

    private static final String CONNECTORS = "/api/v1/integrations/connectors";
    private static final String TEMPLATES = "/api/v1/integrations/templates/sources";

    private AirbyteEmulator emulator;
    private Map<String, String> operator;

    @BeforeEach
    void start() {
        emulator = AirbyteEmulator.builder().contractChecks(true)
                .connectionTemplates(List.of(
                        ConnectionTemplate.builder("Warehouse").tags("nightly").build(),
                        ConnectionTemplate.builder("Lake").tags("hourly").build()))
                .build().start();
        operator = bearer(TestHttp.operatorToken(emulator));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private TestHttp.Result call(String method, String path, Object body, Map<String, String> headers) {
        return TestHttp.send(emulator, method, path, body == null ? null : TestHttp.json(body), headers);
    }

    private Map<String, String> scoped(Map<String, Object> widgetTokenBody) {
        return bearer(WidgetToken.decode(TestHttp.widgetToken(emulator, TestHttp.operatorToken(emulator), widgetTokenBody)).jwt());
    }

    private static List<String> names(JsonNode list, String field) {
        List<String> names = new ArrayList<>();
        list.get("data").forEach(item -> names.add(item.get(field).asText()));
        return names;
    }

    private static Map<String, Object> postgres(String workspace, String password) {
        return Map.of("workspace_name", workspace, "connector_type", "Postgres", "replication_config",
                Map.of("host", "db", "port", 5432, "database", "app", "username", "u", "password", password));
    }

    @Test
    void listsTheDefaultConnectorsToAnOperator() {
        TestHttp.Result result = call("GET", TEMPLATES, null, operator);
        assertEquals(List.of("GitHub", "Stripe", "Postgres", "HubSpot"), names(result.json(), "name"));
    }

    @Test
    void aWidgetTokenSeesOnlyTheTemplatesItsTagSelectionAllows() {
        Map<String, String> crmOnly = scoped(Map.of("workspace_name", "alice", "allowed_origin", "http://x",
                "selected_source_template_tags", List.of("crm", "database"), "selected_source_template_tags_mode", "any"));
        assertEquals(List.of("Postgres", "HubSpot"), names(call("GET", TEMPLATES, null, crmOnly).json(), "name"));
        Map<String, String> all = scoped(Map.of("workspace_name", "alice", "allowed_origin", "http://x",
                "selected_source_template_tags", List.of("finance", "payments"), "selected_source_template_tags_mode", "all"));
        assertEquals(List.of("Stripe"), names(call("GET", TEMPLATES, null, all).json(), "name"));
        assertEquals(List.of("GitHub"), names(call("GET", TEMPLATES + "?tags=code", null, operator).json(), "name"));
    }

    @Test
    void createsASourceWithRedactedSecretsAndAConnectionPerApplicableTemplate() {
        TestHttp.Result created = call("POST", CONNECTORS, postgres("alice", "pg-secret"), operator);

        assertEquals(200, created.status());
        assertEquals("**********", created.json().get("replication_config").get("password").asText());
        assertFalse(created.body().contains("pg-secret"));
        assertTrue(created.json().get("name").asText().startsWith("Postgres - "));
        EmulatorWorkspace alice = emulator.workspace("alice").orElseThrow();
        assertEquals(1, alice.sources().size());
        assertEquals("**********", alice.sources().get(0).replicationConfig().get("password"));
        assertEquals(List.of("Warehouse", "Lake"), alice.connections().stream().map(EmulatorConnection::destinationName).toList());
        assertFalse(TestHttp.get(emulator, "/_emulator/state").body().contains("pg-secret"));
    }

    @Test
    void theWidgetTokensConnectionTagSelectionChoosesTheConnections() {
        Map<String, String> nightly = scoped(Map.of("workspace_name", "alice", "allowed_origin", "http://x",
                "selected_connection_template_tags", List.of("nightly")));
        assertEquals(200, call("POST", CONNECTORS, postgres("alice", "p"), nightly).status());
        assertEquals(List.of("Warehouse"), emulator.workspace("alice").orElseThrow().connections().stream()
                .map(EmulatorConnection::destinationName).toList());
    }

    @Test
    void listsSourcesByWorkspaceNameForTheOperator() {
        String id = call("POST", CONNECTORS, postgres("alice", "p"), operator).json().get("id").asText();
        call("POST", CONNECTORS, postgres("bob", "p"), operator);

        assertEquals(List.of(id), names(call("GET", CONNECTORS + "?workspace_name=alice", null, operator).json(), "id"));
        assertEquals(2, call("GET", CONNECTORS, null, operator).json().get("data").size());
        assertEquals(0, call("GET", CONNECTORS + "?workspace_name=nobody", null, operator).json().get("data").size());
    }

    @Test
    void aWidgetTokenCannotReachAnotherWorkspace() {
        String bobs = call("POST", CONNECTORS, postgres("bob", "p"), operator).json().get("id").asText();
        Map<String, String> alice = scoped(Map.of("workspace_name", "alice", "allowed_origin", "http://x"));

        assertEquals(403, call("GET", CONNECTORS + "?workspace_name=bob", null, alice).status());
        assertEquals(403, call("GET", CONNECTORS + "/" + bobs, null, alice).status());
        assertEquals(403, call("DELETE", CONNECTORS + "/" + bobs, null, alice).status());
        assertEquals(403, call("POST", CONNECTORS, postgres("bob", "p"), alice).status());
        assertEquals(0, call("GET", CONNECTORS, null, alice).json().get("data").size());
    }

    @Test
    void updateKeepsASecretSentBackMaskedAndReplacesOneSentInClear() {
        String id = call("POST", CONNECTORS, postgres("alice", "first"), operator).json().get("id").asText();

        call("PUT", CONNECTORS + "/" + id, Map.of("replication_config", Map.of("host", "db2", "port", 5432, "database", "app",
                "username", "u", "password", "**********")), operator);
        assertEquals("first", emulator.stateForTests().source(UUID.fromString(id)).orElseThrow().config().get("password").asText());
        assertEquals("db2", emulator.workspace("alice").orElseThrow().sources().get(0).replicationConfig().get("host"));

        call("PUT", CONNECTORS + "/" + id, Map.of("replication_config", Map.of("host", "db2", "port", 5432, "database", "app",
                "username", "u", "password", "second")), operator);
        assertEquals("second", emulator.stateForTests().source(UUID.fromString(id)).orElseThrow().config().get("password").asText());
    }

    @Test
    void theCheckFailsOnTheDocumentedValueAndCreationIsRefused() {
        TestHttp.Result check = call("POST", CONNECTORS + "/check", postgres("alice", AirbyteEmulator.INVALID_CREDENTIAL_VALUE), operator);
        assertEquals("failed", check.json().get("status").asText());
        assertTrue(check.json().get("error_message").asText().contains("password"));

        TestHttp.Result created = call("POST", CONNECTORS, postgres("alice", AirbyteEmulator.INVALID_CREDENTIAL_VALUE), operator);
        assertEquals(400, created.status());
        assertEquals("replication_config.password", created.json().get("errors").get(0).get("field").asText());
        assertTrue(emulator.workspace("alice").orElseThrow().sources().isEmpty());
    }

    @Test
    void missingRequiredFieldsAndWrongTypesAre422() {
        TestHttp.Result result = call("POST", CONNECTORS, Map.of("workspace_name", "alice", "connector_type", "postgres",
                "replication_config", Map.of("host", "db", "port", "5432")), operator);
        assertEquals(422, result.status());
        List<String> fields = new ArrayList<>();
        result.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertEquals(List.of("replication_config.database", "replication_config.username", "replication_config.port"), fields);
        assertEquals(422, call("POST", CONNECTORS, Map.of("workspace_name", "alice", "connector_type", "jira",
                "replication_config", Map.of()), operator).status());
    }

    @Test
    void deleteRemovesTheSourceAndItsConnections() {
        String id = call("POST", CONNECTORS, postgres("alice", "p"), operator).json().get("id").asText();

        assertEquals(202, call("DELETE", CONNECTORS + "/" + id, null, operator).status());

        EmulatorWorkspace alice = emulator.workspace("alice").orElseThrow();
        assertTrue(alice.sources().isEmpty());
        assertTrue(alice.connections().isEmpty());
        assertEquals(404, call("GET", CONNECTORS + "/" + id, null, operator).status());
        assertEquals(404, call("DELETE", CONNECTORS + "/" + id, null, operator).status());
    }

    @Test
    void connectorEndpointsNeedAToken() {
        TestHttp.Result result = call("GET", CONNECTORS, null, Map.of());
        assertEquals(401, result.status());
        assertEquals("missing", result.header("X-Emulator-Auth-Error"));
        emulator.revokeOperatorTokens();
        assertEquals("revoked", call("GET", CONNECTORS, null, operator).header("X-Emulator-Auth-Error"));
        assertEquals(List.of("/request/header/authorization"), TestHttp.takeViolationPointers(emulator));
    }

    @Test
    void customTemplatesReplaceTheDefaults() {
        SourceTemplate jira = SourceTemplate.builder().name("Jira").tags("engineering")
                .connectionSpecificationJson("{\"type\":\"object\",\"required\":[\"api_token\"],"
                        + "\"properties\":{\"api_token\":{\"type\":\"string\",\"airbyte_secret\":true}}}")
                .build();
        try (AirbyteEmulator custom = AirbyteEmulator.builder().sourceTemplates(List.of(jira)).build().start()) {
            Map<String, String> auth = bearer(TestHttp.operatorToken(custom));
            TestHttp.Result list = TestHttp.send(custom, "GET", TEMPLATES, null, auth);
            assertEquals(List.of("Jira"), names(list.json(), "name"));
            assertEquals("jira", list.json().get("data").get(0).get("connector_name").asText());
        }
    }

    @Test
    void templatesCanBeReadFromJsonInTheSpecShape() {
        List<SourceTemplate> templates = SourceTemplate.listFromJson("[{\"name\":\"Jira\",\"connector_name\":\"jira\","
                + "\"tags\":[\"a\"],\"user_config_spec\":{\"connectionSpecification\":{\"properties\":{}}}}]");
        assertEquals("jira", templates.get(0).connectorName());
        assertEquals(List.of("a"), templates.get(0).tags());
        assertEquals(4, SourceTemplate.defaults().size());
    }
}
