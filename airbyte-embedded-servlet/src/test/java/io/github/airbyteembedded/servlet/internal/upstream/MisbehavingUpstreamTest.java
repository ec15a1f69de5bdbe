package io.github.airbyteembedded.servlet.internal.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.Await;
import io.github.airbyteembedded.servlet.ErrorCode;
import io.github.airbyteembedded.servlet.ScriptedUpstream;
import io.github.airbyteembedded.servlet.TokenRouteListener;
import io.github.airbyteembedded.servlet.internal.stats.RouteMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against an Airbyte that misbehaves after its status line, on a raw socket
 * ({@link ScriptedUpstream}), so that the test sees what the client does with the connection.
 */
final class MisbehavingUpstreamTest {

    /** A guard so that a call that never ends fails the test instead of hanging the build; not a speed assertion. */
    private static final long GUARD_SECONDS = 30;
    private static final long MIB = 1024 * 1024;
    private static final String TOKEN_BODY = "{\"access_token\":\"operator-token\",\"token_type\":\"bearer\",\"expires_in\":900}";

    private ScriptedUpstream upstream;

    @AfterEach
    void stop() throws IOException {
        if (upstream != null) {
            upstream.close();
        }
    }

    /** A client with a deadline that a healthy loopback call never reaches, even on a busy machine. */
    private AirbyteApiClient client(ScriptedUpstream.Script script) throws IOException {
        return client(script, Duration.ofSeconds(10));
    }

    private AirbyteApiClient client(ScriptedUpstream.Script script, Duration requestTimeout) throws IOException {
        upstream = ScriptedUpstream.start(script);
        AirbyteEmbeddedConfig config = AirbyteEmbeddedConfig.builder()
                .apiBaseUri(upstream.baseUri())
                .clientId("client-id")
                .clientSecret("client-secret")
                .allowedOrigin("http://localhost:8080")
                .requestTimeout(requestTimeout)
                .build();
        return new AirbyteApiClient(config, Secret.of("client-secret"), AirbyteApiClient.newHttpClient(config),
                new RouteMetrics(TokenRouteListener.NONE));
    }

    private static UpstreamException failure(CompletableFuture<?> call) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(GUARD_SECONDS, TimeUnit.SECONDS));
        return assertInstanceOf(UpstreamException.class, e.getCause());
    }

    private static OperatorToken operatorToken() {
        return new OperatorToken(Secret.of("operator-token"), Duration.ofSeconds(900), java.time.Instant.now());
    }

    /** Streams {@code size} bytes of a JSON string in 64 KiB writes; a write fails once the client closed. */
    private static void streamJson(OutputStream out, long size) throws IOException {
        out.write("{\"access_token\":\"".getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (long sent = 17; sent < size - 2; sent += chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, size - 2 - sent));
        }
        out.write("\"}".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String widgetToken(String exp) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String jwt = url.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(("{\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8)) + ".c2ln";
        String blob = "{\"token\":\"" + jwt + "\",\"widgetUrl\":\"https://app.airbyte.ai/widget\"}";
        return Base64.getEncoder().encodeToString(blob.getBytes(StandardCharsets.UTF_8));
    }

    /* ---------------- one deadline for headers and body ---------------- */

    @Test
    void aBodyThatStallsAfterTheHeadersEndsAtTheDeadlineAndTheConnectionIsClosed() throws Exception {
        AirbyteApiClient client = client((request, out) -> {
            out.write(ScriptedUpstream.head(200, TOKEN_BODY.length()));
            out.write(TOKEN_BODY.substring(0, 10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return false; // then nothing
        }, Duration.ofMillis(300));

        UpstreamException timeout = failure(client.fetchOperatorToken());

        assertEquals(ErrorCode.UPSTREAM_TIMEOUT, timeout.errorCode());
        Await.until("the client closed the stalled connection", () -> upstream.closedByClient() == 1 && upstream.openConnections() == 0,
                Duration.ofSeconds(GUARD_SECONDS));
        assertEquals(1, upstream.requests(), "a timeout is not retried");
    }

    @Test
    void manyConcurrentStalledCallsAllEndAndLeaveNoConnectionOpen() throws Exception {
        AirbyteApiClient client = client((request, out) -> {
            out.write(ScriptedUpstream.head(200, TOKEN_BODY.length()));
            out.write('{');
            out.flush();
            return false;
        }, Duration.ofMillis(300));
        int calls = 20;
        List<CompletableFuture<OperatorToken>> stalled = new java.util.ArrayList<>();
        for (int i = 0; i < calls; i++) {
            stalled.add(client.fetchOperatorToken());
        }

        for (CompletableFuture<OperatorToken> call : stalled) {
            assertEquals(ErrorCode.UPSTREAM_TIMEOUT, failure(call).errorCode());
        }
        Await.until("the client closed every stalled connection",
                () -> upstream.closedByClient() == calls && upstream.openConnections() == 0, Duration.ofSeconds(GUARD_SECONDS));
    }

    /* ---------------- capped bodies ---------------- */

    @Test
    void anErrorBodyOver64KiBIsNotReadAndTheConnectionIsDiscarded() throws Exception {
        long size = 64 * MIB;
        AirbyteApiClient client = client((request, out) -> {
            out.write(ScriptedUpstream.head(500, size));
            streamJson(out, size);
            return true;
        });

        UpstreamException error = failure(client.createWidgetToken(operatorToken(), "alice", "http://localhost:8080"));

        assertEquals(ErrorCode.UPSTREAM_ERROR, error.errorCode());
        Await.until("the client closed the connection", () -> upstream.closedByClient() == 1, Duration.ofSeconds(GUARD_SECONDS));
        assertTrue(upstream.bytesWritten() < size / 2, upstream.bytesWritten() + " bytes were written");
    }

    @Test
    void aSuccessBodyOver1MiBIsNotReadAndTheConnectionIsDiscarded() throws Exception {
        long size = 64 * MIB;
        AirbyteApiClient client = client((request, out) -> {
            out.write(ScriptedUpstream.head(200, size));
            streamJson(out, size);
            return true;
        });

        UpstreamException error = failure(client.fetchOperatorToken());

        assertEquals(ErrorCode.UPSTREAM_ERROR, error.errorCode());
        assertFalse(error.getMessage().contains("xxx"));
        Await.until("the client closed the connection", () -> upstream.closedByClient() == 1, Duration.ofSeconds(GUARD_SECONDS));
        assertTrue(upstream.bytesWritten() < size / 2, upstream.bytesWritten() + " bytes were written");
        assertEquals(1, upstream.requests(), "an oversized body is not asked for again");
    }

    @Test
    void aChunkedSuccessBodyIsCountedAndCutPast1MiB() throws Exception {
        long size = 64 * MIB;
        AirbyteApiClient client = client((request, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (long sent = 0; sent < size; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return true;
        });

        assertEquals(ErrorCode.UPSTREAM_ERROR, failure(client.fetchOperatorToken()).errorCode());
        Await.until("the client closed the connection", () -> upstream.closedByClient() == 1, Duration.ofSeconds(GUARD_SECONDS));
        assertTrue(upstream.bytesWritten() < size / 2, upstream.bytesWritten() + " bytes were written");
    }

    @Test
    void aSuccessBodyJustUnder1MiBIsRead() throws Exception {
        String padded = TOKEN_BODY.substring(0, TOKEN_BODY.length() - 1) + " ".repeat((int) MIB - TOKEN_BODY.length()) + "}";
        AirbyteApiClient client = client((request, out) -> ScriptedUpstream.json(out, 200, padded));

        OperatorToken token = client.fetchOperatorToken().get(GUARD_SECONDS, TimeUnit.SECONDS);

        assertEquals("operator-token", token.accessToken().reveal());
    }

    /* ---------------- bad data is upstream_error ---------------- */

    @Test
    void aWidgetTokenWithoutAReadableExpiryGetsTheDocumentedLifetimeAndOneWarning() throws Exception {
        AirbyteApiClient client = client((request, out) -> ScriptedUpstream.json(out, 200,
                "{\"token\":\"" + widgetToken("9000000000000000000") + "\"}"));
        Logger logger = Logger.getLogger(AirbyteApiClient.class.getName());
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            java.time.Instant before = java.time.Instant.now();
            WidgetToken first = client.createWidgetToken(operatorToken(), "alice", "http://localhost:8080")
                    .get(GUARD_SECONDS, TimeUnit.SECONDS);
            WidgetToken second = client.createWidgetToken(operatorToken(), "bob", "http://localhost:8080")
                    .get(GUARD_SECONDS, TimeUnit.SECONDS);

            assertFalse(first.expiresAt().isBefore(before.plus(Duration.ofMinutes(20))));
            assertTrue(second.expiryAssumed());
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("20 minutes"), warnings.get(0));
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void anOperatorTokenLifetimeOutOfRangeIsAnUpstreamError() throws Exception {
        for (String expiresIn : List.of("9223372036854775807", "1e300", "\"900\"", "0", "-5", "null", "[900]")) {
            AirbyteApiClient client = client((request, out) -> ScriptedUpstream.json(out, 200,
                    "{\"access_token\":\"operator-token\",\"expires_in\":" + expiresIn + "}"));
            assertEquals(ErrorCode.UPSTREAM_ERROR, failure(client.fetchOperatorToken()).errorCode(), expiresIn);
            upstream.close();
        }
    }

    @Test
    void sourcesWithWrongTypesAreAnUpstreamErrorNotSilentlyDropped() throws Exception {
        List<String> items = List.of(
                "{\"id\":0,\"name\":\"GitHub\",\"summarized_source_template\":{\"name\":\"GitHub\"}}",
                "{\"id\":\"5f6b0a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b\",\"name\":false,\"summarized_source_template\":{}}",
                "{\"id\":\"5f6b0a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b\",\"name\":\"GitHub\",\"summarized_source_template\":7}",
                "{\"id\":\"5f6b0a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b\",\"name\":\"GitHub\",\"created_at\":1700000000}",
                "\"5f6b0a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b\"");
        for (String item : items) {
            AirbyteApiClient client = client((request, out) -> ScriptedUpstream.json(out, 200, "{\"data\":[" + item + "]}"));
            assertEquals(ErrorCode.UPSTREAM_ERROR, failure(client.listSources(operatorToken(), "alice")).errorCode(), item);
            upstream.close();
        }
    }

    @Test
    void sourcesWithTheDocumentedTypesAreRead() throws Exception {
        AirbyteApiClient client = client((request, out) -> ScriptedUpstream.json(out, 200, "{\"data\":["
                + "{\"id\":\"5f6b0a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b\",\"name\":\"GitHub\",\"summarized_source_template\":"
                + "{\"name\":\"GitHub\",\"connector_name\":null},\"created_at\":null}]}"));

        List<SourceItem> sources = client.listSources(operatorToken(), "alice").get(GUARD_SECONDS, TimeUnit.SECONDS);

        assertEquals(1, sources.size());
        assertEquals("GitHub", sources.get(0).connector());
        assertNull(sources.get(0).createdAt());
    }
}
