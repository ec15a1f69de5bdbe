package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What an emulator issued, for leak scanners: its client secret always; every operator token, widget
 * token, scoped JWT inside it and scoped token while the JVM records them; over HTTP only then.
 */
class IssuedSecretsTest {

    @Test
    void whileRecordingEveryIssuedTokenIsListedInJavaForTheJvmAndOverHttp() {
        String previous = System.setProperty(AirbyteEmulator.RECORD_ISSUED_SECRETS, "true");
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            String operator = TestHttp.operatorToken(emulator);
            String widget = TestHttp.widgetToken(emulator, operator, Map.of("workspace_name", "alice", "allowed_origin",
                    "http://localhost:8080"));
            String scoped = TestHttp.send(emulator, "POST", "/api/v1/account/applications/scoped-token",
                    TestHttp.json(Map.of("workspace_name", "alice")), Map.of("Authorization", "Bearer " + operator))
                    .json().get("token").asText();
            Set<String> expected = Set.of(AirbyteEmulator.DEFAULT_CLIENT_SECRET, operator, widget, WidgetToken.decode(widget).jwt(), scoped);

            assertTrue(emulator.issuedSecrets().containsAll(expected), "the emulator lists what it issued");
            assertTrue(AirbyteEmulator.issuedSecretsOfThisJvm().containsAll(expected), "so does the JVM");
            Set<String> overHttp = new HashSet<>();
            TestHttp.get(emulator, "/_emulator/issued-secrets").json().forEach(node -> overHttp.add(node.asText()));
            assertEquals(emulator.issuedSecrets(), overHttp);
        } finally {
            restore(previous);
        }
    }

    @Test
    void withoutRecordingOnlyTheClientSecretIsKnownAndNothingIsServed() {
        String previous = System.clearProperty(AirbyteEmulator.RECORD_ISSUED_SECRETS);
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            TestHttp.widgetToken(emulator, "alice", "http://localhost:8080");

            assertEquals(Set.of(AirbyteEmulator.DEFAULT_CLIENT_SECRET), emulator.issuedSecrets());
            TestHttp.Result served = TestHttp.get(emulator, "/_emulator/issued-secrets");
            assertEquals(404, served.status());
            JsonNode body = served.json();
            assertTrue(body.path("message").asText().contains(AirbyteEmulator.RECORD_ISSUED_SECRETS));
        } finally {
            restore(previous);
        }
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(AirbyteEmulator.RECORD_ISSUED_SECRETS);
        } else {
            System.setProperty(AirbyteEmulator.RECORD_ISSUED_SECRETS, previous);
        }
    }
}
