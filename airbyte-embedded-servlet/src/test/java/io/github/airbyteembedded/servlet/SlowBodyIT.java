package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.internal.upstream.Json;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that announce a body and then send it slowly or never: who and where are checked before the
 * body is read, and reading it holds no container thread.
 */
final class SlowBodyIT {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String TOKEN = AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH;
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private AirbyteEmulator emulator;
    private AirbyteEmbedded airbyte;
    private TestWebApp app;
    private final List<RawHttp> connections = new ArrayList<>();

    @BeforeEach
    void startEmulator() {
        emulator = AirbyteEmulator.builder().build().start();
    }

    @AfterEach
    void stop() throws Exception {
        for (RawHttp connection : connections) {
            connection.close();
        }
        if (app != null) {
            app.close();
        }
        emulator.close();
    }

    private void start(int requestThreads, boolean asyncSupported, UnaryOperator<AirbyteEmbeddedConfig.Builder> change)
            throws Exception {
        airbyte = AirbyteEmbedded.create(change.apply(AirbyteEmbeddedConfig.builder()
                .apiBaseUri(emulator.baseUri())
                .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                .allowedOrigin(ORIGIN)).build());
        app = TestWebApp.startWithRequestThreads(airbyte, requestThreads, asyncSupported);
    }

    /** Sends the head of a POST announcing a 64-byte JSON body, and none of the body. */
    private RawHttp announceBody(String path, String user, String origin) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Content-Length", "64");
        if (user != null) {
            headers.put(TestWebApp.USER_HEADER, user);
        }
        if (origin != null) {
            headers.put("Origin", origin);
        }
        RawHttp connection = RawHttp.sendHeaders(app, "POST", path, headers);
        connections.add(connection);
        return connection;
    }

    private static String error(RawHttp.Response response) throws Exception {
        return Json.MAPPER.readTree(response.body()).path("error").asText();
    }

    @Test
    void anAnonymousClientWithholdingItsBodyIsRefusedAtOnceWithoutReadingIt() throws Exception {
        start(2, true, b -> b);
        RawHttp.Response response = announceBody(TOKEN, null, ORIGIN).readResponse(PROMPTLY);
        assertEquals(401, response.status(), response.body());
        assertEquals("unauthenticated", error(response));
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void aForeignOriginWithholdingItsBodyIsRefusedAtOnceWithoutReadingIt() throws Exception {
        start(2, true, b -> b);
        RawHttp.Response response = announceBody(TOKEN, "alice", "https://evil.example").readResponse(PROMPTLY);
        assertEquals(403, response.status(), response.body());
        assertEquals("origin_not_allowed", error(response));
        RawHttp.Response events = announceBody(AirbyteEmbeddedConfig.DEFAULT_SOURCE_EVENTS_PATH, null, "https://evil.example")
                .readResponse(PROMPTLY);
        assertEquals(401, events.status(), events.body());
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void signedInUsersWithholdingTheirBodiesHoldNoContainerThread() throws Exception {
        int requestThreads = 2;
        start(requestThreads, true, b -> b);
        List<RawHttp> waiting = new ArrayList<>();
        for (int i = 0; i < 2 * requestThreads; i++) {
            waiting.add(announceBody(i % 2 == 0 ? TOKEN : AirbyteEmbeddedConfig.DEFAULT_SOURCE_EVENTS_PATH, "user-" + i, ORIGIN));
        }
        assertTrue(app.awaitRequestsSeen(2 * requestThreads, PROMPTLY),
                "every waiting request reached the application although there are only " + requestThreads + " threads");
        assertEquals(200, app.send(HttpRequest.newBuilder(app.uri("/hello")).build()).statusCode());
        for (RawHttp connection : waiting) {
            assertFalse(connection.hasResponse(), "still waiting for its body");
        }
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void aBodyThatDoesNotArriveInTimeGets408AndTheConnectionIsClosed() throws Exception {
        start(2, true, b -> b.bodyReadTimeout(Duration.ofMillis(300)));
        RawHttp.Response response = announceBody(TOKEN, "alice", ORIGIN).readResponse(PROMPTLY);
        assertEquals(408, response.status(), response.body());
        assertEquals("request_timeout", error(response));
        assertEquals("close", response.header("Connection"));
        assertEquals(1, airbyteStatistics("request_timeout"));
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void aTricklingBodyGets408AtTheDeadlineWhateverItsPace() throws Exception {
        start(2, true, b -> b.bodyReadTimeout(Duration.ofMillis(500)));
        RawHttp connection = announceBody(AirbyteEmbeddedConfig.DEFAULT_SOURCE_EVENTS_PATH, "alice", ORIGIN);
        RawHttp.Response response = null;
        for (int sent = 0; response == null && sent < 63; sent++) {
            connection.sendBody(" ");
            try {
                response = connection.readResponse(Duration.ofMillis(100));
            } catch (java.net.SocketTimeoutException stillWaiting) {
                // the next byte, then wait again
            }
        }
        if (response == null) {
            response = connection.readResponse(PROMPTLY);
        }
        assertEquals(408, response.status(), response.body());
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void withoutAsyncSupportTheRequestThreadWaitsAtMostTheBodyReadTimeout() throws Exception {
        start(2, false, b -> b.bodyReadTimeout(Duration.ofMillis(300)));
        for (int i = 0; i < 3; i++) {
            RawHttp.Response response = announceBody(TOKEN, "alice", ORIGIN).readResponse(PROMPTLY);
            assertEquals(408, response.status(), response.body());
        }
        assertEquals(200, app.requestToken("alice", ORIGIN, "{}").statusCode());
        assertEquals(200, app.send(HttpRequest.newBuilder(app.uri("/hello")).build()).statusCode());
    }

    @Test
    void aBodyThatArrivesIsReadWithoutBlockingAndTheRouteAnswers() throws Exception {
        start(2, true, b -> b);
        String body = "{\"pad\":\"" + "x".repeat(54) + "\"}";
        RawHttp connection = announceBody(TOKEN, "alice", ORIGIN);
        connection.sendBody(body.substring(0, 10));
        assertFalse(connection.hasResponse());
        connection.sendBody(body.substring(10));
        RawHttp.Response response = connection.readResponse(PROMPTLY);
        assertEquals(200, response.status(), response.body());
        assertTrue(Json.MAPPER.readTree(response.body()).path("token").isTextual());
    }

    private long airbyteStatistics(String outcome) {
        return airbyte.statistics().count(outcome);
    }
}
