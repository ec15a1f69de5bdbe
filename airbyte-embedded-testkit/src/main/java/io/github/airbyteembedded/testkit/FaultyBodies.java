package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The bodies of the faults that misbehave after the status line: part of a body, a body that trickles,
 * a huge body, and a body with the wrong JSON types. Each writes straight to the exchange; the
 * dispatcher closes the exchange afterwards, which closes a connection whose body is incomplete.
 */
final class FaultyBodies {

    /** Whether to stop: asked before each piece of a body that is written slowly or at length. */
    @FunctionalInterface
    interface Stop {
        boolean now();
    }

    private static final int CHUNK_BYTES = 64 * 1024;

    private FaultyBodies() {
    }

    /** Sends the status and headers with the length of the whole body, then only its first {@code bytes}. */
    static void sendPart(HttpExchange exchange, Response response, int bytes) throws IOException {
        byte[] body = response.body();
        OutputStream out = sendHeaders(exchange, response.status(), response.headers(), Math.max(1, body.length));
        out.write(body, 0, Math.min(bytes, body.length));
        out.flush();
    }

    /** Sends the status and headers, then the body one byte at a time, each after {@code pause} says go on. */
    static void trickle(HttpExchange exchange, Response response, Stop pause) throws IOException {
        byte[] body = response.body();
        OutputStream out = sendHeaders(exchange, response.status(), response.headers(), Math.max(1, body.length));
        for (byte b : body) {
            if (pause.now()) {
                return;
            }
            out.write(b);
            out.flush();
        }
    }

    /**
     * Sends {@code status} with a JSON object of exactly {@code sizeBytes} bytes: an {@code ApiErrorResponse}
     * padded with whitespace (only whitespace when it would not fit), in chunks, never whole in memory.
     */
    static void sendHuge(HttpExchange exchange, int status, long sizeBytes, Stop stop) throws IOException {
        byte[] head = "{\"message\": \"Emulated fault: huge body\", \"errors\": []".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "}".getBytes(StandardCharsets.US_ASCII);
        boolean fits = sizeBytes >= head.length + tail.length;
        OutputStream out = sendHeaders(exchange, status, Map.of("Content-Type", Response.JSON), sizeBytes);
        long padding = fits ? sizeBytes - head.length - tail.length : sizeBytes;
        if (fits) {
            out.write(head);
        }
        byte[] spaces = new byte[CHUNK_BYTES];
        Arrays.fill(spaces, (byte) ' ');
        while (padding > 0) {
            if (stop.now()) {
                return;
            }
            int length = (int) Math.min(padding, spaces.length);
            out.write(spaces, 0, length);
            padding -= length;
        }
        if (fits) {
            out.write(tail);
        }
        out.flush();
    }

    /** The same answer with every JSON value of the wrong type; a body that is not JSON is left as it is. */
    static Response wrongTypes(Response response) {
        return Json.parse(response.body())
                .map(json -> {
                    Response changed = Response.json(response.status(), wrongType(json));
                    response.headers().forEach(changed::header);
                    return changed;
                })
                .orElse(response);
    }

    private static JsonNode wrongType(JsonNode node) {
        if (node.isObject()) {
            ObjectNode changed = Json.object();
            node.properties().forEach(field -> changed.set(field.getKey(), wrongType(field.getValue())));
            return changed;
        }
        if (node.isArray()) {
            ArrayNode changed = Json.array();
            node.forEach(item -> changed.add(wrongType(item)));
            return changed;
        }
        if (node.isTextual()) {
            return IntNode.valueOf(0);
        }
        if (node.isNumber() || node.isBoolean()) {
            return TextNode.valueOf(node.asText());
        }
        return BooleanNode.FALSE;
    }

    private static OutputStream sendHeaders(HttpExchange exchange, int status, Map<String, String> headers, long length)
            throws IOException {
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, length);
        OutputStream out = exchange.getResponseBody();
        // The headers go out now, before any byte of the body: Java 25's server keeps them in its buffer until
        // the body is written or flushed (Java 17's sent them at once), so a trickle's headers waited a pause.
        out.flush();
        return out;
    }
}
