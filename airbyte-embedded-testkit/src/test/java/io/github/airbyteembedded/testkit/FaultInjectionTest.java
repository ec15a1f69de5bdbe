package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    private static final String TOKEN = "POST /api/v1/account/applications/token";
    private static final String WIDGET_TOKEN = "POST /api/v1/account/applications/widget-token";
    /** A guard so a broken release fails the test instead of hanging the build; not a speed assertion. */
    private static final long GUARD_SECONDS = 30;

    private AirbyteEmulator emulator;

    @BeforeEach
    void start() {
        emulator = AirbyteEmulator.builder().build().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private TestHttp.Result requestToken() {
        return TestHttp.post(emulator, "/api/v1/account/applications/token", TestHttp.json(Map.of(
                "client_id", AirbyteEmulator.DEFAULT_CLIENT_ID, "client_secret", AirbyteEmulator.DEFAULT_CLIENT_SECRET)));
    }

    private CompletableFuture<TestHttp.Result> requestTokenAsync() {
        return CompletableFuture.supplyAsync(this::requestToken);
    }

    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(GUARD_SECONDS, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void statusFaultAnswersWithTheStatusAndRetryAfterForTheGivenNumberOfCalls() {
        emulator.faults().add(Fault.status(TOKEN, 503).retryAfterSeconds(2).times(3));

        for (int i = 0; i < 3; i++) {
            TestHttp.Result result = requestToken();
            assertEquals(503, result.status());
            assertEquals("2", result.header("Retry-After"));
            assertTrue(result.json().get("message").isTextual());
            assertTrue(result.json().get("errors").isArray());
        }
        assertEquals(200, requestToken().status());
        assertEquals(4, emulator.callCount(TOKEN));
        assertTrue(emulator.faults().active().isEmpty());
    }

    @Test
    void statusFaultWithoutTimesLastsUntilCleared() {
        emulator.faults().add(Fault.status(TOKEN, 500));
        assertEquals(500, requestToken().status());
        assertEquals(500, requestToken().status());
        emulator.faults().clear();
        assertEquals(200, requestToken().status());
    }

    @Test
    void faultsOnlyTouchTheirEndpoint() {
        emulator.faults().add(Fault.status(WIDGET_TOKEN, 503));
        assertEquals(200, requestToken().status());
    }

    @Test
    void delayFaultAnswersNormallyAfterTheDelay() {
        emulator.faults().add(Fault.delay(TOKEN, Duration.ofMillis(50)).times(1));
        TestHttp.Result result = requestToken();
        assertEquals(200, result.status());
        assertEquals("bearer", result.json().get("token_type").asText());
    }

    @Test
    void delayFaultHoldsTheCallUntilItsTimeOrARelease() throws Exception {
        emulator.faults().add(Fault.delay(TOKEN, Duration.ofHours(1)));
        CompletableFuture<TestHttp.Result> call = requestTokenAsync();
        assertTrue(emulator.faults().awaitHeldCalls(1, Duration.ofSeconds(GUARD_SECONDS)));
        assertFalse(call.isDone());

        emulator.faults().clear();

        assertEquals(200, call.get(GUARD_SECONDS, TimeUnit.SECONDS).status());
    }

    @Test
    void hangFaultHoldsTheCallUntilTheFaultsAreCleared() throws Exception {
        emulator.faults().add(Fault.hang(TOKEN));
        CompletableFuture<TestHttp.Result> call = requestTokenAsync();
        assertTrue(emulator.faults().awaitHeldCalls(1, Duration.ofSeconds(GUARD_SECONDS)));
        assertFalse(call.isDone());

        emulator.faults().clear();

        assertTrue(failureOf(call) instanceof UncheckedIOException);
        assertEquals(0, emulator.faults().heldCalls());
        assertEquals(200, requestToken().status());
    }

    @Test
    void hangFaultIsReleasedByDeleteOverHttp() throws Exception {
        assertEquals(201, TestHttp.post(emulator, "/_emulator/faults",
                "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"hang\"}").status());
        CompletableFuture<TestHttp.Result> call = requestTokenAsync();
        assertTrue(emulator.faults().awaitHeldCalls(1, Duration.ofSeconds(GUARD_SECONDS)));

        assertEquals(204, TestHttp.control(emulator, "DELETE", "/_emulator/faults").status());

        assertTrue(failureOf(call) instanceof UncheckedIOException);
    }

    @Test
    void hangFaultIsReleasedByReset() throws Exception {
        emulator.faults().add(Fault.hang(TOKEN));
        CompletableFuture<TestHttp.Result> call = requestTokenAsync();
        assertTrue(emulator.faults().awaitHeldCalls(1, Duration.ofSeconds(GUARD_SECONDS)));

        emulator.reset();

        assertTrue(failureOf(call) instanceof UncheckedIOException);
        assertTrue(emulator.faults().active().isEmpty());
    }

    @Test
    void hangFaultIsReleasedByClose() throws Exception {
        emulator.faults().add(Fault.hang(TOKEN));
        CompletableFuture<TestHttp.Result> first = requestTokenAsync();
        CompletableFuture<TestHttp.Result> second = requestTokenAsync();
        assertTrue(emulator.faults().awaitHeldCalls(2, Duration.ofSeconds(GUARD_SECONDS)));

        CompletableFuture.runAsync(emulator::close).get(GUARD_SECONDS, TimeUnit.SECONDS);

        assertTrue(failureOf(first) instanceof UncheckedIOException);
        assertTrue(failureOf(second) instanceof UncheckedIOException);
        assertEquals(0, emulator.faults().heldCalls());
        // A pool reports termination as its workers leave their run loop, a moment before the threads end.
        List<Thread> emulatorThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("airbyte-emulator-")).toList();
        for (Thread thread : emulatorThreads) {
            thread.join(TimeUnit.SECONDS.toMillis(GUARD_SECONDS));
        }
        assertEquals(List.of(), emulatorThreads.stream().filter(Thread::isAlive).map(Thread::getName).toList(),
                "close() leaves no emulator thread behind");
    }

    @Test
    void resetFaultClosesTheConnectionWithoutAResponse() {
        emulator.faults().add(Fault.reset(TOKEN).times(1));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, this::requestToken);
        assertTrue(e.getCause() instanceof IOException);
        assertEquals(200, requestToken().status());
        assertEquals(2, emulator.callCount(TOKEN));
    }

    @Test
    void malformedFaultAnswers200WithABodyThatIsNotJson() {
        emulator.faults().add(Fault.malformed(TOKEN).times(1));
        TestHttp.Result result = requestToken();
        assertEquals(200, result.status());
        assertEquals("application/json", result.header("Content-Type"));
        assertThrows(UncheckedIOException.class, result::json);
    }

    /** Starts a token request whose body is read as a stream, so a test sees the headers before the body ends. */
    private HttpResponse<InputStream> requestTokenStreaming() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUri() + "/api/v1/account/applications/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.json(Map.of(
                        "client_id", AirbyteEmulator.DEFAULT_CLIENT_ID, "client_secret", AirbyteEmulator.DEFAULT_CLIENT_SECRET))))
                .build();
        return STREAMING.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).get(GUARD_SECONDS, TimeUnit.SECONDS);
    }

    private static final HttpClient STREAMING = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void stallBodyFaultSendsTheHeadersAndHalfTheBodyThenNothingUntilCleared() throws Exception {
        int normalLength = requestToken().body().getBytes(StandardCharsets.UTF_8).length;
        emulator.faults().add(Fault.stallBody(TOKEN).times(1));

        HttpResponse<InputStream> response = requestTokenStreaming();
        assertEquals(200, response.statusCode());
        assertEquals(normalLength, response.headers().firstValueAsLong("Content-Length").orElseThrow());
        assertTrue(emulator.faults().awaitHeldCalls(1, Duration.ofSeconds(GUARD_SECONDS)));
        try (InputStream body = response.body()) {
            assertEquals(normalLength / 2, body.readNBytes(normalLength / 2).length);
            CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> {
                try {
                    return body.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertFalse(rest.isDone());

            emulator.faults().clear();

            assertTrue(failureOf(rest) instanceof UncheckedIOException, "the connection closes before the announced length");
        }
        assertEquals(0, emulator.faults().heldCalls());
        assertEquals(200, requestToken().status());
    }

    @Test
    void slowBodyFaultSendsTheWholeNormalBodyOneByteAtATime() {
        emulator.faults().add(Fault.slowBody(TOKEN, Duration.ofMillis(1)).times(1));
        TestHttp.Result result = requestToken();
        assertEquals(200, result.status());
        assertEquals("bearer", result.json().get("token_type").asText());
    }

    @Test
    void slowBodyFaultHoldsTheCallWhileItTricklesUntilCleared() throws Exception {
        emulator.faults().add(Fault.slowBody(TOKEN, Duration.ofHours(1)));
        HttpResponse<InputStream> response = requestTokenStreaming();
        assertEquals(200, response.statusCode());
        assertTrue(emulator.faults().awaitHeldCalls(1, Duration.ofSeconds(GUARD_SECONDS)));

        emulator.faults().clear();

        try (InputStream body = response.body()) {
            assertThrows(IOException.class, body::readAllBytes);
        }
        assertEquals(0, emulator.faults().heldCalls());
    }

    @Test
    void hugeBodyFaultAnswersWithAJsonBodyOfExactlyTheGivenSize() {
        long size = 3L * 1024 * 1024;
        emulator.faults().add(Fault.hugeBody(TOKEN, size).times(1));
        TestHttp.Result huge = requestToken();
        assertEquals(200, huge.status());
        assertEquals(size, huge.body().length());
        assertEquals("Emulated fault: huge body", huge.json().get("message").asText());

        emulator.faults().add(Fault.hugeBody(TOKEN, 500, 100).times(1));
        TestHttp.Result error = requestToken();
        assertEquals(500, error.status());
        assertEquals(100, error.body().length());
        assertTrue(error.json().get("errors").isArray());

        emulator.faults().add(Fault.hugeBody(TOKEN, 5).times(1));
        assertEquals("     ", requestToken().body());
        assertEquals(200, requestToken().status());
    }

    @Test
    void truncatedFaultAnnouncesTheWholeBodySendsHalfAndCloses() throws Exception {
        int normalLength = requestToken().body().getBytes(StandardCharsets.UTF_8).length;
        emulator.faults().add(Fault.truncated(TOKEN).times(1));
        HttpResponse<InputStream> response = requestTokenStreaming();
        assertEquals(200, response.statusCode());
        assertEquals(normalLength, response.headers().firstValueAsLong("Content-Length").orElseThrow());
        try (InputStream body = response.body()) {
            assertEquals(normalLength / 2, body.readNBytes(normalLength / 2).length);
            assertThrows(IOException.class, body::readAllBytes);
        }
        assertEquals(200, requestToken().status());
    }

    @Test
    void wrongTypesFaultKeepsTheShapeButChangesEveryValueType() {
        emulator.faults().add(Fault.wrongTypes(TOKEN).times(1));
        TestHttp.Result result = requestToken();
        assertEquals(200, result.status());
        JsonNode json = result.json();
        assertTrue(json.get("access_token").isNumber(), json.toString());
        assertTrue(json.get("token_type").isNumber(), json.toString());
        assertTrue(json.get("expires_in").isTextual(), json.toString());
        assertTrue(requestToken().json().get("access_token").isTextual());
    }

    @Test
    void theNewKindsArePostedAndListedOverHttpByTheirWireNames() {
        List<String> rules = List.of(
                "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"stall-body\"}",
                "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"slow-body\",\"delayMillis\":20}",
                "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"huge-body\",\"sizeBytes\":67108864,\"status\":500}",
                "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"truncated\",\"times\":2}",
                "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"wrong-types\"}");
        for (String rule : rules) {
            assertEquals(201, TestHttp.post(emulator, "/_emulator/faults", rule).status(), rule);
        }
        assertEquals(List.of(Fault.stallBody(TOKEN), Fault.slowBody(TOKEN, Duration.ofMillis(20)),
                Fault.hugeBody(TOKEN, 500, 64L * 1024 * 1024), Fault.truncated(TOKEN).times(2), Fault.wrongTypes(TOKEN)),
                emulator.faults().active());
        JsonNode listed = TestHttp.get(emulator, "/_emulator/faults").json();
        assertEquals("huge-body", listed.get(2).get("kind").asText());
        assertEquals(67108864L, listed.get(2).get("sizeBytes").asLong());
        assertEquals(500, listed.get(2).get("status").asInt());
        assertEquals("slow-body", listed.get(1).get("kind").asText());
        assertEquals(20, listed.get(1).get("delayMillis").asInt());
    }

    @Test
    void theNewKindsRejectMissingOrForeignFields() {
        TestHttp.Result unknown = TestHttp.post(emulator, "/_emulator/faults", "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"stall_body\"}");
        assertEquals(422, unknown.status());
        assertTrue(unknown.json().get("errors").get(0).get("message").asText().contains("'stall-body'"), unknown.body());
        assertEquals(422, TestHttp.post(emulator, "/_emulator/faults", "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"huge-body\"}").status());
        assertEquals(422, TestHttp.post(emulator, "/_emulator/faults", "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"slow-body\"}").status());
        TestHttp.Result tooSmall = TestHttp.post(emulator, "/_emulator/faults",
                "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"huge-body\",\"sizeBytes\":0}");
        assertEquals(422, tooSmall.status());
        assertEquals("sizeBytes", tooSmall.json().get("errors").get(0).get("field").asText());
        assertEquals(422, TestHttp.post(emulator, "/_emulator/faults",
                "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"huge-body\",\"sizeBytes\":10,\"status\":100}").status());
        assertEquals(422, TestHttp.post(emulator, "/_emulator/faults",
                "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"truncated\",\"status\":500}").status());
        assertTrue(emulator.faults().active().isEmpty());
    }

    @Test
    void rulesPostedOverHttpAreListedWithTheirRemainingCalls() {
        TestHttp.Result added = TestHttp.post(emulator, "/_emulator/faults", "{\"endpoint\":\"" + TOKEN
                + "\",\"kind\":\"status\",\"status\":503,\"retryAfterSeconds\":2,\"times\":3}");
        assertEquals(201, added.status());
        requestToken();

        JsonNode listed = TestHttp.get(emulator, "/_emulator/faults").json();

        assertEquals(1, listed.size());
        assertEquals("status", listed.get(0).get("kind").asText());
        assertEquals(503, listed.get(0).get("status").asInt());
        assertEquals(2, listed.get(0).get("retryAfterSeconds").asInt());
        assertEquals(2, listed.get(0).get("times").asInt());
        assertEquals(List.of(Fault.status(TOKEN, 503).retryAfterSeconds(2).times(2)), emulator.faults().active());
    }

    @Test
    void rulesWithUnknownKindsMissingFieldsOrFieldsTheKindDoesNotUseAreRejectedWith422() {
        assertEquals(422, TestHttp.post(emulator, "/_emulator/faults", "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"explode\"}").status());
        assertEquals(422, TestHttp.post(emulator, "/_emulator/faults", "{\"kind\":\"hang\"}").status());
        assertEquals(422, TestHttp.post(emulator, "/_emulator/faults", "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"status\"}").status());
        TestHttp.Result extra = TestHttp.post(emulator, "/_emulator/faults",
                "{\"endpoint\":\"" + TOKEN + "\",\"kind\":\"hang\",\"delayMillis\":5}");
        assertEquals(422, extra.status());
        assertEquals("delayMillis", extra.json().get("errors").get(0).get("field").asText());
        assertEquals(422, TestHttp.post(emulator, "/_emulator/faults", "{\"endpoint\":\"token\",\"kind\":\"reset\"}").status());
        assertTrue(emulator.faults().active().isEmpty());
    }

    @Test
    void inspectionCallsAreNeverFaulted() {
        emulator.faults().add(Fault.status("GET /_emulator/calls", 500));
        assertEquals(200, TestHttp.get(emulator, "/_emulator/calls").status());
    }

    @Test
    void faultSettingsAreCheckedWhereTheyAreMade() {
        assertThrows(IllegalStateException.class, () -> Fault.hang(TOKEN).retryAfterSeconds(1));
        assertThrows(IllegalArgumentException.class, () -> Fault.reset(TOKEN).times(0));
        assertThrows(IllegalArgumentException.class, () -> Fault.status(TOKEN, 200));
        assertThrows(IllegalArgumentException.class, () -> Fault.hang("/api/v1/account/applications/token"));
        assertThrows(IllegalArgumentException.class, () -> Fault.hang("GET /x?y=1"));
        assertThrows(IllegalArgumentException.class, () -> Fault.delay(TOKEN, Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> Fault.slowBody(TOKEN, Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> Fault.hugeBody(TOKEN, 0));
        assertThrows(IllegalArgumentException.class, () -> Fault.hugeBody(TOKEN, 199, 10));
        assertThrows(IllegalStateException.class, () -> Fault.stallBody(TOKEN).retryAfterSeconds(1));
    }
}
