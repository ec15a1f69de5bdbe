package io.github.airbyteembedded.sample;

import static io.github.airbyteembedded.sample.SampleHttp.ORIGIN;
import static io.github.airbyteembedded.sample.SampleHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The sample with its default limits, in a context of its own so that the rate limiters' state does
 * not leak into other tests (the one extra property states a default; it only keeps this context apart
 * from the other tests' cached one): one user listing their sources past the default per-user limit
 * gets 429 with {@code Retry-After}, and another user is not affected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"airbyte.embedded.emulator-port=0", "airbyte.embedded.sources-list-rate-limit=60/1m"})
@DirtiesContext
class SampleRateLimitIT {

    @LocalServerPort
    int port;

    private HttpResponse<String> listSources(SampleHttp http, String user) {
        return http.send(http.request("/api/airbyte/sources", user).header("Origin", ORIGIN).GET());
    }

    @Test
    void listingSourcesPastTheUsersLimitGets429WithRetryAfter() {
        SampleHttp http = new SampleHttp(port);
        int answered = 0;
        HttpResponse<String> response = listSources(http, "alice");
        while (response.statusCode() == 200 && answered < 1000) {
            answered++;
            response = listSources(http, "alice");
        }
        assertEquals(429, response.statusCode(), "after " + answered + " lists: " + response.body());
        assertEquals("rate_limited", json(response).path("error").asText());
        int retryAfter = Integer.parseInt(response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, Integer.toString(retryAfter));
        assertTrue(answered >= 60, "the default allows 60 lists a minute: " + answered);
        assertEquals(200, listSources(http, "bob").statusCode(), "another user has their own allowance");
    }
}
