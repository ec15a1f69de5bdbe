package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A small loopback HTTP client for the tests. */
final class TestHttp {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Result(int status, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return MAPPER.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private TestHttp() {
    }

    static Result send(AirbyteEmulator emulator, String method, String path, String jsonBody, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(emulator.baseUri() + path))
                .timeout(Duration.ofSeconds(20));
        headers.forEach(builder::header);
        if (jsonBody != null) {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Result(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A call with a body of the given content type, or without a Content-Type when it is null. */
    static Result send(AirbyteEmulator emulator, String method, String path, String body, String contentType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(emulator.baseUri() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Result(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A state-changing inspection call without a body: {@code Content-Type: application/json}, as required. */
    static Result control(AirbyteEmulator emulator, String method, String path) {
        return send(emulator, method, path, null, "application/json");
    }

    static Result post(AirbyteEmulator emulator, String path, String jsonBody) {
        return send(emulator, "POST", path, jsonBody, Map.of());
    }

    static Result get(AirbyteEmulator emulator, String path) {
        return send(emulator, "GET", path, null, Map.of());
    }

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Takes the contract violations the emulator recorded (a test that breaks the contract on purpose)
     * and returns their JSON pointers, each once, in the order first seen.
     */
    static List<String> takeViolationPointers(AirbyteEmulator emulator) {
        return emulator.takeContractViolations().stream().map(ContractViolation::pointer).distinct().toList();
    }

    /** Fetches an operator token with the default credentials. */
    static String operatorToken(AirbyteEmulator emulator) {
        Result result = post(emulator, "/api/v1/account/applications/token", json(Map.of(
                "client_id", AirbyteEmulator.DEFAULT_CLIENT_ID,
                "client_secret", AirbyteEmulator.DEFAULT_CLIENT_SECRET)));
        if (result.status() != 200) {
            throw new AssertionError("token request failed: " + result.status());
        }
        return result.json().get("access_token").asText();
    }

    /** Mints a widget token for a workspace and origin; returns the opaque token string. */
    static String widgetToken(AirbyteEmulator emulator, String operatorToken, Map<String, Object> body) {
        Result result = send(emulator, "POST", "/api/v1/account/applications/widget-token", json(body),
                Map.of("Authorization", "Bearer " + operatorToken));
        if (result.status() != 200) {
            throw new AssertionError("widget-token request failed: " + result.status() + " " + result.body());
        }
        return result.json().get("token").asText();
    }

    static String widgetToken(AirbyteEmulator emulator, String workspaceName, String allowedOrigin) {
        return widgetToken(emulator, operatorToken(emulator),
                Map.of("workspace_name", workspaceName, "allowed_origin", allowedOrigin));
    }
}
