package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OperatorTokenEndpointTest {

    private static final String PATH = "/api/v1/account/applications/token";
    private static final UUID ORG = UUID.fromString("11111111-2222-3333-4444-555555555555");

    private AirbyteEmulator emulator;

    @BeforeEach
    void start() {
        emulator = AirbyteEmulator.builder().clientId("id").clientSecret("s3cret-value").organizationId(ORG)
                .contractChecks(true).build().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** The emulator's own validation, which answers when contract checks are off (ContractChecksTest covers them). */
    private void withoutContractChecks() {
        emulator.close();
        emulator = AirbyteEmulator.builder().clientId("id").clientSecret("s3cret-value").organizationId(ORG)
                .contractChecks(false).build().start();
    }

    @Test
    void issuesABearerTokenForTheConfiguredCredentials() {
        TestHttp.Result result = TestHttp.post(emulator, PATH, "{\"client_id\":\"id\",\"client_secret\":\"s3cret-value\"}");

        assertEquals(200, result.status());
        JsonNode body = result.json();
        assertFalse(body.get("access_token").asText().isBlank());
        assertEquals("bearer", body.get("token_type").asText());
        assertEquals(900, body.get("expires_in").asInt());
        assertEquals(ORG.toString(), body.get("organization_id").asText());
        assertEquals("application/json", result.header("Content-Type"));
    }

    @Test
    void reportsTheConfiguredOperatorTokenLifetime() {
        try (AirbyteEmulator shortLived = AirbyteEmulator.builder().operatorTokenLifetime(Duration.ofSeconds(60))
                .build().start()) {
            TestHttp.Result result = TestHttp.post(shortLived, PATH, TestHttp.json(Map.of(
                    "client_id", AirbyteEmulator.DEFAULT_CLIENT_ID,
                    "client_secret", AirbyteEmulator.DEFAULT_CLIENT_SECRET)));
            assertEquals(60, result.json().get("expires_in").asInt());
        }
    }

    @Test
    void rejectsAWrongSecretWith401InTheFastApiShape() {
        TestHttp.Result result = TestHttp.post(emulator, PATH, "{\"client_id\":\"id\",\"client_secret\":\"wrong-guess\"}");

        assertEquals(401, result.status());
        assertEquals("Invalid authentication credentials", result.json().get("detail").asText());
        assertFalse(result.body().contains("wrong-guess"));
        assertFalse(result.body().contains("s3cret-value"));
    }

    @Test
    void rejectsAWrongClientIdWith401() {
        TestHttp.Result result = TestHttp.post(emulator, PATH, "{\"client_id\":\"other\",\"client_secret\":\"s3cret-value\"}");
        assertEquals(401, result.status());
    }

    @Test
    void rejectsMissingFieldsWith422NamingEachField() {
        withoutContractChecks();
        TestHttp.Result result = TestHttp.post(emulator, PATH, "{}");

        assertEquals(422, result.status());
        JsonNode errors = result.json().get("errors");
        assertEquals(2, errors.size());
        assertEquals("client_id", errors.get(0).get("field").asText());
        assertEquals("missing", errors.get(0).get("error_code").asText());
        assertEquals("client_secret", errors.get(1).get("field").asText());
        assertTrue(result.json().get("message").isTextual());
    }

    @Test
    void rejectsANonStringFieldWith422() {
        withoutContractChecks();
        TestHttp.Result result = TestHttp.post(emulator, PATH, "{\"client_id\":1,\"client_secret\":\"s3cret-value\"}");
        assertEquals(422, result.status());
        assertEquals("client_id", result.json().get("errors").get(0).get("field").asText());
    }

    @Test
    void rejectsMalformedJsonWith422() {
        assertEquals(422, TestHttp.post(emulator, PATH, "{\"client_id\":").status());
        assertEquals(422, TestHttp.post(emulator, PATH, "[]").status());
        assertEquals(422, TestHttp.post(emulator, PATH, null).status());
        assertEquals(List.of("/request/body"), TestHttp.takeViolationPointers(emulator));
    }

    @Test
    void acceptsTheMatchingOrganizationHeader() {
        TestHttp.Result result = TestHttp.send(emulator, "POST", PATH,
                "{\"client_id\":\"id\",\"client_secret\":\"s3cret-value\"}", Map.of("X-Organization-Id", ORG.toString()));
        assertEquals(200, result.status());
    }

    @Test
    void rejectsAnotherOrganizationWith403() {
        TestHttp.Result result = TestHttp.send(emulator, "POST", PATH,
                "{\"client_id\":\"id\",\"client_secret\":\"s3cret-value\"}",
                Map.of("X-Organization-Id", UUID.randomUUID().toString()));
        assertEquals(403, result.status());
        assertTrue(result.json().has("message"));
        assertTrue(result.json().get("errors").isArray());
    }

    @Test
    void answersUnknownPathsWith404AndWrongMethodsWith405() {
        assertEquals(404, TestHttp.get(emulator, "/api/v1/nothing-here").status());
        assertEquals(405, TestHttp.get(emulator, PATH).status());
        assertEquals(List.of("/request"), TestHttp.takeViolationPointers(emulator));
    }
}
