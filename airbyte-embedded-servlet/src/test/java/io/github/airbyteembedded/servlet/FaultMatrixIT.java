package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.airbyteembedded.servlet.internal.pipeline.JsonResponses;
import io.github.airbyteembedded.servlet.internal.upstream.Json;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.Fault;
import io.github.airbyteembedded.testkit.leaks.LeakScanner;
import io.github.airbyteembedded.testkit.support.MutableClock;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix: every fault kind of the emulator crossed with every call the library makes to
 * Airbyte, each through the route that makes it. For each cell: the route's status, {@code error} code
 * and exact body; {@code Retry-After} where the contract puts it ({@link JsonResponses#carriesRetryAfter});
 * nothing of Airbyte's body and none of the secrets in the answer or the library's log; no in-flight
 * permit left held; health ({@link AirbyteEmbedded#checkOperatorToken()}) DOWN with the cell's code when
 * the operator token is the faulted call, UP otherwise; and, the fault cleared, the same request
 * succeeding (the token caches are sane). One emulator and one application serve the whole matrix,
 * with a short request timeout; each cell has its own user, and the emulator is reset between cells.
 *
 * <p>The expectations ({@link Row}) are the table of {@code docs/reliability.md} (checked by {@link
 * #theReliabilityPagesTableIsTheMatrix()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class FaultMatrixIT {

    /** The deadline of each call to Airbyte in the matrix: short, so that the timeouts are quick. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
    private static final String ORIGIN = "http://localhost:8080";
    private static final String SOURCES = AirbyteEmbeddedConfig.DEFAULT_SOURCES_PATH;
    private static final String EVENTS = AirbyteEmbeddedConfig.DEFAULT_SOURCE_EVENTS_PATH;
    /** A guard so that a request that never ends fails the test instead of hanging the build; not a speed assertion. */
    private static final Duration GUARD = Duration.ofSeconds(30);
    /** What the emulator's faults put in the bodies they send: none of it may reach an answer or a log. */
    private static final List<String> UPSTREAM_BODY_MARKERS = List.of("Emulated fault", "emulated_fault");
    private static final Path DOCUMENT = Path.of("..", "docs", "reliability.md");
    private static final String TABLE_START = "<!-- fault-matrix:start -->";
    private static final String TABLE_END = "<!-- fault-matrix:end -->";

    /** The calls the library makes to Airbyte, each with the route request that makes it. */
    enum Call {
        OPERATOR_TOKEN("Operator token", "POST /api/v1/account/applications/token", "`POST` token route"),
        WIDGET_TOKEN("Widget token", "POST /api/v1/account/applications/widget-token", "`POST` token route"),
        SCOPED_TOKEN("Scoped token", "POST /api/v1/account/applications/scoped-token", "`GET` sources"),
        LIST_SOURCES("List sources", "GET /api/v1/integrations/connectors", "`GET` sources"),
        GET_SOURCE("Get source", "GET /api/v1/integrations/connectors/{id}", "`POST` source-events"),
        DELETE_SOURCE("Delete source", "DELETE /api/v1/integrations/connectors/{id}", "`DELETE` sources/{id}");

        final String title;
        final String endpoint;
        final String route;

        Call(String title, String endpoint, String route) {
            this.title = title;
            this.endpoint = endpoint;
            this.route = route;
        }

        String endpoint(String sourceId) {
            return endpoint.replace("{id}", sourceId);
        }

        /** Whether the route's request needs a source in the workspace (the list cells, to have data to spoil). */
        boolean needsSource() {
            return this == LIST_SOURCES || this == GET_SOURCE || this == DELETE_SOURCE;
        }
    }

    /** What a route answers: a success, or an error code with {@code Retry-After} where the contract says. */
    record Outcome(int status, ErrorCode error, String retryAfter, String note) {

        static Outcome error(ErrorCode code) {
            return new Outcome(code.httpStatus(), code, JsonResponses.carriesRetryAfter(code) ? "5" : null, "");
        }

        static Outcome success(int status, String note) {
            return new Outcome(status, null, null, note);
        }

        Outcome withRetryAfter(String seconds) {
            return new Outcome(status, error, seconds, note);
        }

        String cell() {
            if (error == null) {
                return status + (note.isEmpty() ? "" : ", " + note);
            }
            return status + " `" + error.code() + "`" + (retryAfter == null ? "" : ", Retry-After " + retryAfter);
        }
    }

    private static final Outcome CREDENTIALS = Outcome.error(ErrorCode.UPSTREAM_CREDENTIALS_REJECTED);
    private static final Outcome ERROR = Outcome.error(ErrorCode.UPSTREAM_ERROR);
    private static final Outcome UNAVAILABLE = Outcome.error(ErrorCode.UPSTREAM_UNAVAILABLE);
    private static final Outcome RATE_LIMITED = Outcome.error(ErrorCode.UPSTREAM_RATE_LIMITED);
    private static final Outcome TIMEOUT = Outcome.error(ErrorCode.UPSTREAM_TIMEOUT);
    private static final Outcome NOT_FOUND = Outcome.error(ErrorCode.SOURCE_NOT_FOUND);
    private static final Outcome NO_SOURCES = Outcome.success(200, "no sources");
    private static final Outcome CONFIRMED = Outcome.success(200, "confirmed (the body is not read)");
    private static final Outcome DELETED = Outcome.success(204, "(the body is not read)");
    private static final Outcome AS_LISTED = Outcome.success(200, "Airbyte's list as it is (see SECURITY.md)");
    /** A fault that does not apply to the call. */
    private static final Outcome NONE = null;

    /** The fault kinds, each with what every call's route answers under it, in the order of {@link Call}. */
    enum Row {
        STATUS_400("status 400", endpoint -> Fault.status(endpoint, 400), CREDENTIALS, ERROR, ERROR, ERROR, ERROR, ERROR),
        STATUS_401("status 401", endpoint -> Fault.status(endpoint, 401), CREDENTIALS, CREDENTIALS, CREDENTIALS, CREDENTIALS,
                CREDENTIALS, CREDENTIALS),
        STATUS_403("status 403", endpoint -> Fault.status(endpoint, 403), CREDENTIALS, CREDENTIALS, CREDENTIALS, CREDENTIALS,
                NOT_FOUND, NOT_FOUND),
        STATUS_404("status 404", endpoint -> Fault.status(endpoint, 404), ERROR, ERROR, ERROR, NO_SOURCES, NOT_FOUND, NOT_FOUND),
        STATUS_409("status 409", endpoint -> Fault.status(endpoint, 409), ERROR, ERROR, ERROR, ERROR, ERROR, ERROR),
        STATUS_422("status 422", endpoint -> Fault.status(endpoint, 422), ERROR, ERROR, ERROR, ERROR, ERROR, ERROR),
        STATUS_429("status 429", endpoint -> Fault.status(endpoint, 429), RATE_LIMITED, RATE_LIMITED, RATE_LIMITED,
                RATE_LIMITED, RATE_LIMITED, RATE_LIMITED),
        STATUS_429_RETRY_AFTER("status 429, Retry-After: 7", endpoint -> Fault.status(endpoint, 429).retryAfterSeconds(7),
                RATE_LIMITED.withRetryAfter("7"), RATE_LIMITED.withRetryAfter("7"), RATE_LIMITED.withRetryAfter("7"),
                RATE_LIMITED.withRetryAfter("7"), RATE_LIMITED.withRetryAfter("7"), RATE_LIMITED.withRetryAfter("7")),
        STATUS_500("status 500", endpoint -> Fault.status(endpoint, 500), ERROR, ERROR, ERROR, ERROR, ERROR, ERROR),
        STATUS_502("status 502", endpoint -> Fault.status(endpoint, 502), UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE,
                UNAVAILABLE, UNAVAILABLE),
        STATUS_503("status 503", endpoint -> Fault.status(endpoint, 503), UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE,
                UNAVAILABLE, UNAVAILABLE),
        STATUS_503_RETRY_AFTER("status 503, Retry-After: 7", endpoint -> Fault.status(endpoint, 503).retryAfterSeconds(7),
                UNAVAILABLE.withRetryAfter("7"), UNAVAILABLE.withRetryAfter("7"), UNAVAILABLE.withRetryAfter("7"),
                UNAVAILABLE.withRetryAfter("7"), UNAVAILABLE.withRetryAfter("7"), UNAVAILABLE.withRetryAfter("7")),
        STATUS_504("status 504", endpoint -> Fault.status(endpoint, 504), UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE,
                UNAVAILABLE, UNAVAILABLE),
        DELAY("delay past the timeout", endpoint -> Fault.delay(endpoint, REQUEST_TIMEOUT.multipliedBy(4)), TIMEOUT, TIMEOUT,
                TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT),
        HANG("hang", Fault::hang, TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT),
        RESET("reset", Fault::reset, ERROR, ERROR, ERROR, ERROR, ERROR, ERROR),
        MALFORMED("malformed (200, not JSON)", Fault::malformed, ERROR, ERROR, ERROR, ERROR, CONFIRMED, DELETED),
        STALL_BODY("stall-body", Fault::stallBody, TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT),
        SLOW_BODY("slow-body (a byte per timeout)", endpoint -> Fault.slowBody(endpoint, REQUEST_TIMEOUT), TIMEOUT, TIMEOUT,
                TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT),
        HUGE_BODY("huge-body, 200 of 2 MiB", endpoint -> Fault.hugeBody(endpoint, 2L << 20), ERROR, ERROR, ERROR, ERROR, ERROR,
                ERROR),
        HUGE_ERROR_BODY("huge-body, 500 of 256 KiB", endpoint -> Fault.hugeBody(endpoint, 500, 256L << 10), ERROR, ERROR, ERROR,
                ERROR, ERROR, ERROR),
        TRUNCATED("truncated", Fault::truncated, ERROR, ERROR, ERROR, ERROR, ERROR, ERROR),
        WRONG_TYPES("wrong-types", Fault::wrongTypes, ERROR, ERROR, ERROR, ERROR, CONFIRMED, DELETED),
        FOREIGN_SOURCE("foreign-source (the list ignores the workspace; get and delete target another workspace's source)",
                endpoint -> Fault.foreignSource(), NONE, NONE, NONE, AS_LISTED, NOT_FOUND, NOT_FOUND);

        final String title;
        final Function<String, Fault> fault;
        final List<Outcome> outcomes;

        Row(String title, Function<String, Fault> fault, Outcome... outcomes) {
            this.title = title;
            this.fault = fault;
            this.outcomes = Arrays.asList(outcomes);
        }

        Outcome expected(Call call) {
            return outcomes.get(call.ordinal());
        }

        /** Whether the call's request targets another workspace's source. */
        boolean targetsAnotherWorkspace() {
            return this == FOREIGN_SOURCE;
        }
    }

    private final MutableClock clock = MutableClock.startingNow();
    private final List<String> logLines = new ArrayList<>();
    private final Logger libraryLogger = Logger.getLogger("io.github.airbyteembedded.servlet");
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(" | ").append(parameter);
                }
            }
            if (record.getThrown() != null) {
                line.append(" | ").append(record.getThrown());
            }
            synchronized (logLines) {
                logLines.add(line.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final HttpClient setupClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private AirbyteEmulator emulator;
    private AirbyteEmbedded airbyte;
    private TestWebApp app;
    private long startedNanos;
    private int cells;
    private final AtomicInteger slowRecoveries = new AtomicInteger();

    @BeforeAll
    void startOneEmulatorAndOneApp() throws Exception {
        startedNanos = System.nanoTime();
        emulator = AirbyteEmulator.builder().clock(clock).build().start();
        airbyte = AirbyteEmbedded.create(AirbyteEmbeddedConfig.builder()
                .apiBaseUri(emulator.baseUri())
                .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                .allowedOrigin(ORIGIN)
                .requestTimeout(REQUEST_TIMEOUT)
                .clock(clock)
                .disableRateLimit()
                .disableSourcesListRateLimit()
                .disableSourcesChangeRateLimit()
                .build());
        app = TestWebApp.start(airbyte, 50);
        libraryLogger.addHandler(logCapture);
        assertEquals(200, request(Call.WIDGET_TOKEN, "warm-up", null).statusCode(), "a healthy request before the matrix");
    }

    @AfterAll
    void stop() {
        libraryLogger.removeHandler(logCapture);
        if (app != null) {
            app.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        System.out.printf("[fault-matrix] %d cells (%d fault kinds x %d calls) in %.1f s; recoveries slower than the timeout,"
                + " asked again: %d%n", cells, Row.values().length, Call.values().length, (System.nanoTime() - startedNanos) / 1e9,
                slowRecoveries.get());
    }

    static Stream<Arguments> cells() {
        return Arrays.stream(Row.values()).flatMap(row -> Arrays.stream(Call.values())
                .filter(call -> row.expected(call) != NONE)
                .map(call -> Arguments.of(row, call)));
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("cells")
    void eachFaultOfEachCallHasItsDefinedOutcome(Row row, Call call) throws Exception {
        cells++;
        Outcome expected = row.expected(call);
        emulator.reset();
        clock.advance(Duration.ofHours(1)); // every cached token is stale: this cell's route fetches what it needs
        String user = "cell-" + row.ordinal() + "-" + call.ordinal();
        String sourceId = call.needsSource() ? createSource(row.targetsAnotherWorkspace() ? "other-" + user : user) : null;
        String ownSourceId = row.targetsAnotherWorkspace() && call == Call.LIST_SOURCES ? createSource(user) : null;
        synchronized (logLines) {
            logLines.clear();
        }
        emulator.faults().add(row.fault.apply(call.endpoint(sourceId == null ? "-" : sourceId)));

        HttpResponse<String> response = request(call, user, sourceId);

        String cell = row + " x " + call + ": ";
        assertEquals(expected.status(), response.statusCode(), cell + response.body());
        assertEquals(expected.retryAfter(), response.headers().firstValue("Retry-After").orElse(null), cell + "Retry-After");
        if (expected.error() != null) {
            JsonNode body = Json.MAPPER.readTree(response.body());
            assertEquals(expected.error().code(), body.path("error").asText(), cell + response.body());
            assertEquals(Json.object().put("error", expected.error().code()).put("message", expected.error().message()), body,
                    cell + "the body is the code and its message, nothing of Airbyte's");
        } else if (row.targetsAnotherWorkspace()) {
            String listed = response.body();
            assertTrue(listed.contains(sourceId) && listed.contains(ownSourceId), cell + "Airbyte's list as it came: " + listed);
        }
        Await.until(cell + "no in-flight permit is left held", () -> airbyte.statistics().upstreamCallsInFlight() == 0, GUARD);
        assertHealth(cell, call == Call.OPERATOR_TOKEN ? expected.error() : null);
        assertNothingLeaked(cell, response);
        if (row.targetsAnotherWorkspace() && call == Call.DELETE_SOURCE) {
            assertEquals(1, emulator.workspace("other-" + user).orElseThrow().sources().size(), cell + "nothing is deleted");
        }

        emulator.faults().clear();
        long recoveryStarted = System.nanoTime();
        HttpResponse<String> healthy = request(call, user, call.needsSource() ? createSource(user) : null);
        if (healthy.statusCode() == 504 && Duration.ofNanos(System.nanoTime() - recoveryStarted).compareTo(REQUEST_TIMEOUT) >= 0) {
            // The 500 ms timeout can expire on a healthy call when the machine is busy (a 2-core CI runner
            // building in parallel). Such a recovery is counted and printed, and the next request must succeed.
            slowRecoveries.incrementAndGet();
            healthy = request(call, user, call.needsSource() ? createSource(user) : null);
        }
        assertEquals(call == Call.DELETE_SOURCE ? 204 : 200, healthy.statusCode(), cell + "once Airbyte is healthy: " + healthy.body());
        assertHealth(cell + "once Airbyte is healthy: ", null);
        Await.until(cell + "no in-flight permit is left held", () -> airbyte.statistics().upstreamCallsInFlight() == 0, GUARD);
    }

    /** Every expectation follows the Retry-After contract: on every 503 and 429, on nothing else. */
    @Test
    void theExpectationsFollowTheRetryAfterContract() {
        for (Row row : Row.values()) {
            for (Call call : Call.values()) {
                Outcome outcome = row.expected(call);
                if (outcome != NONE && outcome.error() != null) {
                    assertEquals(JsonResponses.carriesRetryAfter(outcome.error()), outcome.retryAfter() != null, row + " x " + call);
                    assertEquals(outcome.error().httpStatus(), outcome.status(), row + " x " + call);
                }
            }
        }
        assertTrue(Row.values().length >= 15 && Call.values().length >= 4, "at least 15 fault kinds x 4 calls");
    }

    /**
     * The reliability page, {@code docs/reliability.md}, shows the matrix as these expectations: this test fails when it
     * differs, and prints the text to paste (also written to {@code target/fault-matrix.md}).
     */
    @Test
    void theReliabilityPagesTableIsTheMatrix() throws IOException {
        String generated = table();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fault-matrix.md"), generated, StandardCharsets.UTF_8);
        List<String> lines = Files.readAllLines(DOCUMENT, StandardCharsets.UTF_8);
        int start = lines.indexOf(TABLE_START);
        int end = lines.indexOf(TABLE_END);
        String documented = start < 0 || end < start ? "(no " + TABLE_START + " ... " + TABLE_END + " in docs/reliability.md)"
                : String.join("\n", lines.subList(start + 1, end));
        assertEquals(generated, documented, "docs/reliability.md's fault matrix is not the test's expectations; put this between "
                + TABLE_START + " and " + TABLE_END + ":\n" + generated + "\n");
    }

    /** The Markdown of the matrix: a row per fault kind, a column per call (with the route that makes it). */
    static String table() {
        List<String> lines = new ArrayList<>();
        lines.add("| Fault | " + Arrays.stream(Call.values()).map(call -> call.title + "<br>(" + call.route + ")")
                .collect(Collectors.joining(" | ")) + " |");
        lines.add("|---" + "|---".repeat(Call.values().length) + "|");
        for (Row row : Row.values()) {
            lines.add("| " + row.title + " | " + Arrays.stream(Call.values())
                    .map(call -> row.expected(call) == NONE ? "–" : row.expected(call).cell())
                    .collect(Collectors.joining(" | ")) + " |");
        }
        long count = cells().count();
        lines.add("");
        lines.add(count + " cells (" + Row.values().length + " fault kinds x " + Call.values().length
                + " calls, less the foreign-source fault's three token calls, to which it does not apply). In every cell: "
                + "the body is `{\"error\", \"message\"}` with nothing of Airbyte's, no secret or token is in the answer or "
                + "the log, no in-flight permit stays held, health (`checkOperatorToken()`) is DOWN with the cell's code "
                + "in the operator-token column and UP in the others, and once the fault is cleared the same request "
                + "succeeds.");
        return String.join("\n", lines);
    }

    private void assertHealth(String cell, ErrorCode down) {
        if (down == null) {
            OperatorTokenStatus status = health();
            assertTrue(status.available(), cell + "health is UP: " + status);
            return;
        }
        // A check that ends while the fetch is still retrying says upstream_timeout; the fetch's own end is what the next one says.
        Await.until(cell + "health is DOWN with " + down.code(), () -> {
            OperatorTokenStatus status = health();
            return !status.available() && status.error().orElseThrow() == down;
        }, GUARD);
        // A check that stopped waiting (upstream_timeout) leaves its fetch going on, and a request made now
        // would join that fetch, begun while Airbyte was failing. Wait for it to end: its failure is then
        // remembered, and a check answers at once.
        Await.until(cell + "the health check's own fetch has ended", () -> airbyte.checkOperatorToken().isDone(), GUARD);
    }

    private OperatorTokenStatus health() {
        try {
            return airbyte.checkOperatorToken().get(GUARD.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("checkOperatorToken() did not answer", e);
        }
    }

    private void assertNothingLeaked(String cell, HttpResponse<String> response) {
        List<String> texts = new ArrayList<>();
        if (response.statusCode() >= 400) {
            texts.add(response.body());
        }
        texts.add(response.headers().map().toString());
        synchronized (logLines) {
            texts.addAll(logLines);
        }
        LeakScanner secrets = LeakScanner.of(emulator.issuedSecrets());
        for (String text : texts) {
            assertEquals(List.of(), secrets.scan(text), () -> cell + "a secret in: " + text.replace('\n', ' '));
            for (String marker : UPSTREAM_BODY_MARKERS) {
                assertFalse(text.contains(marker), () -> cell + "Airbyte's body in: " + text);
            }
        }
    }

    private HttpResponse<String> request(Call call, String user, String sourceId) throws Exception {
        HttpRequest.Builder request = switch (call) {
            case OPERATOR_TOKEN, WIDGET_TOKEN -> HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH))
                    .header("Origin", ORIGIN).POST(HttpRequest.BodyPublishers.noBody());
            case SCOPED_TOKEN, LIST_SOURCES -> HttpRequest.newBuilder(app.uri(SOURCES)).GET();
            case GET_SOURCE -> HttpRequest.newBuilder(app.uri(EVENTS)).header("Origin", ORIGIN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"source_created\",\"sourceId\":\"" + sourceId + "\"}"));
            case DELETE_SOURCE -> HttpRequest.newBuilder(app.uri(SOURCES + "/" + sourceId)).header("Origin", ORIGIN).DELETE();
        };
        return app.send(request.header(TestWebApp.USER_HEADER, user).timeout(GUARD).build());
    }

    /** Creates a source in a workspace through the emulator's API, with an operator token of the test's own. */
    private String createSource(String workspace) throws Exception {
        HttpRequest.Builder tokenRequest = HttpRequest.newBuilder(emulator.baseUri().resolve("/api/v1/account/applications/token"));
        String token = Json.MAPPER.readTree(setupClient.send(tokenRequest
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + AirbyteEmulator.DEFAULT_CLIENT_ID
                        + "\",\"client_secret\":\"" + AirbyteEmulator.DEFAULT_CLIENT_SECRET + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        HttpRequest.Builder createRequest = HttpRequest.newBuilder(emulator.baseUri().resolve("/api/v1/integrations/connectors"));
        HttpResponse<String> created = setupClient.send(createRequest
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"workspace_name\":\"" + workspace + "\","
                        + "\"source_template_id\":\"8a4f6f1e-2f0b-4c59-9d1e-6c0a3f1b7e01\","
                        + "\"replication_config\":{\"personal_access_token\":\"ghp_test\",\"repositories\":[\"acme/app\"]}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
        return Json.MAPPER.readTree(created.body()).path("id").asText();
    }
}
