package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void aNegativeDeleteDelayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AirbyteEmulator.builder().asynchronousDeletes(Duration.ofSeconds(-1)));
    }
}
