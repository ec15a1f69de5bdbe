package io.github.airbyteembedded.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A freshly started sample (its own context): a burst of 100 token requests makes one operator-token
 * call. The per-user rate limit (10 a minute by default) is raised for this test only, with the
 * {@code airbyte.embedded.rate-limit} property, so that every request of the burst gets a token;
 * with the default, 80 of them would be refused with 429 before any call to Airbyte. The deadlines of
 * the calls to Airbyte are raised too: the test counts calls, it does not time them, and on a starved
 * machine 100 widget tokens signed by the in-process emulator took longer than the default 10 seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"airbyte.embedded.emulator-port=0", "airbyte.embedded.rate-limit=1000/1m",
                "airbyte.embedded.request-timeout=2m", "airbyte.embedded.body-read-timeout=2m"})
@DirtiesContext
class FreshSampleConcurrencyIT {

    @LocalServerPort
    int port;

    @Autowired
    AirbyteEmulator emulator;

    @Test
    void hundredConcurrentTokenRequestsOnAFreshSampleCauseExactlyOneOperatorTokenCall() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String user = i % 2 == 0 ? "alice" : "bob";
            String credentials = Base64.getEncoder().encodeToString((user + ":password").getBytes(StandardCharsets.UTF_8));
            responses.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/airbyte/widget-token"))
                    .header("Authorization", "Basic " + credentials)
                    .header("Origin", "http://localhost:8080")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertEquals(200, response.join().statusCode());
        }
        assertEquals(1, emulator.callCount("POST /api/v1/account/applications/token"), emulator.calls().toString());
        assertEquals(100, emulator.callCount("POST /api/v1/account/applications/widget-token"));
    }
}
