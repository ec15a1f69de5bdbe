package io.github.airbyteembedded.servlet.internal.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.airbyteembedded.servlet.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The readers of Airbyte's 200 answers (operator token, widget token, scoped token, sources list) on
 * any body: each returns a value or throws {@link UpstreamException} with {@code upstream_error} (a 502),
 * never anything else (which would be a 500); an error's message never quotes the body; a token read is
 * the text of the answer's field; a lifetime is positive and bounded; every source read has an id.
 */
class UpstreamJsonFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @FuzzTest
    void operatorTokenAnswer(byte[] input) {
        String body = text(input);
        OperatorToken token = read(body, text -> AirbyteApiClient.parseOperatorToken("POST /token", text, NOW));
        if (token != null) {
            assertTrue(token.expiresIn().compareTo(Duration.ZERO) > 0);
            assertTrue(token.expiresIn().compareTo(AirbyteApiClient.MAX_OPERATOR_TOKEN_LIFETIME) <= 0);
            assertEquals(Json.parseObject(body).flatMap(node -> Json.text(node, "access_token")).orElseThrow(),
                    token.accessToken().reveal());
        }
    }

    @FuzzTest
    void widgetTokenAnswer(byte[] input) {
        String body = text(input);
        WidgetToken token = read(body, text -> AirbyteApiClient.parseWidgetToken("POST /widget-token", text, NOW));
        if (token != null) {
            assertEquals(Json.parseObject(body).flatMap(node -> Json.text(node, "token")).orElseThrow(), token.value().reveal());
        }
    }

    @FuzzTest
    void scopedTokenAnswer(byte[] input) {
        String body = text(input);
        ScopedToken token = read(body, text -> AirbyteApiClient.parseScopedToken("POST /scoped-token", text, NOW));
        if (token != null) {
            assertEquals(Json.parseObject(body).flatMap(node -> Json.text(node, "token")).orElseThrow(), token.accessToken().reveal());
            assertTrue(token.lifetime().compareTo(Duration.ZERO) > 0);
            assertTrue(token.cacheLifetime(Duration.ofSeconds(60)).compareTo(Duration.ZERO) >= 0);
        }
    }

    @FuzzTest
    void sourcesListAnswer(byte[] input) {
        String body = text(input);
        List<SourceItem> sources = read(body, text -> AirbyteApiClient.parseSources("GET /connectors", text));
        if (sources != null) {
            for (SourceItem source : sources) {
                assertNotNull(source.id());
                assertFalse(source.id().isEmpty());
            }
            assertEquals(Json.parseObject(body).orElseThrow().get("data").size(), sources.size());
        }
    }

    private static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    /**
     * The value read, or null when the reader refused the body as it must: upstream_error, saying nothing
     * of it. The message may hold the body's text only where its fixed wording does (the body
     * {@code access_token} is a word of "without a usable access_token": the input Jazzer found, kept as
     * {@code body-is-a-word-of-the-message}); that wording is the message for an empty body.
     */
    private static <T> T read(String body, Function<String, T> reader) {
        try {
            return reader.apply(body);
        } catch (UpstreamException e) {
            assertEquals(ErrorCode.UPSTREAM_ERROR, e.errorCode());
            if (body.length() >= 12 && !messageForAnEmptyBody(reader).contains(body)) {
                assertFalse(e.getMessage().contains(body), "an error message never quotes the body");
            }
            return null;
        }
    }

    private static String messageForAnEmptyBody(Function<String, ?> reader) {
        try {
            reader.apply("");
        } catch (UpstreamException e) {
            return e.getMessage();
        }
        throw new AssertionError("an empty body was read");
    }
}
