package io.github.airbyteembedded.bench;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;

/** Names the outcome of one request: {@link #OK}, the HTTP status and error code, or the failure. */
final class Outcomes {

    static final String OK = "ok";
    static final String TIMEOUT = "client-timeout";

    private Outcomes() {
    }

    /** A token request succeeded when it got 200 with a token in the body. */
    static String ofToken(HttpResponse<byte[]> response, Throwable failure) {
        if (failure != null) {
            return ofFailure(failure);
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() == 200 && body.contains("\"token\"")) {
            return OK;
        }
        int code = body.indexOf("\"error\":\"");
        String error = code < 0 ? "" : " " + body.substring(code + 9, Math.max(code + 9, body.indexOf('"', code + 9)));
        return response.statusCode() + error;
    }

    /** Any other request succeeded when it got 200. */
    static String ofPage(HttpResponse<byte[]> response, Throwable failure) {
        if (failure != null) {
            return ofFailure(failure);
        }
        return response.statusCode() == 200 ? OK : Integer.toString(response.statusCode());
    }

    static String ofFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof HttpTimeoutException ? TIMEOUT : "io " + cause.getClass().getSimpleName();
    }
}
