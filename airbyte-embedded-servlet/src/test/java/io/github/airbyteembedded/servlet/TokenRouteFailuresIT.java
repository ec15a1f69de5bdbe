package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.airbyteembedded.servlet.internal.upstream.AirbyteApiClient;
import io.github.airbyteembedded.servlet.internal.upstream.Json;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.Fault;
import io.github.airbyteembedded.testkit.support.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every outcome of the route when Airbyte is slow, failing or flooded, driven by the emulator's faults. */
final class TokenRouteFailuresIT {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String TOKEN_CALL = "POST /api/v1/account/applications/token";
    private static final String WIDGET_CALL = "POST /api/v1/account/applications/widget-token";

    private AirbyteEmulator emulator;
    private AirbyteEmbedded airbyte;
    private TestWebApp app;

    @BeforeEach
    void startEmulator() {
        emulator = AirbyteEmulator.builder().build().start();
    }

    @AfterEach
    void stop() {
        emulator.faults().clear();
        if (app != null) {
            app.close();
        }
        emulator.close();
    }

    private TestWebApp start(UnaryOperator<AirbyteEmbeddedConfig.Builder> change) throws Exception {
        return start(change, 200);
    }

    private TestWebApp start(UnaryOperator<AirbyteEmbeddedConfig.Builder> change, int maxThreads) throws Exception {
        airbyte = AirbyteEmbedded.create(change.apply(AirbyteEmbeddedConfig.builder()
                .apiBaseUri(emulator.baseUri())
                .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                .allowedOrigin(ORIGIN)).build());
        app = TestWebApp.start(airbyte, maxThreads);
        return app;
    }

    private HttpResponse<String> token(String user) throws Exception {
        return app.requestToken(user, ORIGIN, "{}");
    }

    private CompletableFuture<HttpResponse<String>> tokenAsync(String user) {
        return app.client().sendAsync(HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH))
                .header(TestWebApp.USER_HEADER, user).header("Origin", ORIGIN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> otherRoute() throws Exception {
        return app.send(HttpRequest.newBuilder(app.uri("/hello")).build());
    }

    private static String error(HttpResponse<String> response) throws Exception {
        JsonNode body = Json.MAPPER.readTree(response.body());
        return body.path("error").asText();
    }

    private static String retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").orElse(null);
    }

    /* ---------------- upstream statuses ---------------- */

    @Test
    void widgetTokenCallAnswering503GivesOur503WithItsRetryAfterAndIsNotRetried() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.status(WIDGET_CALL, 503).retryAfterSeconds(7));
        HttpResponse<String> response = token("alice");
        assertEquals(503, response.statusCode());
        assertEquals("upstream_unavailable", error(response));
        assertEquals("7", retryAfter(response));
        assertEquals(1, emulator.callCount(WIDGET_CALL));
    }

    @Test
    void upstream429IsPassedOnAs503WithTheUpstreamRetryAfter() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.status(WIDGET_CALL, 429).retryAfterSeconds(12));
        HttpResponse<String> response = token("alice");
        assertEquals(503, response.statusCode());
        assertEquals("upstream_rate_limited", error(response));
        assertEquals("12", retryAfter(response));
    }

    @Test
    void upstream500Gives502WithoutRetryAfter() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.status(WIDGET_CALL, 500));
        HttpResponse<String> response = token("alice");
        assertEquals(502, response.statusCode());
        assertEquals("upstream_error", error(response));
        assertEquals(null, retryAfter(response));
    }

    @Test
    void malformedUpstreamBodyGives502() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.malformed(WIDGET_CALL));
        HttpResponse<String> response = token("alice");
        assertEquals(502, response.statusCode());
        assertEquals("upstream_error", error(response));
    }

    @Test
    void connectionDroppedByUpstreamEveryTimeGives502AfterOneRepeat() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.reset(WIDGET_CALL));
        HttpResponse<String> response = token("alice");
        assertEquals(502, response.statusCode());
        assertEquals("upstream_error", error(response));
        assertEquals(2, emulator.callCount(WIDGET_CALL));
    }

    @Test
    void aConnectionDroppedOnceBeforeAnyResponseIsRetriedOnceOnANewConnection() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.reset(WIDGET_CALL).times(1));
        HttpResponse<String> response = token("alice");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, emulator.callCount(WIDGET_CALL));
    }

    @Test
    void slowButAnsweringUpstreamStillGivesAToken() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.delay(WIDGET_CALL, Duration.ofMillis(50)));
        assertEquals(200, token("alice").statusCode());
    }

    @Test
    void hangingUpstreamGives504AfterTheRequestTimeoutWhileOtherRoutesKeepServing() throws Exception {
        start(b -> b.requestTimeout(Duration.ofMillis(400)));
        emulator.faults().add(Fault.hang(WIDGET_CALL));
        CompletableFuture<HttpResponse<String>> pending = tokenAsync("alice");
        assertTrue(emulator.faults().awaitHeldCalls(1, Duration.ofSeconds(10)));
        assertEquals(200, otherRoute().statusCode());
        HttpResponse<String> response = pending.join();
        assertEquals(504, response.statusCode());
        assertEquals("upstream_timeout", error(response));
    }

    /* ---------------- operator token retries ---------------- */

    @Test
    void operatorTokenFetchIsRetriedOnUpstream503() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.status(TOKEN_CALL, 503).times(2));
        HttpResponse<String> response = token("alice");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(3, emulator.callCount(TOKEN_CALL));
    }

    @Test
    void operatorTokenRetriesAreBounded() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.status(TOKEN_CALL, 502));
        HttpResponse<String> response = token("alice");
        assertEquals(503, response.statusCode());
        assertEquals("upstream_unavailable", error(response));
        assertEquals(1 + AirbyteApiClient.OPERATOR_TOKEN_RETRIES, emulator.callCount(TOKEN_CALL));
        assertEquals(0, emulator.callCount(WIDGET_CALL));
    }

    @Test
    void operatorTokenFetchAnswered429IsNotRetried() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.status(TOKEN_CALL, 429).retryAfterSeconds(30));
        HttpResponse<String> response = token("alice");
        assertEquals(503, response.statusCode());
        assertEquals("upstream_rate_limited", error(response));
        assertEquals("30", retryAfter(response));
        assertEquals(1, emulator.callCount(TOKEN_CALL));
    }

    @Test
    void aFailingOperatorTokenFetchIsSharedByEveryRequestWaitingOnIt() throws Exception {
        start(b -> b.disableRateLimit());
        emulator.faults().add(Fault.hang(TOKEN_CALL));
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(tokenAsync("user-" + i));
        }
        assertTrue(emulator.faults().awaitHeldCalls(1, Duration.ofSeconds(10)));
        Await.until("20 requests wait on the fetch", () -> airbyte.statistics().upstreamCallsInFlight() == 20, Duration.ofSeconds(10));
        emulator.close(); // drops the held call's connection; its repeat and the retries find no server
        for (CompletableFuture<HttpResponse<String>> response : waiting) {
            assertEquals(503, response.join().statusCode());
        }
        assertEquals(1, emulator.callCount(TOKEN_CALL), "one fetch for the 20 requests, its failure shared");
        assertEquals(0, emulator.callCount(WIDGET_CALL));
        emulator = AirbyteEmulator.builder().port(emulator.port()).build().start();
        assertEquals(200, token("alice").statusCode(), "the failure was not cached");
    }

    /* ---------------- bounded, non-blocking ---------------- */

    @Test
    void requestsPastTheInFlightBoundWaitTheirTurnAndGetTheirTokensOnceCallsEnd() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        start(b -> b.maxConcurrentUpstreamCalls(1).disableRateLimit().listener(new TokenRouteListener() {
            @Override
            public void onQueued(int queued) {
                heard.add("queued " + queued);
            }

            @Override
            public void onDequeued(boolean admitted, Duration waited, int queued) {
                heard.add((admitted ? "admitted, " : "refused, ") + queued + " left");
            }
        }));
        emulator.faults().add(Fault.hang(WIDGET_CALL));
        CompletableFuture<HttpResponse<String>> first = tokenAsync("alice");
        assertTrue(emulator.faults().awaitHeldCalls(1, Duration.ofSeconds(10)));
        CompletableFuture<HttpResponse<String>> second = tokenAsync("bob");
        // carol after bob has joined the queue, so that the listener hears them in that order
        Await.until("bob waits his turn, or was refused", () -> airbyte.statistics().upstreamCallsQueued() == 1 || second.isDone(),
                Duration.ofSeconds(10));
        CompletableFuture<HttpResponse<String>> third = tokenAsync("carol");
        Await.until("two requests wait their turn, or were refused",
                () -> airbyte.statistics().upstreamCallsQueued() == 2 || second.isDone() || third.isDone(), Duration.ofSeconds(10));
        assertFalse(second.isDone(), () -> "bob was answered at once: " + second.join().body());
        assertFalse(third.isDone(), () -> "carol was answered at once: " + third.join().body());
        assertEquals(1, airbyte.statistics().upstreamCallsInFlight());
        assertEquals(1, emulator.callCount(WIDGET_CALL), "the waiting requests have not called Airbyte");
        assertEquals(200, otherRoute().statusCode());

        emulator.faults().clear(); // the held call's connection drops; it is sent once more, and answered
        assertEquals(200, first.join().statusCode());
        assertEquals(200, second.join().statusCode());
        assertEquals(200, third.join().statusCode());
        TokenRouteStatistics statistics = airbyte.statistics();
        assertEquals(3, statistics.count("ok"));
        assertEquals(0, statistics.count("overloaded"));
        assertEquals(0, statistics.upstreamCallsQueued());
        assertEquals(0, statistics.upstreamCallsInFlight());
        assertEquals(2, statistics.queueWait().count());
        assertEquals(List.of("queued 1", "queued 2", "admitted, 1 left", "admitted, 0 left"), heard);
    }

    @Test
    void aRequestThatWaitedItsLongestWaitGets503OverloadedWithRetryAfter() throws Exception {
        start(b -> b.maxConcurrentUpstreamCalls(1).maxQueueWait(Duration.ofMillis(200)).disableRateLimit());
        emulator.faults().add(Fault.hang(WIDGET_CALL));
        CompletableFuture<HttpResponse<String>> first = tokenAsync("alice");
        assertTrue(emulator.faults().awaitHeldCalls(1, Duration.ofSeconds(10)));

        HttpResponse<String> waited = token("bob");
        assertEquals(503, waited.statusCode());
        assertEquals("overloaded", error(waited));
        assertEquals("1", retryAfter(waited));
        assertEquals(1, emulator.callCount(WIDGET_CALL), "bob never called Airbyte");
        TokenRouteStatistics statistics = airbyte.statistics();
        assertEquals(0, statistics.upstreamCallsQueued());
        assertEquals(1, statistics.queueWait().count());
        assertEquals(1, statistics.count("overloaded"));

        emulator.faults().clear();
        assertEquals(200, first.join().statusCode());
        assertEquals(200, token("bob").statusCode());
    }

    @Test
    void pastAFullQueueTheRouteAnswers503AtOnce() throws Exception {
        start(b -> b.maxConcurrentUpstreamCalls(1).maxQueuedUpstreamCalls(1).disableRateLimit());
        emulator.faults().add(Fault.hang(WIDGET_CALL));
        CompletableFuture<HttpResponse<String>> first = tokenAsync("alice");
        assertTrue(emulator.faults().awaitHeldCalls(1, Duration.ofSeconds(10)));
        CompletableFuture<HttpResponse<String>> second = tokenAsync("bob");
        Await.until("bob waits his turn", () -> airbyte.statistics().upstreamCallsQueued() == 1, Duration.ofSeconds(10));

        HttpResponse<String> third = token("carol");
        assertEquals(503, third.statusCode());
        assertEquals("overloaded", error(third));
        assertEquals("1", retryAfter(third));
        assertFalse(second.isDone(), "bob still waits");

        emulator.faults().clear();
        assertEquals(200, first.join().statusCode());
        assertEquals(200, second.join().statusCode());
    }

    @Test
    void requestsWaitingTheirTurnHoldNoContainerThread() throws Exception {
        int containerThreads = 12;
        start(b -> b.maxConcurrentUpstreamCalls(1).disableRateLimit(), containerThreads);
        emulator.faults().add(Fault.hang(WIDGET_CALL));
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 3 * containerThreads; i++) {
            waiting.add(tokenAsync("user-" + i));
        }
        Await.until("one call held and the others queued", () -> airbyte.statistics().upstreamCallsQueued() == 3 * containerThreads - 1,
                Duration.ofSeconds(20));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, otherRoute().statusCode());
        }
        emulator.faults().clear();
        for (CompletableFuture<HttpResponse<String>> response : waiting) {
            assertEquals(200, response.join().statusCode());
        }
    }

    @Test
    void withoutAQueuePastTheInFlightLimitTheRouteAnswers503AtOnceAndOtherRoutesAreUnaffected() throws Exception {
        start(b -> b.maxConcurrentUpstreamCalls(2).maxQueuedUpstreamCalls(0).disableRateLimit());
        emulator.faults().add(Fault.hang(WIDGET_CALL));
        CompletableFuture<HttpResponse<String>> first = tokenAsync("alice");
        CompletableFuture<HttpResponse<String>> second = tokenAsync("bob");
        assertTrue(emulator.faults().awaitHeldCalls(2, Duration.ofSeconds(10)));

        HttpResponse<String> third = token("carol");
        assertEquals(503, third.statusCode());
        assertEquals("overloaded", error(third));
        assertEquals("1", retryAfter(third));
        assertEquals(2, emulator.callCount(WIDGET_CALL));
        assertEquals(200, otherRoute().statusCode());

        emulator.faults().clear(); // the held calls' connections drop; each is sent once more, and answered
        assertEquals(200, first.join().statusCode());
        assertEquals(200, second.join().statusCode());
        assertEquals(0, airbyte.statistics().upstreamCallsInFlight());
        assertEquals(200, token("carol").statusCode());
    }

    @Test
    void requestsWaitingOnAHangingUpstreamHoldNoContainerThread() throws Exception {
        int containerThreads = 12;
        start(b -> b.disableRateLimit(), containerThreads);
        emulator.faults().add(Fault.hang(WIDGET_CALL));
        List<CompletableFuture<HttpResponse<String>>> hanging = new ArrayList<>();
        for (int i = 0; i < 3 * containerThreads; i++) {
            hanging.add(tokenAsync("user-" + i));
        }
        assertTrue(emulator.faults().awaitHeldCalls(3 * containerThreads, Duration.ofSeconds(20)));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, otherRoute().statusCode());
        }
        emulator.faults().clear();
        hanging.forEach(CompletableFuture::join);
    }

    /* ---------------- rate limit ---------------- */

    @Test
    void eachUserIsRateLimitedWithRetryAfterAndWithoutUpstreamCalls() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        start(b -> b.clock(clock).rateLimit(3, Duration.ofMinutes(1)));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, token("alice").statusCode());
        }
        HttpResponse<String> limited = token("alice");
        assertEquals(429, limited.statusCode());
        assertEquals("rate_limited", error(limited));
        assertEquals("20", retryAfter(limited));
        assertEquals(3, emulator.callCount(WIDGET_CALL));
        assertEquals(200, token("bob").statusCode(), "another user has their own allowance");

        clock.advance(Duration.ofSeconds(20));
        assertEquals(200, token("alice").statusCode());
        assertEquals(429, token("alice").statusCode());
    }

    @Test
    void rateLimitCanBeTurnedOff() throws Exception {
        start(b -> b.disableRateLimit());
        for (int i = 0; i < 25; i++) {
            assertEquals(200, token("alice").statusCode());
        }
    }

    /* ---------------- request checks ---------------- */

    @Test
    void largeBodyGets413AndNonJsonBodyGets415WithoutUpstreamCalls() throws Exception {
        start(b -> b);
        HttpResponse<String> large = app.requestToken("alice", ORIGIN, "{\"pad\":\"" + "x".repeat(5000) + "\"}");
        assertEquals(413, large.statusCode());
        assertEquals("payload_too_large", error(large));
        assertEquals("close", large.headers().firstValue("Connection").orElse(null), "an unread body ends the connection");

        HttpResponse<String> form = app.send(HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH))
                .header(TestWebApp.USER_HEADER, "alice").header("Origin", ORIGIN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("workspace_name=bob")).build());
        assertEquals(415, form.statusCode());
        assertEquals("unsupported_media_type", error(form));

        HttpResponse<String> chunked = app.send(HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH))
                .header(TestWebApp.USER_HEADER, "alice").header("Origin", ORIGIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new java.io.ByteArrayInputStream(("[" + "1,".repeat(4000) + "1]").getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build());
        assertEquals(413, chunked.statusCode());
        assertTrue(emulator.calls().isEmpty(), emulator.calls().toString());
    }

    @Test
    void smallJsonBodyOrNoBodyIsAcceptedAndIgnored() throws Exception {
        start(b -> b);
        assertEquals(200, app.requestToken("alice", ORIGIN, "{\"workspace_name\":\"bob\",\"allowed_origin\":\"https://evil.example\"}").statusCode());
        assertEquals(200, app.send(HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH))
                .header(TestWebApp.USER_HEADER, "alice").header("Origin", ORIGIN)
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());
        assertEquals(List.of("alice"), emulator.workspaces().stream().map(w -> w.name()).toList());
    }

    /* ---------------- CORS ---------------- */

    @Test
    void preflightFromAnAllowedOriginIsAnsweredForExactlyThatOriginWithCredentials() throws Exception {
        start(b -> b.allowedOrigin("https://frontend.example.com"));
        HttpResponse<String> preflight = app.send(HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://frontend.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, x-csrf-token, x-evil")
                .build());
        assertEquals(204, preflight.statusCode());
        assertEquals("https://frontend.example.com", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("true", preflight.headers().firstValue("Access-Control-Allow-Credentials").orElse(null));
        assertEquals("POST", preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
        assertEquals("content-type, x-csrf-token", preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(null));

        HttpResponse<String> post = app.requestToken("alice", "https://frontend.example.com", "{}");
        assertEquals(200, post.statusCode());
        assertEquals("https://frontend.example.com", post.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(emulator.callCount(TOKEN_CALL) == 1);
    }

    @Test
    void preflightFromAnyOtherOriginGetsNoCorsHeaders() throws Exception {
        start(b -> b);
        for (String origin : List.of("https://evil.example", "null", "http://localhost:8080.evil.example")) {
            HttpResponse<String> preflight = app.send(HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST").build());
            assertEquals(403, preflight.statusCode(), origin);
            assertFalse(preflight.headers().firstValue("Access-Control-Allow-Origin").isPresent(), origin);
            HttpResponse<String> post = app.requestToken("alice", origin, "{}");
            assertFalse(post.headers().firstValue("Access-Control-Allow-Origin").isPresent(), origin);
        }
        assertTrue(emulator.calls().isEmpty());
    }

    /* ---------------- visibility ---------------- */

    @Test
    void statisticsCountOutcomesByCodeAndTimeUpstreamCalls() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        start(b -> b.listener(new TokenRouteListener() {
            @Override
            public void onOutcome(String outcome, Duration elapsed) {
                heard.add(outcome);
            }

            @Override
            public void onUpstreamCall(String call, int status, Duration elapsed) {
                heard.add(call + " " + status);
            }
        }));
        token("alice");
        token("alice");
        token(null);
        app.requestToken("alice", "https://evil.example", "{}");
        emulator.faults().add(Fault.status(WIDGET_CALL, 503).times(1));
        token("bob");

        TokenRouteStatistics statistics = airbyte.statistics();
        assertEquals(2, statistics.count("ok"));
        assertEquals(1, statistics.count("unauthenticated"));
        assertEquals(1, statistics.count("origin_not_allowed"));
        assertEquals(1, statistics.count("upstream_unavailable"));
        assertEquals(0, statistics.count("rate_limited"));
        assertEquals(4, statistics.upstreamLatency().count(), statistics.toString());
        assertEquals(0, statistics.upstreamCallsInFlight());
        assertTrue(heard.contains(TOKEN_CALL + " 200"), heard.toString());
        assertTrue(heard.contains(WIDGET_CALL + " 503"), heard.toString());
        assertEquals(5, heard.stream().filter(h -> !h.startsWith("POST ")).count(), heard.toString());
    }

    @Test
    void checkOperatorTokenReportsACachedTokenWithoutCallingAirbyteAndRemembersFailures() throws Exception {
        start(b -> b);
        emulator.faults().add(Fault.status(TOKEN_CALL, 401));
        OperatorTokenStatus failed = airbyte.checkOperatorToken().join();
        assertFalse(failed.available());
        assertEquals(ErrorCode.UPSTREAM_CREDENTIALS_REJECTED, failed.error().orElseThrow());
        airbyte.checkOperatorToken().join();
        assertEquals(1, emulator.callCount(TOKEN_CALL), "a failed check is remembered");

        emulator.faults().clear();
        assertEquals(200, token("alice").statusCode());
        OperatorTokenStatus ok = airbyte.checkOperatorToken().join();
        assertTrue(ok.available());
        assertTrue(ok.refreshAt().isPresent());
        airbyte.checkOperatorToken().join();
        assertEquals(2, emulator.callCount(TOKEN_CALL));
        assertFalse(ok.toString().contains("eyJ"));
    }
}
