package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract checks: what a call that breaks the vendor's contract gets, what is recorded, and what is allowed. */
class ContractChecksTest {

    private static final String TOKEN = "/api/v1/account/applications/token";
    private static final String WIDGET_TOKEN = "/api/v1/account/applications/widget-token";
    private static final String DEPRECATED_WIDGET_TOKEN = "/api/v1/embedded/widget-token";
    private static final String CONNECTORS = "/api/v1/integrations/connectors";
    private static final String CREDENTIALS = "{\"client_id\":\"" + AirbyteEmulator.DEFAULT_CLIENT_ID
            + "\",\"client_secret\":\"" + AirbyteEmulator.DEFAULT_CLIENT_SECRET + "\"";

    private AirbyteEmulator emulator;
    private Map<String, String> operator;

    @BeforeEach
    void start() {
        emulator = AirbyteEmulator.builder().contractChecks(true).build().start();
        operator = Map.of("Authorization", "Bearer " + TestHttp.operatorToken(emulator));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void anUndocumentedBodyPropertyIsRefusedWith422NamingTheOperationAndPointer() {
        TestHttp.Result refused = TestHttp.post(emulator, TOKEN, CREDENTIALS + ",\"grant_type\":\"client_credentials\"}");

        assertEquals(422, refused.status());
        JsonNode body = refused.json();
        assertTrue(body.get("message").asText().contains("create_account_applications_token"), body.toString());
        assertEquals("/request/body/grant_type", body.get("errors").get(0).get("field").asText());
        assertEquals("contract_violation", body.get("errors").get(0).get("error_code").asText());
        List<ContractViolation> violations = emulator.takeContractViolations();
        assertEquals(1, violations.size());
        assertEquals(new ContractViolation("create_account_applications_token", "POST " + TOKEN, "/request/body/grant_type",
                violations.get(0).message()), violations.get(0));
        assertFalse(violations.get(0).message().contains("client_credentials"), "values are never quoted");
    }

    @Test
    void aBodyWithoutTheJsonContentTypeIsRefused() {
        TestHttp.Result refused = TestHttp.send(emulator, "POST", TOKEN, CREDENTIALS + "}", "text/plain");

        assertEquals(422, refused.status());
        assertEquals(List.of("/request/header/content-type"), TestHttp.takeViolationPointers(emulator));
        assertEquals(200, TestHttp.send(emulator, "POST", TOKEN, CREDENTIALS + "}", "application/json; charset=utf-8").status());
    }

    @Test
    void anUndocumentedQueryParameterAPathParameterThatIsNoUuidAndABodyOnAGetAreRefused() {
        assertEquals(422, TestHttp.send(emulator, "GET", CONNECTORS + "?workspace_name=alice&page=2", null, operator).status());
        assertEquals(422, TestHttp.send(emulator, "GET", CONNECTORS + "/not-a-uuid", null, operator).status());
        assertEquals(422, TestHttp.send(emulator, "GET", CONNECTORS, "{}", operator).status());

        assertEquals(List.of("/request/query/page", "/request/path/id", "/request/body"), TestHttp.takeViolationPointers(emulator));
    }

    @Test
    void theOrganizationHeaderMustBeAUuid() {
        TestHttp.Result refused = TestHttp.send(emulator, "POST", TOKEN, CREDENTIALS + "}", Map.of("X-Organization-Id", "acme"));

        assertEquals(422, refused.status());
        assertEquals(List.of("/request/header/x-organization-id"), TestHttp.takeViolationPointers(emulator));
    }

    @Test
    void theDeprecatedWidgetTokenPathIsCheckedAsTheWidgetTokenOperation() {
        TestHttp.Result refused = TestHttp.send(emulator, "POST", DEPRECATED_WIDGET_TOKEN,
                TestHttp.json(Map.of("workspace_name", "alice", "allowed_origin", "http://localhost:8080", "customer_name", "a")),
                operator);

        assertEquals(422, refused.status());
        List<ContractViolation> violations = emulator.takeContractViolations();
        assertEquals("create_account_applications_widget_token", violations.get(0).operation());
        assertEquals("/request/body/customer_name", violations.get(0).pointer());
        assertEquals(200, TestHttp.send(emulator, "POST", DEPRECATED_WIDGET_TOKEN,
                TestHttp.json(Map.of("workspace_name", "alice", "allowed_origin", "http://localhost:8080")), operator).status());
    }

    @Test
    void theDeliberateExtrasAreAllowed() {
        TestHttp.Result revoked = TestHttp.send(emulator, "GET", CONNECTORS, null, Map.of("Authorization", "Bearer nope"));
        assertEquals(401, revoked.status());
        TestHttp.Result unknown = TestHttp.send(emulator, "GET", CONNECTORS + "/6e0b2d9a-6c39-4f8e-9b57-3f3e2c8f7a11", null,
                operator);
        assertEquals(404, unknown.status());

        assertEquals(List.of(), emulator.contractViolations());
        assertEquals(4, OpenApiContract.ALLOWED_EXTRAS.size());
    }

    @Test
    void aCallToNoOperationOfTheSpecIsRecordedAndAnswered404Or405() {
        assertEquals(404, TestHttp.send(emulator, "GET", "/api/v1/api/v1/integrations/connectors", null, operator).status());
        assertEquals(405, TestHttp.send(emulator, "PATCH", CONNECTORS, null, operator).status());

        List<ContractViolation> violations = emulator.takeContractViolations();
        assertEquals(List.of("GET /api/v1/api/v1/integrations/connectors", "PATCH " + CONNECTORS),
                violations.stream().map(ContractViolation::operation).toList());
    }

    @Test
    void answersAFaultMakesAreNotCheckedButTheCallIs() {
        emulator.faults().add(Fault.malformed("POST " + TOKEN));
        emulator.faults().add(Fault.status("GET " + CONNECTORS, 503));

        assertEquals(200, TestHttp.post(emulator, TOKEN, CREDENTIALS + "}").status());
        assertEquals(503, TestHttp.send(emulator, "GET", CONNECTORS + "?workspace_name=alice", null, operator).status());
        assertEquals(List.of(), emulator.contractViolations());
        assertEquals(422, TestHttp.send(emulator, "GET", CONNECTORS + "?tenant=alice", null, operator).status());
        assertEquals(List.of("/request/query/tenant"), TestHttp.takeViolationPointers(emulator));
    }

    @Test
    void closingFailsOnViolationsNobodyTookAndResetKeepsThem() {
        AirbyteEmulator other = AirbyteEmulator.builder().contractChecks(true).build().start();
        TestHttp.post(other, TOKEN, "{\"client_id\":1}");
        other.reset();
        assertEquals(2, other.contractViolations().size());

        AssertionError failure = assertThrows(AssertionError.class, other::close);

        assertTrue(failure.getMessage().contains("create_account_applications_token (POST " + TOKEN + ") /request/body/client_id"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("/request/body/client_secret"), failure.getMessage());
        other.close(); // closing twice does nothing
    }

    @Test
    void withoutContractChecksNothingIsCheckedOrRecorded() {
        try (AirbyteEmulator lenient = AirbyteEmulator.builder().contractChecks(false).build().start()) {
            assertFalse(lenient.contractChecks());
            assertEquals(200, TestHttp.post(lenient, TOKEN, CREDENTIALS + ",\"grant_type\":\"x\"}").status());
            assertEquals(List.of(), lenient.contractViolations());
        }
    }

    @Test
    void theSystemPropertyIsTheBuildersDefault() {
        String before = System.getProperty(AirbyteEmulator.CONTRACT_CHECKS_PROPERTY);
        try {
            System.setProperty(AirbyteEmulator.CONTRACT_CHECKS_PROPERTY, "true");
            assertTrue(AirbyteEmulator.builder().build().contractChecks());
            System.setProperty(AirbyteEmulator.CONTRACT_CHECKS_PROPERTY, "false");
            assertFalse(AirbyteEmulator.builder().build().contractChecks());
            assertTrue(AirbyteEmulator.builder().contractChecks(true).build().contractChecks());
        } finally {
            if (before == null) {
                System.clearProperty(AirbyteEmulator.CONTRACT_CHECKS_PROPERTY);
            } else {
                System.setProperty(AirbyteEmulator.CONTRACT_CHECKS_PROPERTY, before);
            }
        }
    }
}
