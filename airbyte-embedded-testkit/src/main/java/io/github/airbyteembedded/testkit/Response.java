package io.github.airbyteembedded.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response to write: status, headers and the whole body. */
final class Response {

    static final String JSON = "application/json";

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;

    private Response(int status, String contentType, byte[] body) {
        this.status = status;
        this.body = body;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
    }

    static Response json(int status, Object body) {
        return new Response(status, JSON, Json.bytes(body));
    }

    static Response bytes(int status, String contentType, byte[] body) {
        return new Response(status, contentType, body);
    }

    static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static Response empty(int status) {
        return new Response(status, null, new byte[0]);
    }

    Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    byte[] body() {
        return body;
    }
}
