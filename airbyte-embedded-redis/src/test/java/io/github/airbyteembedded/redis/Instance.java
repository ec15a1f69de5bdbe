package io.github.airbyteembedded.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.Await;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * One instance of an application behind a load balancer: its own {@link AirbyteEmbedded}, its own
 * {@link RedisRateLimitStore} (its own connection, as in another JVM), its own web server; the emulator
 * and the Redis are the ones every instance shares.
 */
final class Instance implements AutoCloseable {

    static final String ORIGIN = "http://localhost:8080";
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A store timeout for tests that count exact limits: on a machine busy enough to keep a thread off a
     * core for 100 ms, the default would let a request through without the limit (fail open), as it should.
     */
    static final Duration PATIENT = Duration.ofSeconds(5);

    final AirbyteEmbedded airbyte;
    final RedisRateLimitStore store;
    final TestWebApp app;
    /** What this instance's SourceConnectedListener heard: {@code workspace|source id}. */
    final List<String> heard = new CopyOnWriteArrayList<>();

    private Instance(AirbyteEmulator emulator, String redisUri, UnaryOperator<AirbyteEmbeddedConfig.Builder> change) throws Exception {
        this.store = redisUri == null ? null : RedisRateLimitStore.create(redisUri);
        AirbyteEmbeddedConfig.Builder builder = AirbyteEmbeddedConfig.builder()
                .apiBaseUri(emulator.baseUri())
                .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                .allowedOrigin(ORIGIN)
                .rateLimitStore(store)
                .sourceConnectedListener((principal, workspace, source) -> heard.add(workspace + "|" + source.id()));
        this.airbyte = AirbyteEmbedded.create(change.apply(builder).build());
        this.app = TestWebApp.start(airbyte, 50);
        if (store != null) {
            // As an application that has been up for a moment: its store found Redis (a cold JVM takes longer
            // than the routes' 100 ms to load Lettuce and connect, and the first requests would be served unlimited).
            Await.until("the store is connected to Redis", store::connected, Duration.ofSeconds(30));
        }
    }

    /** An instance whose limits are kept in the Redis of {@code redisUri}. */
    static Instance sharing(AirbyteEmulator emulator, String redisUri, UnaryOperator<AirbyteEmbeddedConfig.Builder> change)
            throws Exception {
        return new Instance(emulator, redisUri, change);
    }

    /** An instance that keeps its limits in its own memory (the default). */
    static Instance alone(AirbyteEmulator emulator, UnaryOperator<AirbyteEmbeddedConfig.Builder> change) throws Exception {
        return new Instance(emulator, null, change);
    }

    HttpResponse<String> token(String user) throws IOException, InterruptedException {
        return app.requestToken(user, ORIGIN, "");
    }

    HttpResponse<String> listSources(String user) throws IOException, InterruptedException {
        return app.send(HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_SOURCES_PATH))
                .header(TestWebApp.USER_HEADER, user).header("Origin", ORIGIN).GET().build());
    }

    HttpResponse<String> sourceCreated(String user, String sourceId) throws IOException, InterruptedException {
        return app.send(HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_SOURCE_EVENTS_PATH))
                .header(TestWebApp.USER_HEADER, user).header("Origin", ORIGIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"source_created\",\"sourceId\":\"" + sourceId + "\"}"))
                .build());
    }

    static String error(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).path("error").asText();
    }

    @Override
    public void close() {
        app.close();
        if (store != null) {
            store.close();
        }
    }

    /** Creates a GitHub source in a workspace, as the widget would, through the emulator's connectors API. */
    static String createSource(AirbyteEmulator emulator, String workspace) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String token = JSON.readTree(client.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/api/v1/account/applications/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + AirbyteEmulator.DEFAULT_CLIENT_ID
                        + "\",\"client_secret\":\"" + AirbyteEmulator.DEFAULT_CLIENT_SECRET + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/api/v1/integrations/connectors"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"workspace_name\":\"" + workspace + "\","
                        + "\"source_template_id\":\"8a4f6f1e-2f0b-4c59-9d1e-6c0a3f1b7e01\","
                        + "\"replication_config\":{\"personal_access_token\":\"ghp_test\",\"repositories\":[\"acme/app\"]}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
        JsonNode body = JSON.readTree(created.body());
        return body.path("id").asText();
    }
}
