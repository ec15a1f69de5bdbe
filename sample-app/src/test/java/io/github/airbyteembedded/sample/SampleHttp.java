package io.github.airbyteembedded.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * HTTP for the sample's integration tests: requests to the app (never following redirects, so that
 * tests see them), with or without HTTP Basic credentials, and calls to the emulator's API as the
 * operator, to set up sources the way the widget would have created them.
 */
final class SampleHttp {

    /** The origin the default profile allows: the README's. */
    static final String ORIGIN = "http://localhost:8080";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    SampleHttp(int port) {
        this.base = URI.create("http://localhost:" + port);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    HttpRequest.Builder request(String path, String user) {
        return basic(request(path), user);
    }

    static HttpRequest.Builder basic(HttpRequest.Builder request, String user) {
        String credentials = Base64.getEncoder().encodeToString((user + ":password").getBytes(StandardCharsets.UTF_8));
        return request.header("Authorization", "Basic " + credentials);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return send(client, request.build());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /**
     * Creates a GitHub source in a workspace through the emulator's API with an operator token, as the
     * widget does for a signed-in user.
     *
     * @return the source's id
     */
    static String createGitHubSource(AirbyteEmulator emulator, String workspace) {
        return createSource(emulator, workspace, "github", "{\"personal_access_token\":\"ghp_sample\",\"repositories\":[\"octo/hello\"]}");
    }

    /**
     * Creates a Stripe source in a workspace, as {@link #createGitHubSource} does.
     *
     * @return the source's id
     */
    static String createStripeSource(AirbyteEmulator emulator, String workspace) {
        return createSource(emulator, workspace, "stripe",
                "{\"account_id\":\"acct_sample\",\"client_secret\":\"sk_test_sample\",\"start_date\":\"2026-01-01T00:00:00Z\"}");
    }

    private static String createSource(AirbyteEmulator emulator, String workspace, String connectorType, String config) {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> token = send(client, HttpRequest.newBuilder(emulator.baseUri().resolve("/api/v1/account/applications/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + emulator.clientId() + "\",\"client_secret\":\""
                        + AirbyteEmulator.DEFAULT_CLIENT_SECRET + "\"}")).build());
        String operatorToken = json(token).path("access_token").asText();
        HttpResponse<String> created = send(client, HttpRequest.newBuilder(emulator.baseUri().resolve("/api/v1/integrations/connectors"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + operatorToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"workspace_name\":\"" + workspace + "\",\"connector_type\":\""
                        + connectorType + "\",\"replication_config\":" + config + "}"))
                .build());
        if (created.statusCode() != 200) {
            throw new AssertionError("the emulator did not create the source: " + created.statusCode() + " " + created.body());
        }
        return json(created).path("id").asText();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
