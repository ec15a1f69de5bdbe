package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.internal.stats.RouteMetrics;
import io.github.airbyteembedded.servlet.internal.upstream.AirbyteApiClient;
import io.github.airbyteembedded.servlet.internal.upstream.Json;
import io.github.airbyteembedded.servlet.internal.upstream.OperatorToken;
import io.github.airbyteembedded.servlet.internal.upstream.ScopedToken;
import io.github.airbyteembedded.servlet.internal.upstream.Secret;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.Fault;
import io.github.airbyteembedded.testkit.leaks.CapturedOutput;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client secret, the operator tokens, the scoped tokens and every widget token minted during the
 * run appear in no log line (at any level), exception message, {@code toString()} or error body.
 */
final class SecretsNeverLeakIT {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String SECRET = "sample-secret-7f3c9a1e-never-print-me";

    private final List<String> logLines = new ArrayList<>();
    private final Logger packageLogger = Logger.getLogger("io.github.airbyteembedded");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(" | ").append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(" | ").append(trace);
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
    private Level previousLevel;

    @BeforeEach
    void captureEveryLogLine() {
        previousLevel = packageLogger.getLevel();
        packageLogger.setLevel(Level.ALL);
        packageLogger.addHandler(capture);
    }

    @AfterEach
    void restoreLogging() {
        packageLogger.removeHandler(capture);
        packageLogger.setLevel(previousLevel);
    }

    @Test
    void secretAndTokensAppearNowhere() throws Exception {
        List<String> outputs = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().clientSecret(SECRET).build().start()) {
            AirbyteEmbeddedConfig config = AirbyteEmbeddedConfig.builder()
                    .apiBaseUri(emulator.baseUri())
                    .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                    .clientSecret(SECRET)
                    .allowedOrigin(ORIGIN)
                    .build();
            outputs.add(config.toString());
            try (TestWebApp app = TestWebApp.start(config)) {
                for (String user : List.of("alice", "bob", "carol")) {
                    HttpResponse<String> response = app.requestToken(user, ORIGIN, "{}");
                    assertEquals(200, response.statusCode());
                    String token = Json.MAPPER.readTree(response.body()).path("token").asText();
                    tokens.add(token);
                    tokens.add(io.github.airbyteembedded.testkit.WidgetToken.decode(token).jwt());
                }
                emulator.revokeOperatorTokens();
                HttpResponse<String> refreshed = app.requestToken("alice", ORIGIN, "{}");
                tokens.add(Json.MAPPER.readTree(refreshed.body()).path("token").asText());
                outputs.add(app.requestToken(null, ORIGIN, "{}").body());
                outputs.add(app.requestToken("alice", "https://evil.example", "{}").body());
            }
            // A filter with the wrong secret: the upstream rejection must not echo anything.
            try (TestWebApp wrong = TestWebApp.start(config.toBuilder().clientSecret(SECRET + "-wrong").build())) {
                outputs.add(wrong.requestToken("alice", ORIGIN, "{}").body());
            }
        }
        // Airbyte unreachable: exception messages of the upstream failure.
        AirbyteEmbeddedConfig unreachable = AirbyteEmbeddedConfig.builder()
                .apiBaseUri("http://127.0.0.1:9").clientId("id").clientSecret(SECRET).allowedOrigin(ORIGIN).build();
        try (TestWebApp app = TestWebApp.start(unreachable)) {
            outputs.add(app.requestToken("alice", ORIGIN, "{}").body());
        }
        AirbyteApiClient client = new AirbyteApiClient(unreachable, unreachable.clientSecret(), AirbyteApiClient.newHttpClient(unreachable),
                new RouteMetrics(TokenRouteListener.NONE));
        try {
            client.fetchOperatorToken().join();
        } catch (CompletionException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            outputs.add(trace.toString());
        }
        outputs.add(new OperatorToken(Secret.of(SECRET), java.time.Duration.ofSeconds(1), java.time.Instant.EPOCH).toString());

        assertFalse(tokens.isEmpty());
        assertTrue(logLines.stream().anyMatch(line -> line.contains("token route")), "the capture saw the filter's log");
        outputs.forEach(text -> CapturedOutput.add("message or toString()", text)); // and the run's leak scan sees them too
        List<String> everything = new ArrayList<>(outputs);
        synchronized (logLines) {
            everything.addAll(logLines);
        }
        for (String text : everything) {
            assertFalse(text.contains(SECRET), () -> "the client secret leaked into: " + text);
            for (String token : tokens) {
                assertFalse(text.contains(token), () -> "a token leaked into: " + text);
            }
            assertFalse(text.contains("eyJ"), () -> "something JWT- or token-shaped leaked into: " + text);
        }
    }

    @Test
    void scopedTokensAppearNowhere() throws Exception {
        List<String> outputs = new ArrayList<>();
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().clientSecret(SECRET).build().start();
                TestWebApp app = TestWebApp.start(AirbyteEmbeddedConfig.builder()
                        .apiBaseUri(emulator.baseUri())
                        .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                        .clientSecret(SECRET)
                        .allowedOrigin(ORIGIN)
                        .build())) {
            String sources = "/api/airbyte/sources";
            for (String user : List.of("alice", "bob")) {
                outputs.add(app.send(HttpRequest.newBuilder(app.uri(sources)).header(TestWebApp.USER_HEADER, user).build()).body());
            }
            emulator.faults().add(Fault.status("GET /api/v1/integrations/connectors", 401));
            HttpResponse<String> rejected = app.send(HttpRequest.newBuilder(app.uri(sources)).header(TestWebApp.USER_HEADER, "alice").build());
            assertEquals(502, rejected.statusCode());
            outputs.add(rejected.body());
            emulator.faults().clear();
            emulator.faults().add(Fault.status("POST /api/v1/account/applications/scoped-token", 401));
            outputs.add(app.send(HttpRequest.newBuilder(app.uri(sources)).header(TestWebApp.USER_HEADER, "carol").build()).body());
            outputs.add(app.send(HttpRequest.newBuilder(app.uri(sources + "/8a4f6f1e-2f0b-4c59-9d1e-6c0a3f1b7e01")).DELETE()
                    .header(TestWebApp.USER_HEADER, "bob").header("Origin", ORIGIN).build()).body());
        }
        outputs.add(new ScopedToken(Secret.of(SECRET), java.time.Duration.ofMinutes(20), java.time.Instant.EPOCH).toString());

        assertTrue(logLines.stream().anyMatch(line -> line.contains("scoped-token")), "the capture saw the scoped-token calls");
        outputs.forEach(text -> CapturedOutput.add("message or toString()", text));
        List<String> everything = new ArrayList<>(outputs);
        synchronized (logLines) {
            everything.addAll(logLines);
        }
        for (String text : everything) {
            assertFalse(text.contains(SECRET), () -> "the client secret leaked into: " + text);
            assertFalse(text.contains("eyJ"), () -> "something JWT- or token-shaped leaked into: " + text);
        }
    }
}
