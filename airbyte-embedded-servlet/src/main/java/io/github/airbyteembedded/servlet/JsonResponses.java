package io.github.airbyteembedded.servlet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.format.DateTimeFormatter;

/** Writes the route's JSON answers: the token on success, {@code {"error", "message"}} otherwise. */
final class JsonResponses {

    private JsonResponses() {
    }

    static void token(HttpServletResponse response, WidgetToken token) throws IOException {
        ObjectNode body = Json.object()
                .put("token", token.value().reveal())
                .put("expiresAt", DateTimeFormatter.ISO_INSTANT.format(token.expiresAt()));
        write(response, HttpServletResponse.SC_OK, body);
    }

    static void error(HttpServletResponse response, ErrorCode code) throws IOException {
        error(response, code, null);
    }

    /**
     * Writes an error. {@code Retry-After} follows {@link ErrorCode#carriesRetryAfter()}: {@code retryAfter}
     * (rounded up to whole seconds, at least 1) or the default when none is given for a code that carries
     * it; never for a code that does not.
     */
    static void error(HttpServletResponse response, ErrorCode code, Duration retryAfter) throws IOException {
        if (code.carriesRetryAfter()) {
            Duration wait = retryAfter != null ? retryAfter : AirbyteApiClient.DEFAULT_RETRY_AFTER;
            long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
            response.setHeader("Retry-After", Long.toString(Math.max(1, seconds)));
        }
        ObjectNode body = Json.object().put("error", code.code()).put("message", code.message());
        write(response, code.httpStatus(), body);
    }

    static void json(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        write(response, status, body);
    }

    private static void write(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        Writer writer = response.getWriter();
        writer.write(Json.write(body));
        writer.flush();
    }
}
