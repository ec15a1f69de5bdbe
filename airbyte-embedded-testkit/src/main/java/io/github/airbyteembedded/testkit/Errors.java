package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two error shapes of the vendor's API: FastAPI's {@code {"detail": ...}} (used for 401, 404 and
 * 405, as the docs show) and the spec's {@code ApiErrorResponse} {@code {message, errors[]}} (400, 403,
 * 422, 500 and faults).
 */
final class Errors {

    static final String INVALID_CREDENTIALS = "Invalid authentication credentials";

    private Errors() {
    }

    static Response detail(int status, String detail) {
        ObjectNode body = Json.object().put("detail", detail);
        return Response.json(status, body);
    }

    static Response unauthorized() {
        return detail(401, INVALID_CREDENTIALS).header("WWW-Authenticate", "Bearer");
    }

    static Response api(int status, String message) {
        return Response.json(status, apiBody(message));
    }

    static ObjectNode apiBody(String message) {
        ObjectNode body = Json.object().put("message", message);
        body.putArray("errors");
        return body;
    }

    /** Collects field errors for a 422 in the spec's shape. */
    static final class Validation {
        private final ArrayNode errors = Json.array();

        Validation add(String field, String message, String errorCode) {
            ObjectNode error = errors.addObject();
            error.put("field", field);
            error.put("message", message);
            error.put("error_code", errorCode);
            error.putNull("details");
            return this;
        }

        Validation missing(String field) {
            return add(field, "Field required", "missing");
        }

        boolean isEmpty() {
            return errors.isEmpty();
        }

        ArrayNode errors() {
            return errors;
        }

        Response response() {
            ObjectNode body = Json.object().put("message", "Request validation failed");
            body.set("errors", errors);
            return Response.json(422, body);
        }
    }
}
