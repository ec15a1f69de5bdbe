package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint the emulator implements answers in the shapes of the vendor's OpenAPI spec. */
class OpenApiContractTest {

    private static final String TOKEN = "/api/v1/account/applications/token";
    private static final String WIDGET_TOKEN = "/api/v1/account/applications/widget-token";
    private static final String SCOPED_TOKEN = "/api/v1/account/applications/scoped-token";
    private static final String INFO = "/api/v1/account/applications/scoped-token/info";
    private static final String TEMPLATES = "/api/v1/integrations/templates/sources";
    private static final String CONNECTION_TEMPLATES = "/api/v1/integrations/templates/connections";
    private static final String CONNECTORS = "/api/v1/integrations/connectors";

    private static OpenApiSpec spec;

    private AirbyteEmulator emulator;
    private String operator;
    private Map<String, String> auth;

    @BeforeAll
    static void loadSpec() {
        spec = OpenApiSpec.load();
    }

    @BeforeEach
    void start() {
        emulator = AirbyteEmulator.builder()
                .connectionTemplates(List.of(ConnectionTemplate.builder("Warehouse").cronExpression("0 0 * * *").tags("nightly").build()))
                .build().start();
        operator = TestHttp.operatorToken(emulator);
        auth = Map.of("Authorization", "Bearer " + operator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private TestHttp.Result call(String method, String path, Object body, Map<String, String> headers) {
        return TestHttp.send(emulator, method, path, body == null ? null : TestHttp.json(body), headers);
    }

    private String createGithubSource() {
        TestHttp.Result created = call("POST", CONNECTORS, Map.of("workspace_name", "alice", "connector_type", "GitHub",
                "replication_config", Map.of("personal_access_token", "ghp_x", "repositories", List.of("octo/a"))), auth);
        spec.assertConforms("POST", CONNECTORS, created);
        return created.json().get("id").asText();
    }

    @Test
    void tokenEndpointResponsesConform() {
        spec.assertConforms("POST", TOKEN, call("POST", TOKEN, Map.of("client_id", AirbyteEmulator.DEFAULT_CLIENT_ID,
                "client_secret", AirbyteEmulator.DEFAULT_CLIENT_SECRET), Map.of()));
        TestHttp.Result invalid = call("POST", TOKEN, Map.of(), Map.of());
        assertEquals(422, invalid.status());
        spec.assertConforms("POST", TOKEN, invalid);
        TestHttp.Result forbidden = call("POST", TOKEN, Map.of("client_id", "a", "client_secret", "b"),
                Map.of("X-Organization-Id", "00000000-0000-0000-0000-000000000001"));
        assertEquals(403, forbidden.status());
        spec.assertConforms("POST", TOKEN, forbidden);
    }

    @Test
    void widgetTokenResponsesConform() {
        spec.assertConforms("POST", WIDGET_TOKEN, call("POST", WIDGET_TOKEN,
                Map.of("workspace_name", "alice", "allowed_origin", "http://localhost:8080"), auth));
        TestHttp.Result invalid = call("POST", WIDGET_TOKEN, Map.of("workspace_name", "alice"), auth);
        assertEquals(422, invalid.status());
        spec.assertConforms("POST", WIDGET_TOKEN, invalid);
    }

    @Test
    void scopedTokenResponsesConform() {
        TestHttp.Result minted = call("POST", SCOPED_TOKEN, Map.of("workspace_name", "alice"), auth);
        assertEquals(200, minted.status());
        spec.assertConforms("POST", SCOPED_TOKEN, minted);
        TestHttp.Result invalid = call("POST", SCOPED_TOKEN, Map.of("region_id", "eu"), auth);
        assertEquals(422, invalid.status());
        spec.assertConforms("POST", SCOPED_TOKEN, invalid);
        String jwt = minted.json().get("token").asText();
        spec.assertConforms("GET", INFO, call("GET", INFO, null, Map.of("Authorization", "Bearer " + jwt)));
    }

    @Test
    void connectorResponsesToAScopedTokenConformAlsoUnderTheForeignSourceFault() {
        String alices = createGithubSource();
        Map<String, String> bob = Map.of("Authorization", "Bearer "
                + call("POST", SCOPED_TOKEN, Map.of("workspace_name", "bob"), auth).json().get("token").asText());
        spec.assertConforms("GET", CONNECTORS, call("GET", CONNECTORS + "?workspace_name=bob", null, bob));
        emulator.faults().add(Fault.foreignSource());
        TestHttp.Result foreign = call("GET", CONNECTORS + "?workspace_name=bob", null, bob);
        assertEquals(1, foreign.json().get("data").size());
        spec.assertConforms("GET", CONNECTORS, foreign);
        TestHttp.Result refused = call("GET", CONNECTORS + "/" + alices, null, bob);
        assertEquals(403, refused.status());
        spec.assertConforms("GET", CONNECTORS + "/{id}", refused);
        TestHttp.Result notDeleted = call("DELETE", CONNECTORS + "/" + alices, null, bob);
        assertEquals(403, notDeleted.status());
        spec.assertConforms("DELETE", CONNECTORS + "/{id}", notDeleted);
    }

    @Test
    void scopedTokenInfoConforms() {
        String jwt = WidgetToken.decode(TestHttp.widgetToken(emulator, "alice", "http://localhost:8080")).jwt();
        spec.assertConforms("GET", INFO, call("GET", INFO, null, Map.of("Authorization", "Bearer " + jwt)));
    }

    @Test
    void templateResponsesConform() {
        TestHttp.Result list = call("GET", TEMPLATES, null, auth);
        spec.assertConforms("GET", TEMPLATES, list);
        String id = list.json().get("data").get(0).get("id").asText();
        spec.assertConforms("GET", TEMPLATES + "/{id}", call("GET", TEMPLATES + "/" + id, null, auth));
        spec.assertConforms("GET", CONNECTION_TEMPLATES, call("GET", CONNECTION_TEMPLATES, null, auth));
        String jwt = WidgetToken.decode(TestHttp.widgetToken(emulator, "alice", "http://localhost:8080")).jwt();
        spec.assertConforms("GET", TEMPLATES, call("GET", TEMPLATES + "?tags=database&tags_mode=any", null,
                Map.of("Authorization", "Bearer " + jwt)));
    }

    @Test
    void connectorResponsesConform() {
        String id = createGithubSource();
        spec.assertConforms("GET", CONNECTORS, call("GET", CONNECTORS + "?workspace_name=alice", null, auth));
        spec.assertConforms("GET", CONNECTORS + "/{id}", call("GET", CONNECTORS + "/" + id, null, auth));
        spec.assertConforms("PUT", CONNECTORS + "/{id}", call("PUT", CONNECTORS + "/" + id,
                Map.of("name", "Renamed", "replication_config", Map.of("personal_access_token", "**********",
                        "repositories", List.of("octo/b"))), auth));
        spec.assertConforms("POST", CONNECTORS + "/{id}/check", call("POST", CONNECTORS + "/" + id + "/check",
                Map.of("replication_config", Map.of("personal_access_token", "invalid", "repositories", List.of("octo/b"))), auth));
        TestHttp.Result deleted = call("DELETE", CONNECTORS + "/" + id, null, auth);
        assertEquals(202, deleted.status());
        spec.assertConforms("DELETE", CONNECTORS + "/{id}", deleted);
    }

    @Test
    void checkResponsesConformWhetherTheCheckSucceedsOrFails() {
        Map<String, Object> config = Map.of("host", "db", "port", 5432, "database", "app", "username", "u");
        TestHttp.Result ok = call("POST", CONNECTORS + "/check",
                Map.of("workspace_name", "alice", "connector_type", "postgres", "replication_config", config), auth);
        assertEquals("succeeded", ok.json().get("status").asText());
        spec.assertConforms("POST", CONNECTORS + "/check", ok);
        TestHttp.Result failed = call("POST", CONNECTORS + "/check", Map.of("workspace_name", "alice",
                "connector_type", "postgres", "replication_config", Map.of("host", "invalid", "port", 5432, "database", "app",
                        "username", "u")), auth);
        assertEquals("failed", failed.json().get("status").asText());
        spec.assertConforms("POST", CONNECTORS + "/check", failed);
    }

    @Test
    void connectorErrorResponsesConform() {
        TestHttp.Result missing = call("POST", CONNECTORS, Map.of("workspace_name", "alice", "connector_type", "postgres",
                "replication_config", Map.of("host", "db")), auth);
        assertEquals(422, missing.status());
        spec.assertConforms("POST", CONNECTORS, missing);
        TestHttp.Result rejected = call("POST", CONNECTORS, Map.of("workspace_name", "alice", "connector_type", "github",
                "replication_config", Map.of("personal_access_token", "invalid", "repositories", List.of("o/r"))), auth);
        assertEquals(400, rejected.status());
        spec.assertConforms("POST", CONNECTORS, rejected);
        String jwt = WidgetToken.decode(TestHttp.widgetToken(emulator, "bob", "http://localhost:8080")).jwt();
        TestHttp.Result forbidden = call("GET", CONNECTORS + "?workspace_name=alice", null, Map.of("Authorization", "Bearer " + jwt));
        createGithubSource();
        forbidden = call("GET", CONNECTORS + "?workspace_name=alice", null, Map.of("Authorization", "Bearer " + jwt));
        assertEquals(403, forbidden.status());
        spec.assertConforms("GET", CONNECTORS, forbidden);
    }

    @Test
    void theValidatorCatchesAResponseThatBreaksTheSpec() throws Exception {
        var schema = spec.responseSchema("POST", TOKEN, 200);
        var broken = TestHttp.MAPPER.readTree("{\"access_token\":\"x\",\"token_type\":\"bearer\",\"organization_id\":\"nope\"}");
        assertEquals(2, spec.validator().validate(schema, broken).size());
    }
}
