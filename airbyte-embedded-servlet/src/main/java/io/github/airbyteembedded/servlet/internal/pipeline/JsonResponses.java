package io.github.airbyteembedded.servlet.internal.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.airbyteembedded.servlet.ErrorCode;
import io.github.airbyteembedded.servlet.internal.upstream.AirbyteApiClient;
import io.github.airbyteembedded.servlet.internal.upstream.Json;
import io.github.airbyteembedded.servlet.internal.upstream.WidgetToken;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.format.DateTimeFormatter;

/** Writes the route's JSON answers: the token on success, {@code {"error", "message"}} otherwise. */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static void token(HttpServletResponse response, WidgetToken token) throws IOException {
        ObjectNode body = Json.object()
                .put("token", token.value().reveal())
                .put("expiresAt", DateTimeFormatter.ISO_INSTANT.format(token.expiresAt()));
        write(response, HttpServletResponse.SC_OK, body);
    }

    public static void error(HttpServletResponse response, ErrorCode code) throws IOException {
        error(response, code, null);
    }

    /**
     * Writes an error. {@code Retry-After} is on every {@code 503} and {@code 429} ({@link
     * #carriesRetryAfter(ErrorCode)}): {@code retryAfter} (rounded up to whole seconds, at least 1) or the
     * default when none is given; never on another status.
     */
    public static void error(HttpServletResponse response, ErrorCode code, Duration retryAfter) throws IOException {
        if (carriesRetryAfter(code)) {
            Duration wait = retryAfter != null ? retryAfter : AirbyteApiClient.DEFAULT_RETRY_AFTER;
            long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
            response.setHeader("Retry-After", Long.toString(Math.max(1, seconds)));
        }
        ObjectNode body = Json.object().put("error", code.code()).put("message", code.message());
        write(response, code.httpStatus(), body);
    }

    /**
     * Whether answers with this code carry {@code Retry-After}: every {@code 503} and {@code 429}; never a
     * {@code 502} (waiting a set time is not known to help) nor a {@code 504} (the request already waited
     * its whole deadline).
     */
    public static boolean carriesRetryAfter(ErrorCode code) {
        return code.httpStatus() == 503 || code.httpStatus() == 429;
    }

    public static void json(HttpServletResponse response, int status, ObjectNode body) throws IOException {
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
