package io.github.airbyteembedded.servlet.jsp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Creates sources in the emulator through its connectors API, as the widget would after a user connects. */
final class EmulatorSources {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String GITHUB_TEMPLATE = "8a4f6f1e-2f0b-4c59-9d1e-6c0a3f1b7e01";

    private EmulatorSources() {
    }

    static String create(AirbyteEmulator emulator, String workspace) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String token = MAPPER.readTree(client.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/api/v1/account/applications/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.createObjectNode()
                        .put("client_id", AirbyteEmulator.DEFAULT_CLIENT_ID)
                        .put("client_secret", AirbyteEmulator.DEFAULT_CLIENT_SECRET).toString()))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/api/v1/integrations/connectors"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"workspace_name\":\"" + workspace + "\",\"source_template_id\":\""
                        + GITHUB_TEMPLATE + "\",\"replication_config\":{\"personal_access_token\":\"ghp_test\",\"repositories\":[\"acme/app\"]}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 200) {
            throw new IllegalStateException("the emulator did not create the source: HTTP " + created.statusCode());
        }
        return MAPPER.readTree(created.body()).path("id").asText();
    }
}
