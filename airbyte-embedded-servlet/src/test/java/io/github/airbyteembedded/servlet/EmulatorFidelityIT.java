package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.airbyteembedded.servlet.internal.upstream.Json;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.UnknownWorkspaceList;
import io.github.airbyteembedded.testkit.WidgetToken;
import io.github.airbyteembedded.testkit.support.MutableClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The library against the emulator's options for what the vendor's spec leaves open (an unknown
 * workspace's list, asynchronous deletes), and the optional settings that must reach Airbyte (region,
 * both template-tag selections), with contract checks on.
 */
final class EmulatorFidelityIT {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String SOURCES = "/api/airbyte/sources";
    private static final String EU = "b9e48d61-f082-4a14-a8d0-799a907938cb";

    private final MutableClock clock = MutableClock.startingNow();
    private AirbyteEmulator emulator;
    private TestWebApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private void start(AirbyteEmulator.Builder emulatorBuilder, UnaryOperator<AirbyteEmbeddedConfig.Builder> change) throws Exception {
        emulator = emulatorBuilder.clock(clock).contractChecks(true).build().start();
        app = TestWebApp.start(AirbyteEmbedded.create(change.apply(AirbyteEmbeddedConfig.builder()
                .apiBaseUri(emulator.baseUri())
                .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                .allowedOrigin(ORIGIN)
                .clock(clock)).build()), 50);
    }

    private List<String> listedIds(String user) throws Exception {
        HttpResponse<String> response = app.send(HttpRequest.newBuilder(app.uri(SOURCES)).GET()
                .header(TestWebApp.USER_HEADER, user).build());
        assertEquals(200, response.statusCode(), response.body());
        List<String> ids = new ArrayList<>();
        Json.MAPPER.readTree(response.body()).path("sources").forEach(source -> ids.add(source.path("id").asText()));
        return ids;
    }

    private HttpResponse<String> disconnect(String user, String id) throws Exception {
        return app.send(HttpRequest.newBuilder(app.uri(SOURCES + "/" + id)).DELETE()
                .header(TestWebApp.USER_HEADER, user).header("Origin", ORIGIN).build());
    }

    /** Creates a GitHub source in a workspace, as the widget would, through the emulator's connectors API. */
    private String createSource(String workspace) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String token = Json.MAPPER.readTree(client.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/api/v1/account/applications/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + AirbyteEmulator.DEFAULT_CLIENT_ID
                        + "\",\"client_secret\":\"" + AirbyteEmulator.DEFAULT_CLIENT_SECRET + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/api/v1/integrations/connectors"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"workspace_name\":\"" + workspace + "\",\"connector_type\":\"github\","
                        + "\"replication_config\":{\"personal_access_token\":\"ghp_test\",\"repositories\":[\"acme/app\"]}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
        return Json.MAPPER.readTree(created.body()).path("id").asText();
    }

    @ParameterizedTest
    @EnumSource(UnknownWorkspaceList.class)
    void aUserWithoutAWorkspaceListsNoSourcesWhateverAirbyteAnswersForAnUnknownWorkspace(UnknownWorkspaceList answer)
            throws Exception {
        start(AirbyteEmulator.builder().unknownWorkspaceList(answer), b -> b);

        assertEquals(List.of(), listedIds("alice"));

        assertTrue(emulator.workspace("alice").isPresent(), "the scoped-token call created the workspace before the list");
        HttpResponse<String> unknown = disconnect("alice", UUID.randomUUID().toString());
        assertEquals(404, unknown.statusCode());
        assertEquals("source_not_found", Json.MAPPER.readTree(unknown.body()).path("error").asText());
    }

    @Test
    void aDisconnectedSourceStaysListedWhileAirbyteDeletesItAsynchronously() throws Exception {
        start(AirbyteEmulator.builder().asynchronousDeletes(Duration.ofSeconds(30)), b -> b);
        String id = createSource("alice");
        assertEquals(List.of(id), listedIds("alice"));

        assertEquals(204, disconnect("alice", id).statusCode());

        assertEquals(List.of(id), listedIds("alice"), "Airbyte answered 202: the source is still listed until its job ends");
        assertEquals(204, disconnect("alice", id).statusCode(), "disconnecting it again while it is listed");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(List.of(), listedIds("alice"));
        assertEquals(404, disconnect("alice", id).statusCode());
    }

    @Test
    void theRegionAndBothTemplateTagSelectionsReachAirbyte() throws Exception {
        start(AirbyteEmulator.builder(), b -> b.regionId(EU)
                .sourceTemplateTags(List.of("crm", "database"), TagSelectionMode.ANY)
                .connectionTemplateTags(List.of("nightly", "warehouse"), TagSelectionMode.ALL));

        HttpResponse<String> minted = app.requestToken("alice", ORIGIN, "{}");
        assertEquals(200, minted.statusCode(), minted.body());
        assertEquals(List.of(), listedIds("bob"));

        assertEquals(UUID.fromString(EU), emulator.workspace("alice").orElseThrow().regionId(), "region_id of the widget token");
        assertEquals(UUID.fromString(EU), emulator.workspace("bob").orElseThrow().regionId(), "region_id of the scoped token");
        WidgetToken token = WidgetToken.decode(Json.MAPPER.readTree(minted.body()).path("token").asText());
        JsonNode claims = Json.MAPPER.valueToTree(token.claims());
        assertEquals("[\"crm\",\"database\"]", claims.path("selected_source_template_tags").toString());
        assertEquals("any", claims.path("selected_source_template_tags_mode").asText());
        assertEquals("[\"nightly\",\"warehouse\"]", claims.path("selected_connection_template_tags").toString());
        assertEquals("all", claims.path("selected_connection_template_tags_mode").asText());
    }
}
