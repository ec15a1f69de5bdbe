package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.airbyteembedded.testkit.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/account/applications/scoped-token}, and what a scoped token may do with sources. */
class ScopedTokenEndpointTest {

    private static final String PATH = "/api/v1/account/applications/scoped-token";
    private static final String INFO = "/api/v1/account/applications/scoped-token/info";
    private static final String CONNECTORS = "/api/v1/integrations/connectors";
    private static final String EU = "b9e48d61-f082-4a14-a8d0-799a907938cb";
    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private AirbyteEmulator emulator;
    private String operatorToken;

    @BeforeEach
    void start() {
        emulator = AirbyteEmulator.builder().clock(clock).contractChecks(true).build().start();
        operatorToken = TestHttp.operatorToken(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private TestHttp.Result mint(String bearer, Object body) {
        return TestHttp.send(emulator, "POST", PATH, TestHttp.json(body),
                bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer));
    }

    private String scopedToken(String workspace) {
        TestHttp.Result result = mint(operatorToken, Map.of("workspace_name", workspace));
        assertEquals(200, result.status(), result.body());
        return result.json().get("token").asText();
    }

    private TestHttp.Result call(String method, String path, String bearer) {
        return TestHttp.send(emulator, method, path, null, Map.of("Authorization", "Bearer " + bearer));
    }

    private String createSource(String workspace) {
        TestHttp.Result created = TestHttp.send(emulator, "POST", CONNECTORS, TestHttp.json(Map.of(
                "workspace_name", workspace, "connector_type", "GitHub",
                "replication_config", Map.of("personal_access_token", "ghp_x", "repositories", List.of("octo/a")))),
                Map.of("Authorization", "Bearer " + operatorToken));
        assertEquals(200, created.status(), created.body());
        return created.json().get("id").asText();
    }

    private static List<String> ids(TestHttp.Result list) {
        List<String> ids = new ArrayList<>();
        list.json().get("data").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static JsonNode claims(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length, "a plain JWT, not a widget blob");
        return TestHttp.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    @Test
    void returnsAPlainJwtForTheWorkspaceThatLivesAsLongAsAWidgetToken() throws Exception {
        TestHttp.Result result = mint(operatorToken, Map.of("workspace_name", "alice"));

        assertEquals(200, result.status());
        assertEquals("no-store", result.header("Cache-Control"));
        JsonNode claims = claims(result.json().get("token").asText());
        assertEquals(START.getEpochSecond() + Duration.ofMinutes(20).toSeconds(), claims.get("exp").asLong());
        assertEquals("alice", claims.get("workspace_name").asText());
        assertEquals(emulator.workspace("alice").orElseThrow().id().toString(),
                claims.get(WidgetToken.WORKSPACE_SCOPE_CLAIM).get("workspaceId").asText());
    }

    @Test
    void createsAMissingWorkspaceInTheGivenRegionAndReusesAnExistingOne() {
        scopedToken("alice");
        mint(operatorToken, Map.of("workspace_name", "bob", "region_id", EU));
        scopedToken("alice");

        assertEquals(List.of("alice", "bob"), emulator.workspaces().stream().map(EmulatorWorkspace::name).toList());
        assertEquals(EU, emulator.workspace("bob").orElseThrow().regionId().toString());
    }

    @Test
    void theInfoEndpointNamesTheTokensWorkspace() {
        TestHttp.Result info = call("GET", INFO, scopedToken("alice"));
        assertEquals(200, info.status());
        assertEquals("alice", info.json().get("workspace_name").asText());
    }

    @Test
    void needsAnOperatorToken() {
        assertEquals(401, mint(null, Map.of("workspace_name", "alice")).status());
        TestHttp.Result scoped = mint(scopedToken("alice"), Map.of("workspace_name", "alice"));
        assertEquals(401, scoped.status());
        assertEquals("wrong-type", scoped.header("X-Emulator-Auth-Error"));
        emulator.revokeOperatorTokens();
        assertEquals("revoked", mint(operatorToken, Map.of("workspace_name", "alice")).header("X-Emulator-Auth-Error"));
        assertEquals(List.of("/request/header/authorization"), TestHttp.takeViolationPointers(emulator));
    }

    @Test
    void rejectsAMissingOrBlankWorkspaceNameOrABadRegionWith422() {
        assertEquals(422, mint(operatorToken, Map.of()).status());
        assertEquals(422, mint(operatorToken, Map.of("workspace_name", " ")).status());
        assertEquals(422, mint(operatorToken, Map.of("workspace_name", "alice", "region_id", "eu")).status());
        assertTrue(emulator.workspaces().isEmpty());
        assertEquals(List.of("/request/body/workspace_name", "/request/body/region_id"), TestHttp.takeViolationPointers(emulator));
    }

    @Test
    void expiresWithItsLifetime() {
        String token = scopedToken("alice");
        clock.advance(Duration.ofMinutes(20));
        TestHttp.Result expired = call("GET", CONNECTORS + "?workspace_name=alice", token);
        assertEquals(401, expired.status());
        assertEquals("expired", expired.header("X-Emulator-Auth-Error"));
    }

    @Test
    void aScopedTokenListsGetsAndDeletesItsOwnWorkspacesSources() {
        String alices = createSource("alice");
        createSource("bob");
        String token = scopedToken("alice");

        assertEquals(List.of(alices), ids(call("GET", CONNECTORS + "?workspace_name=alice", token)));
        assertEquals(List.of(alices), ids(call("GET", CONNECTORS, token)));
        assertEquals(200, call("GET", CONNECTORS + "/" + alices, token).status());
        assertEquals(202, call("DELETE", CONNECTORS + "/" + alices, token).status());
        assertTrue(emulator.workspace("alice").orElseThrow().sources().isEmpty());
    }

    @Test
    void aScopedTokenIsRefusedAnotherWorkspacesSourcesAndChangesNothing() {
        String bobs = createSource("bob");
        String token = scopedToken("alice");

        assertEquals(403, call("GET", CONNECTORS + "?workspace_name=bob", token).status());
        assertEquals(403, call("GET", CONNECTORS + "/" + bobs, token).status());
        assertEquals(403, call("DELETE", CONNECTORS + "/" + bobs, token).status());
        assertEquals(1, emulator.workspace("bob").orElseThrow().sources().size());
    }

    @Test
    void theForeignSourceFaultMakesTheListShowEveryWorkspacesSourcesButNotLetThemBeTouched() {
        String alices = createSource("alice");
        String bobs = createSource("bob");
        String token = scopedToken("bob");
        emulator.faults().add(Fault.foreignSource());

        assertEquals(List.of(alices, bobs), ids(call("GET", CONNECTORS + "?workspace_name=bob", token)));
        assertEquals(List.of(alices, bobs), ids(call("GET", CONNECTORS + "?workspace_name=bob", operatorToken)));
        assertEquals(403, call("GET", CONNECTORS + "/" + alices, token).status());
        assertEquals(403, call("DELETE", CONNECTORS + "/" + alices, token).status());
        assertEquals(1, emulator.workspace("alice").orElseThrow().sources().size());
    }

    @Test
    void theForeignSourceFaultCanBeLimitedToSomeCalls() {
        String alices = createSource("alice");
        String token = scopedToken("bob");
        emulator.faults().add(Fault.foreignSource().times(1));

        assertEquals(List.of(alices), ids(call("GET", CONNECTORS + "?workspace_name=bob", token)));
        assertEquals(List.of(), ids(call("GET", CONNECTORS + "?workspace_name=bob", token)));
        assertTrue(emulator.faults().active().isEmpty());
    }

    @Test
    void theForeignSourceFaultIsAddedListedAndCheckedOverHttp() {
        String rule = "{\"endpoint\":\"GET " + CONNECTORS + "\",\"kind\":\"foreign-source\",\"times\":2}";
        TestHttp.Result added = TestHttp.post(emulator, "/_emulator/faults", rule);
        assertEquals(201, added.status(), added.body());
        assertEquals(Fault.foreignSource().times(2), emulator.faults().active().get(0));
        JsonNode listed = TestHttp.get(emulator, "/_emulator/faults").json().get(0);
        assertEquals("foreign-source", listed.get("kind").asText());
        assertEquals("GET " + CONNECTORS, listed.get("endpoint").asText());

        TestHttp.Result elsewhere = TestHttp.post(emulator, "/_emulator/faults",
                "{\"endpoint\":\"DELETE " + CONNECTORS + "\",\"kind\":\"foreign-source\"}");
        assertEquals(422, elsewhere.status());
        assertEquals("endpoint", elsewhere.json().get("errors").get(0).get("field").asText());
        assertEquals(422, TestHttp.post(emulator, "/_emulator/faults",
                "{\"endpoint\":\"GET " + CONNECTORS + "\",\"kind\":\"foreign-source\",\"status\":500}").status());
        assertEquals(1, emulator.faults().active().size());
    }

    @Test
    void theForeignSourceFaultDoesNotChangeOtherEndpoints() {
        emulator.faults().add(Fault.foreignSource());
        assertFalse(scopedToken("alice").isEmpty());
        assertEquals(200, TestHttp.get(emulator, "/_emulator/calls").status());
        assertEquals("foreign-source", Fault.Kind.FOREIGN_SOURCE.wireName());
        assertEquals("Fault{foreign-source GET " + CONNECTORS + "}", Fault.foreignSource().toString());
    }
}
