package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint the emulator implements answers in the shapes of the vendor's OpenAPI spec: the
 * emulator's contract checks validate each call and answer here, and closing the emulator fails the
 * test on any violation left.
 */
class OpenApiContractTest {

    private static final String TOKEN = "/api/v1/account/applications/token";
    private static final String WIDGET_TOKEN = "/api/v1/account/applications/widget-token";
    private static final String SCOPED_TOKEN = "/api/v1/account/applications/scoped-token";
    private static final String INFO = "/api/v1/account/applications/scoped-token/info";
    private static final String TEMPLATES = "/api/v1/integrations/templates/sources";
    private static final String CONNECTION_TEMPLATES = "/api/v1/integrations/templates/connections";
    private static final String CONNECTORS = "/api/v1/integrations/connectors";

    private AirbyteEmulator emulator;
    private String operator;
    private Map<String, String> auth;

    @BeforeEach
    void start() {
        emulator = AirbyteEmulator.builder().contractChecks(true)
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

    /** A call the contract checks saw; they fail the test at close when it, or the answer, broke the contract. */
    private static TestHttp.Result conforms(TestHttp.Result result) {
        return result;
    }

    private String createGithubSource() {
        TestHttp.Result created = call("POST", CONNECTORS, Map.of("workspace_name", "alice", "connector_type", "GitHub",
                "replication_config", Map.of("personal_access_token", "ghp_x", "repositories", List.of("octo/a"))), auth);
        conforms(created);
        return created.json().get("id").asText();
    }

    @Test
    void tokenEndpointResponsesConform() {
        conforms(call("POST", TOKEN, Map.of("client_id", AirbyteEmulator.DEFAULT_CLIENT_ID,
                "client_secret", AirbyteEmulator.DEFAULT_CLIENT_SECRET), Map.of()));
        TestHttp.Result forbidden = call("POST", TOKEN, Map.of("client_id", "a", "client_secret", "b"),
                Map.of("X-Organization-Id", "00000000-0000-0000-0000-000000000001"));
        assertEquals(403, forbidden.status());
        conforms(forbidden);
    }

    @Test
    void widgetTokenResponsesConform() {
        conforms(call("POST", WIDGET_TOKEN,
                Map.of("workspace_name", "alice", "allowed_origin", "http://localhost:8080"), auth));
    }

    @Test
    void scopedTokenResponsesConform() {
        TestHttp.Result minted = call("POST", SCOPED_TOKEN, Map.of("workspace_name", "alice"), auth);
        assertEquals(200, minted.status());
        conforms(minted);
        String jwt = minted.json().get("token").asText();
        conforms(call("GET", INFO, null, Map.of("Authorization", "Bearer " + jwt)));
    }

    @Test
    void connectorResponsesToAScopedTokenConformAlsoUnderTheForeignSourceFault() {
        String alices = createGithubSource();
        Map<String, String> bob = Map.of("Authorization", "Bearer "
                + call("POST", SCOPED_TOKEN, Map.of("workspace_name", "bob"), auth).json().get("token").asText());
        conforms(call("GET", CONNECTORS + "?workspace_name=bob", null, bob));
        emulator.faults().add(Fault.foreignSource());
        TestHttp.Result foreign = call("GET", CONNECTORS + "?workspace_name=bob", null, bob);
        assertEquals(1, foreign.json().get("data").size());
        conforms(foreign);
        TestHttp.Result refused = call("GET", CONNECTORS + "/" + alices, null, bob);
        assertEquals(403, refused.status());
        conforms(refused);
        TestHttp.Result notDeleted = call("DELETE", CONNECTORS + "/" + alices, null, bob);
        assertEquals(403, notDeleted.status());
        conforms(notDeleted);
    }

    @Test
    void scopedTokenInfoConforms() {
        String jwt = WidgetToken.decode(TestHttp.widgetToken(emulator, "alice", "http://localhost:8080")).jwt();
        conforms(call("GET", INFO, null, Map.of("Authorization", "Bearer " + jwt)));
    }

    @Test
    void templateResponsesConform() {
        TestHttp.Result list = call("GET", TEMPLATES, null, auth);
        conforms(list);
        String id = list.json().get("data").get(0).get("id").asText();
        conforms(call("GET", TEMPLATES + "/" + id, null, auth));
        conforms(call("GET", CONNECTION_TEMPLATES, null, auth));
        String jwt = WidgetToken.decode(TestHttp.widgetToken(emulator, "alice", "http://localhost:8080")).jwt();
        conforms(call("GET", TEMPLATES + "?tags=database&tags_mode=any", null,
                Map.of("Authorization", "Bearer " + jwt)));
    }

    @Test
    void connectorResponsesConform() {
        String id = createGithubSource();
        conforms(call("GET", CONNECTORS + "?workspace_name=alice", null, auth));
        conforms(call("GET", CONNECTORS + "/" + id, null, auth));
        conforms(call("PUT", CONNECTORS + "/" + id,
                Map.of("name", "Renamed", "replication_config", Map.of("personal_access_token", "**********",
                        "repositories", List.of("octo/b"))), auth));
        conforms(call("POST", CONNECTORS + "/" + id + "/check",
                Map.of("replication_config", Map.of("personal_access_token", "invalid", "repositories", List.of("octo/b"))), auth));
        TestHttp.Result deleted = call("DELETE", CONNECTORS + "/" + id, null, auth);
        assertEquals(202, deleted.status());
        conforms(deleted);
    }

    @Test
    void checkResponsesConformWhetherTheCheckSucceedsOrFails() {
        Map<String, Object> config = Map.of("host", "db", "port", 5432, "database", "app", "username", "u");
        TestHttp.Result ok = call("POST", CONNECTORS + "/check",
                Map.of("workspace_name", "alice", "connector_type", "postgres", "replication_config", config), auth);
        assertEquals("succeeded", ok.json().get("status").asText());
        conforms(ok);
        TestHttp.Result failed = call("POST", CONNECTORS + "/check", Map.of("workspace_name", "alice",
                "connector_type", "postgres", "replication_config", Map.of("host", "invalid", "port", 5432, "database", "app",
                        "username", "u")), auth);
        assertEquals("failed", failed.json().get("status").asText());
        conforms(failed);
    }

    @Test
    void connectorErrorResponsesConform() {
        TestHttp.Result missing = call("POST", CONNECTORS, Map.of("workspace_name", "alice", "connector_type", "postgres",
                "replication_config", Map.of("host", "db")), auth);
        assertEquals(422, missing.status());
        conforms(missing);
        TestHttp.Result rejected = call("POST", CONNECTORS, Map.of("workspace_name", "alice", "connector_type", "github",
                "replication_config", Map.of("personal_access_token", "invalid", "repositories", List.of("o/r"))), auth);
        assertEquals(400, rejected.status());
        conforms(rejected);
        String jwt = WidgetToken.decode(TestHttp.widgetToken(emulator, "bob", "http://localhost:8080")).jwt();
        TestHttp.Result forbidden = call("GET", CONNECTORS + "?workspace_name=alice", null, Map.of("Authorization", "Bearer " + jwt));
        createGithubSource();
        forbidden = call("GET", CONNECTORS + "?workspace_name=alice", null, Map.of("Authorization", "Bearer " + jwt));
        assertEquals(403, forbidden.status());
        conforms(forbidden);
    }

    @Test
    void theEmulatorsOwnRefusalsWithoutContractChecksConform() {
        try (AirbyteEmulator lenient = AirbyteEmulator.builder().contractChecks(false).build().start()) {
            Map<String, String> operator = Map.of("Authorization", "Bearer " + TestHttp.operatorToken(lenient));
            assertAnswerConforms("POST", TOKEN, TestHttp.send(lenient, "POST", TOKEN, "{}", Map.of()), 422);
            assertAnswerConforms("POST", TOKEN, TestHttp.send(lenient, "POST", TOKEN, "{}",
                    Map.of("X-Organization-Id", "not-a-uuid")), 422);
            assertAnswerConforms("POST", WIDGET_TOKEN, TestHttp.send(lenient, "POST", WIDGET_TOKEN,
                    TestHttp.json(Map.of("workspace_name", "alice")), operator), 422);
            assertAnswerConforms("POST", SCOPED_TOKEN, TestHttp.send(lenient, "POST", SCOPED_TOKEN,
                    TestHttp.json(Map.of("region_id", "eu")), operator), 422);
            assertAnswerConforms("GET", CONNECTORS, TestHttp.send(lenient, "GET", CONNECTORS + "/not-a-uuid", null, operator), 422);
        }
    }

    private static void assertAnswerConforms(String method, String path, TestHttp.Result result, int status) {
        assertEquals(status, result.status(), result.body());
        Request request = new Request(method, path, null, Map.of(), new byte[0]);
        Response answer = Response.text(result.status(), result.header("Content-Type"), result.body());
        assertEquals(List.of(), OpenApiContract.instance().checkResponse(request, answer));
    }

    @Test
    void aCallThatBreaksTheContractIsRefusedAndRecordedNamingTheOperationAndPointer() {
        TestHttp.Result invalid = call("POST", TOKEN, Map.of(), Map.of());
        assertEquals(422, invalid.status());
        TestHttp.Result badRegion = call("POST", SCOPED_TOKEN, Map.of("region_id", "eu"), auth);
        assertEquals(422, badRegion.status());
        TestHttp.Result badHeader = call("POST", TOKEN, Map.of("client_id", "a", "client_secret", "b"),
                Map.of("X-Organization-Id", "not-a-uuid"));
        assertEquals(422, badHeader.status());

        List<ContractViolation> violations = emulator.takeContractViolations();
        assertEquals(List.of("create_account_applications_token", "create_account_applications_scoped_token"),
                violations.stream().map(ContractViolation::operation).distinct().toList());
        assertEquals(Set.of("/request/body/client_id", "/request/body/client_secret", "/request/body/workspace_name",
                "/request/body/region_id", "/request/header/x-organization-id"),
                violations.stream().map(ContractViolation::pointer).collect(Collectors.toSet()));
    }

    @Test
    void anAnswerThatBreaksTheSpecIsReportedWithItsPointer() {
        Request request = new Request("POST", TOKEN, null, Map.of(), new byte[0]);
        Response broken = Response.json(200, Json.parse(
                "{\"access_token\":\"x\",\"token_type\":\"bearer\",\"organization_id\":\"nope\",\"extra\":1}").orElseThrow());

        List<ContractViolation> violations = OpenApiContract.instance().checkResponse(request, broken);

        assertEquals(Set.of("/response/body/expires_in", "/response/body/organization_id", "/response/body/extra"),
                violations.stream().map(ContractViolation::pointer).collect(Collectors.toSet()));
        violations.forEach(violation -> assertEquals("create_account_applications_token", violation.operation()));
    }
}
