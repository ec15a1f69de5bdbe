package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.airbyteembedded.servlet.internal.upstream.Json;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Many users asking for a token at once, on a fresh filter: one operator token serves them all. */
final class ConcurrentTokenRequestsIT {

    private static final String ORIGIN = "http://localhost:8080";

    @Test
    void hundredConcurrentRequestsOnAColdFilterCauseExactlyOneOperatorTokenCall() throws Exception {
        int requests = 100;
        ExecutorService executor = Executors.newFixedThreadPool(32);
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start();
                TestWebApp app = TestWebApp.start(AirbyteEmbeddedConfig.builder()
                        .apiBaseUri(emulator.baseUri())
                        .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                        .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                        .allowedOrigin(ORIGIN)
                        .maxConcurrentUpstreamCalls(requests)
                        .build())) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                responses.add(client.sendAsync(HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH))
                        .header(TestWebApp.USER_HEADER, "user-" + (i % 10))
                        .header("Origin", ORIGIN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            Set<String> tokens = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                HttpResponse<String> answer = response.join();
                assertEquals(200, answer.statusCode(), answer.body());
                tokens.add(Json.MAPPER.readTree(answer.body()).path("token").asText());
            }
            assertEquals(requests, tokens.size(), "every request gets its own widget token");
            assertEquals(1, emulator.callCount("POST /api/v1/account/applications/token"));
            assertEquals(requests, emulator.callCount("POST /api/v1/account/applications/widget-token"));
            assertEquals(10, emulator.workspaces().size());
        } finally {
            executor.shutdownNow();
        }
    }
}
