package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.airbyteembedded.testkit.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WidgetTokenEndpointTest {

    private static final String PATH = "/api/v1/account/applications/widget-token";
    private static final String DEPRECATED_PATH = "/api/v1/embedded/widget-token";
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

    /** The emulator's own validation, which answers when contract checks are off (ContractChecksTest covers them). */
    private void withoutContractChecks() {
        emulator.close();
        emulator = AirbyteEmulator.builder().clock(clock).contractChecks(false).build().start();
        operatorToken = TestHttp.operatorToken(emulator);
    }

    private TestHttp.Result mint(String path, String bearer, Object body) {
        return TestHttp.send(emulator, "POST", path, TestHttp.json(body),
                bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer));
    }

    @Test
    void returnsStandardPaddedBase64OfAsciiJsonWithTokenAndWidgetUrl() throws Exception {
        TestHttp.Result result = mint(PATH, operatorToken,
                Map.of("workspace_name", "alice", "allowed_origin", "http://localhost:8080"));

        assertEquals(200, result.status());
        String token = result.json().get("token").asText();
        assertTrue(token.matches("[A-Za-z0-9+/]+={0,2}"), "standard base64 alphabet");
        assertEquals(0, token.length() % 4, "padded");
        byte[] decoded = Base64.getDecoder().decode(token);
        String json = new String(decoded, StandardCharsets.US_ASCII);
        assertTrue(json.chars().allMatch(c -> c < 128), "ASCII JSON");
        JsonNode blob = TestHttp.MAPPER.readTree(json);
        List<String> keys = List.copyOf(iterable(blob.fieldNames()));
        assertEquals(List.of("token", "widgetUrl"), keys);
        assertEquals(3, blob.get("token").asText().split("\\.").length);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new java.util.ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    @Test
    void widgetUrlPointsAtTheEmulatorWithWorkspaceIdAndUrlEncodedOrigin() {
        String token = TestHttp.widgetToken(emulator, "alice", "http://localhost:8080");
        WidgetToken decoded = WidgetToken.decode(token);

        UUID workspaceId = emulator.workspace("alice").orElseThrow().id();
        assertEquals(emulator.widgetPageOrigin() + "/embedded-widget?workspaceId=" + workspaceId
                + "&allowedOrigin=http%3A%2F%2Flocalhost%3A8080", decoded.widgetUrl().toString());
        assertEquals(workspaceId, decoded.workspaceId());
        assertEquals("http://localhost:8080", decoded.allowedOrigin());
    }

    @Test
    void innerJwtIsHs256AndCarriesScopeOriginExpiryAndTagSelection() throws Exception {
        String token = TestHttp.widgetToken(emulator, operatorToken, Map.of(
                "workspace_name", "alice",
                "allowed_origin", "https://app.example.com",
                "selected_source_template_tags", List.of("crm"),
                "selected_source_template_tags_mode", "all",
                "selected_connection_template_tags", List.of("nightly"),
                "selected_connection_template_tags_mode", "any"));
        WidgetToken decoded = WidgetToken.decode(token);

        JsonNode header = TestHttp.MAPPER.readTree(Base64.getUrlDecoder().decode(decoded.jwt().split("\\.")[0]));
        assertEquals("HS256", header.get("alg").asText());
        assertEquals(START, decoded.issuedAt());
        assertEquals(START.plus(Duration.ofMinutes(20)), decoded.expiresAt());
        Map<String, Object> claims = decoded.claims();
        assertEquals(emulator.baseUri().toString(), claims.get("iss"));
        assertEquals(AirbyteEmulator.DEFAULT_CLIENT_ID, claims.get("sub"));
        assertEquals("io.airbyte.auth.embedded_v1", claims.get("typ"));
        assertEquals(Map.of("workspaceId", decoded.workspaceId().toString()), claims.get("io.airbyte.auth.workspace_scope"));
        assertEquals("https://app.example.com", claims.get("allowed_origin"));
        assertEquals(List.of("crm"), claims.get("selected_source_template_tags"));
        assertEquals("all", claims.get("selected_source_template_tags_mode"));
        assertEquals(List.of("nightly"), claims.get("selected_connection_template_tags"));
        assertEquals("any", claims.get("selected_connection_template_tags_mode"));
    }

    @Test
    void widgetTokenLifetimeIsConfigurable() {
        try (AirbyteEmulator other = AirbyteEmulator.builder().clock(clock)
                .widgetTokenLifetime(Duration.ofMinutes(5)).build().start()) {
            WidgetToken decoded = WidgetToken.decode(TestHttp.widgetToken(other, "bob", "http://localhost:1"));
            assertEquals(START.plus(Duration.ofMinutes(5)), decoded.expiresAt());
        }
    }

    @Test
    void reusesTheWorkspaceOfTheSameNameAndCreatesOneForANewName() {
        WidgetToken first = WidgetToken.decode(TestHttp.widgetToken(emulator, "alice", "http://localhost:8080"));
        WidgetToken second = WidgetToken.decode(TestHttp.widgetToken(emulator, "alice", "http://localhost:9090"));
        WidgetToken other = WidgetToken.decode(TestHttp.widgetToken(emulator, "bob", "http://localhost:8080"));

        assertEquals(first.workspaceId(), second.workspaceId());
        assertNotEquals(first.workspaceId(), other.workspaceId());
        assertEquals(List.of("alice", "bob"), emulator.workspaces().stream().map(EmulatorWorkspace::name).toList());
    }

    @Test
    void deprecatedPathBehavesTheSame() {
        TestHttp.Result result = mint(DEPRECATED_PATH, operatorToken,
                Map.of("workspace_name", "alice", "allowed_origin", "http://localhost:8080"));
        assertEquals(200, result.status());
        assertEquals("http://localhost:8080", WidgetToken.decode(result.json().get("token").asText()).allowedOrigin());
        assertEquals(401, mint(DEPRECATED_PATH, null, Map.of("workspace_name", "a", "allowed_origin", "b")).status());
        assertEquals(2, emulator.callCount("POST " + DEPRECATED_PATH));
        assertEquals(0, emulator.callCount("POST " + PATH));
        assertEquals(List.of("/request/header/authorization"), TestHttp.takeViolationPointers(emulator));
    }

    @Test
    void rejectsMissingFieldsWith422InTheVendorErrorShape() {
        withoutContractChecks();
        TestHttp.Result result = mint(PATH, operatorToken, Map.of("region_id", "not-a-uuid"));

        assertEquals(422, result.status());
        JsonNode body = result.json();
        assertTrue(body.get("message").isTextual());
        List<String> fields = iterable(body.get("errors").elements()).stream().map(e -> e.get("field").asText()).toList();
        assertEquals(List.of("workspace_name", "allowed_origin", "region_id"), fields);
        for (JsonNode error : body.get("errors")) {
            assertTrue(error.has("message") && error.has("error_code") && error.has("details"));
        }
    }

    @Test
    void rejectsAnUnknownTagModeWith422() {
        withoutContractChecks();
        TestHttp.Result result = mint(PATH, operatorToken, Map.of("workspace_name", "a", "allowed_origin", "http://x",
                "selected_source_template_tags_mode", "some"));
        assertEquals(422, result.status());
        assertEquals("selected_source_template_tags_mode", result.json().get("errors").get(0).get("field").asText());
    }

    @Test
    void rejectsAMissingOrUnknownBearerWith401() {
        Map<String, String> body = Map.of("workspace_name", "alice", "allowed_origin", "http://localhost:8080");
        assertEquals(401, mint(PATH, null, body).status());
        assertEquals(401, mint(PATH, "not-a-token", body).status());
        TestHttp.Result result = mint(PATH, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.c2ln", body);
        assertEquals(401, result.status());
        assertEquals("Invalid authentication credentials", result.json().get("detail").asText());
        assertTrue(emulator.workspaces().isEmpty());
        assertEquals(List.of("/request/header/authorization"), TestHttp.takeViolationPointers(emulator));
    }

    @Test
    void rejectsATokenFromAnotherEmulatorWith401() {
        try (AirbyteEmulator other = AirbyteEmulator.builder().build().start()) {
            String foreign = TestHttp.operatorToken(other);
            assertEquals(401, mint(PATH, foreign, Map.of("workspace_name", "a", "allowed_origin", "http://x")).status());
        }
    }

    @Test
    void rejectsAnExpiredOperatorTokenWith401() {
        Map<String, String> body = Map.of("workspace_name", "alice", "allowed_origin", "http://localhost:8080");
        clock.advance(Duration.ofSeconds(899));
        assertEquals(200, mint(PATH, operatorToken, body).status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(401, mint(PATH, operatorToken, body).status());
    }

    @Test
    void rejectsRevokedOperatorTokensWith401ButAcceptsNewOnes() {
        Map<String, String> body = Map.of("workspace_name", "alice", "allowed_origin", "http://localhost:8080");
        emulator.revokeOperatorTokens();
        assertEquals(401, mint(PATH, operatorToken, body).status());
        assertEquals(200, mint(PATH, TestHttp.operatorToken(emulator), body).status());
    }

    @Test
    void rejectsAScopedWidgetJwtUsedAsOperatorTokenWith401() {
        String jwt = WidgetToken.decode(TestHttp.widgetToken(emulator, "alice", "http://localhost:8080")).jwt();
        assertEquals(401, mint(PATH, jwt, Map.of("workspace_name", "bob", "allowed_origin", "http://x")).status());
    }

    @Test
    void rejectsAnotherOrganizationWith403() {
        TestHttp.Result result = TestHttp.send(emulator, "POST", PATH,
                TestHttp.json(Map.of("workspace_name", "alice", "allowed_origin", "http://localhost:8080")),
                Map.of("Authorization", "Bearer " + operatorToken, "X-Organization-Id", UUID.randomUUID().toString()));
        assertEquals(403, result.status());
        assertTrue(emulator.workspaces().isEmpty());
    }

    @Test
    void scopedTokenInfoNamesTheWorkspaceOfAWidgetJwt() {
        WidgetToken token = WidgetToken.decode(TestHttp.widgetToken(emulator, "alice", "http://localhost:8080"));
        TestHttp.Result result = TestHttp.send(emulator, "GET", "/api/v1/account/applications/scoped-token/info", null,
                Map.of("Authorization", "Bearer " + token.jwt()));
        assertEquals(200, result.status());
        assertEquals("alice", result.json().get("workspace_name").asText());
        assertEquals(token.workspaceId().toString(), result.json().get("workspace_id").asText());
        assertEquals(emulator.organizationId().toString(), result.json().get("organization_id").asText());

        clock.advance(Duration.ofMinutes(20));
        assertEquals(401, TestHttp.send(emulator, "GET", "/api/v1/account/applications/scoped-token/info", null,
                Map.of("Authorization", "Bearer " + token.jwt())).status());
    }
}
