package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.airbyteembedded.servlet.internal.upstream.Json;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.leaks.CapturedOutput;
import io.github.airbyteembedded.testkit.leaks.LeakScanner;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input, table by table: origins, Host and Origin shapes, methods, paths with {@code ;},
 * {@code %2e}, {@code //} and non-ASCII, content types, oversized and slow bodies, source events, the
 * workspace names a resolver may return, source ids, and requests without a user. Every input gets a
 * clear 4xx (the route's own, with its exact JSON body, or the container's or the application's for a
 * path that is no route), changes nothing (the emulator receives no call at all and holds no
 * workspace) and leaks nothing (no secret in the answer, nothing of the input echoed by the route).
 * The requests are sent on a plain socket, byte for byte as the table says.
 *
 * <p>The number of distinct inputs is in {@code docs/reliability.md} ({@link
 * #theReliabilityPageSaysHowManyBadInputsTheSuiteExercises()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class HostileInputIT {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String TOKEN = AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH;
    private static final String SOURCES = AirbyteEmbeddedConfig.DEFAULT_SOURCES_PATH;
    private static final String EVENTS = AirbyteEmbeddedConfig.DEFAULT_SOURCE_EVENTS_PATH;
    private static final String SOURCE_ID = "2f9c6a8e-5b1d-4e7a-9c3f-0a1b2c3d4e5f";
    private static final String SOURCE = SOURCES + "/" + SOURCE_ID;
    private static final String VALID_EVENT = "{\"type\":\"source_created\",\"sourceId\":\"" + SOURCE_ID + "\"}";
    /** The body-read timeout of the app: short, so that the slow bodies are quick to refuse. */
    private static final Duration BODY_READ_TIMEOUT = Duration.ofMillis(300);
    /** A guard so that a request that never ends fails the test instead of hanging the build; not a speed assertion. */
    private static final Duration GUARD = Duration.ofSeconds(30);
    private static final Path DOCUMENT = Path.of("..", "docs", "reliability.md");
    private static final String TABLE_START = "<!-- bad-inputs:start -->";
    private static final String TABLE_END = "<!-- bad-inputs:end -->";

    /** How a body is sent: whole, announced longer than sent and then stalled, or chunked and never ended. */
    enum Sending { WHOLE, STALLED, CHUNKED_STALLED, CHUNKED }

    /**
     * One hostile request and what must come back: a route's error code (its status, exact body, and
     * no Retry-After), or only a status (the container's or the application's answer to a path that is
     * no route).
     */
    static final class Input {
        final String table;
        final String method;
        final String path;
        final List<String[]> headers = new ArrayList<>();
        String host = "";
        String user = "alice";
        byte[] body;
        Sending sending = Sending.WHOLE;
        int status;
        ErrorCode error;

        Input(String table, String method, String path) {
            this.table = table;
            this.method = method;
            this.path = path;
        }

        Input origin(String origin) {
            return header("Origin", origin);
        }

        Input header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        Input host(String value) {
            this.host = value;
            return this;
        }

        Input user(String name) {
            this.user = name;
            return this;
        }

        Input json(String text) {
            return body("application/json", text.getBytes(StandardCharsets.UTF_8));
        }

        Input body(String contentType, byte[] bytes) {
            if (contentType != null) {
                header("Content-Type", contentType);
            }
            this.body = bytes;
            return this;
        }

        Input sending(Sending how) {
            this.sending = how;
            return this;
        }

        Input refused(ErrorCode code) {
            this.status = code.httpStatus();
            this.error = code;
            return this;
        }

        /** An answer that is not the route's: the container's or the application's, for a path that is no route. */
        Input answered(int code) {
            this.status = code;
            return this;
        }

        /** What makes the request distinct from every other. */
        String key() {
            return method + " " + path + " " + host + " " + user + " " + headers.stream().map(h -> h[0] + ": " + h[1])
                    .collect(Collectors.joining(", ")) + " " + (body == null ? "" : new String(body, StandardCharsets.ISO_8859_1))
                    + " " + sending;
        }

        @Override
        public String toString() {
            String shown = key().replaceAll("[^\\x20-\\x7e]", "?");
            return table + ": " + (shown.length() > 160 ? shown.substring(0, 160) + "..." : shown);
        }
    }

    private AirbyteEmulator emulator;
    private AirbyteEmbedded airbyte;
    private TestWebApp app;

    @BeforeAll
    void start() throws Exception {
        emulator = AirbyteEmulator.builder().build().start();
        airbyte = AirbyteEmbedded.create(AirbyteEmbeddedConfig.builder()
                .apiBaseUri(emulator.baseUri())
                .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                .allowedOrigin(ORIGIN)
                .bodyReadTimeout(BODY_READ_TIMEOUT)
                // The application's resolver: the principal's name, percent-decoded, so that the table can
                // hand it any name a resolver might return.
                .workspaceResolver(request -> Optional.ofNullable(request.getUserPrincipal())
                        .map(principal -> URLDecoder.decode(principal.getName(), StandardCharsets.UTF_8)))
                .disableRateLimit()
                .disableSourcesListRateLimit()
                .disableSourcesChangeRateLimit()
                .build());
        app = TestWebApp.builder().airbyte(airbyte).servlet("/", new NotFoundServlet()).start();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    /* ---------------------------------------------------------------- the tables */

    static final List<String> BAD_ORIGINS = List.of(
            "null", "NULL", "Null", "",
            "http://localhost:8080/", "http://localhost:8080/app", "http://localhost:8080?x=1", "http://localhost:8080#x",
            "http://localhost:8081", "http://localhost:80", "http://localhost", "https://localhost:8080",
            "http://localhost:8080.evil.example", "http://evil.example", "http://evil-localhost:8080",
            "http://localhost.evil.example:8080", "http://evil.example/http://localhost:8080", "http://localhost:8080@evil.example",
            "http://user:pass@localhost:8080", "http://localhost:8080 http://evil.example", "http://localhost:8080,http://evil.example",
            "http://localhost:8080, http://evil.example", "http://127.0.0.1:8080", "http://[::1]:8080", "http://0x7f000001:8080",
            "http://2130706433:8080", "ws://localhost:8080", "wss://localhost:8080", "file://", "file:///etc/passwd",
            "chrome-extension://abcdefghijklmnop", "moz-extension://abc", "about:blank", "data:text/html,x", "javascript:alert(1)",
            "localhost:8080", "//localhost:8080", "http:/localhost:8080", "http:localhost:8080", "http://localhost:8080:8080",
            "http://localhost:", "http://localhost:-1", "http://localhost:99999", "http://local%68ost:8080",
            "http://localhost%2f:8080", "http://localhost:8080\\@evil.example", "*", "http://*.localhost:8080",
            "http://" + "a".repeat(3000) + ".example", "http://l\u00f6calhost:8080");

    /** The routes that check the origin, each as a request that passes every other check. */
    static List<Input> originRoutes(String table) {
        return List.of(new Input(table, "POST", TOKEN), new Input(table, "GET", SOURCES), new Input(table, "DELETE", SOURCE),
                new Input(table, "POST", EVENTS).json(VALID_EVENT));
    }

    static List<Input> origins() {
        List<Input> inputs = new ArrayList<>();
        for (String origin : BAD_ORIGINS) {
            for (Input route : originRoutes("origin")) {
                inputs.add(route.origin(origin).refused(ErrorCode.ORIGIN_NOT_ALLOWED));
            }
        }
        for (Input route : originRoutes("origin")) {
            if (!route.method.equals("GET")) {
                inputs.add(route.refused(ErrorCode.ORIGIN_NOT_ALLOWED)); // no Origin at all on a request that changes something
            }
        }
        for (Input route : originRoutes("origin")) {
            inputs.add(route.origin(ORIGIN + "\u0000").answered(400)); // the container refuses a NUL in a header
        }
        for (Input route : originRoutes("origin")) {
            inputs.add(route.origin(ORIGIN).origin(ORIGIN).refused(ErrorCode.ORIGIN_NOT_ALLOWED)); // two Origin headers
        }
        for (Input route : originRoutes("origin")) {
            inputs.add(route.origin(ORIGIN).origin("http://evil.example").refused(ErrorCode.ORIGIN_NOT_ALLOWED));
        }
        return inputs;
    }

    /** The Host does not make an origin allowed: the page's origin is never derived from the request. */
    static List<Input> hosts() {
        List<Input> inputs = new ArrayList<>();
        for (String host : List.of("evil.example", "evil.example:8080", "localhost:8081", "localhost", "127.0.0.1:8081")) {
            inputs.add(new Input("host", "POST", TOKEN).host(host).origin("http://" + host).refused(ErrorCode.ORIGIN_NOT_ALLOWED));
        }
        inputs.add(new Input("host", "POST", TOKEN).host("localhost:8080").header("X-Forwarded-Host", "evil.example")
                .origin("http://evil.example").refused(ErrorCode.ORIGIN_NOT_ALLOWED));
        inputs.add(new Input("host", "POST", TOKEN).header("Forwarded", "host=evil.example;proto=http")
                .origin("http://evil.example").refused(ErrorCode.ORIGIN_NOT_ALLOWED));
        inputs.add(new Input("host", "POST", TOKEN).host("evil.example@localhost:8080").origin(ORIGIN).answered(400));
        inputs.add(new Input("host", "POST", TOKEN).host("localhost:8080, evil.example").origin(ORIGIN).answered(400));
        return inputs;
    }

    static List<Input> methods() {
        List<Input> inputs = new ArrayList<>();
        Map<String, List<String>> refused = new LinkedHashMap<>();
        refused.put(TOKEN, List.of("GET", "PUT", "DELETE", "PATCH", "HEAD", "FOO", "post"));
        refused.put(SOURCES, List.of("POST", "PUT", "DELETE", "PATCH", "HEAD", "get"));
        refused.put(SOURCE, List.of("GET", "POST", "PUT", "PATCH", "HEAD", "delete"));
        refused.put(EVENTS, List.of("GET", "PUT", "DELETE", "PATCH", "HEAD", "post"));
        refused.forEach((path, methods) -> methods.forEach(method ->
                inputs.add(new Input("method", method, path).origin(ORIGIN).refused(ErrorCode.METHOD_NOT_ALLOWED))));
        // CORS preflights: another origin, a method the route does not answer, none at all
        for (String path : List.of(TOKEN, SOURCES, SOURCE, EVENTS)) {
            inputs.add(new Input("method", "OPTIONS", path).origin("http://evil.example").header("Access-Control-Request-Method", "POST")
                    .refused(ErrorCode.ORIGIN_NOT_ALLOWED));
            inputs.add(new Input("method", "OPTIONS", path).origin(ORIGIN).header("Access-Control-Request-Method", "PUT")
                    .refused(ErrorCode.METHOD_NOT_ALLOWED));
        }
        inputs.add(new Input("method", "OPTIONS", TOKEN).origin(ORIGIN).refused(ErrorCode.METHOD_NOT_ALLOWED));
        inputs.add(new Input("method", "OPTIONS", TOKEN).origin(ORIGIN).header("Access-Control-Request-Method", "post")
                .refused(ErrorCode.METHOD_NOT_ALLOWED));
        inputs.add(new Input("method", "GET", TOKEN).origin(ORIGIN).header("X-HTTP-Method-Override", "POST")
                .refused(ErrorCode.METHOD_NOT_ALLOWED));
        inputs.add(new Input("method", "GET", SOURCE).origin(ORIGIN).header("X-HTTP-Method-Override", "DELETE")
                .refused(ErrorCode.METHOD_NOT_ALLOWED));
        return inputs;
    }

    static List<Input> paths() {
        List<Input> inputs = new ArrayList<>();
        for (String path : List.of(TOKEN + ";x=1", TOKEN + ";", "/api/airbyte;x=1/widget-token", "/api;/airbyte/widget-token",
                TOKEN + ";jsessionid=0123456789")) {
            inputs.add(new Input("path", "POST", path).origin(ORIGIN).refused(ErrorCode.INVALID_REQUEST));
        }
        inputs.add(new Input("path", "GET", SOURCES + ";jsessionid=0123456789").origin(ORIGIN).refused(ErrorCode.INVALID_REQUEST));
        inputs.add(new Input("path", "DELETE", SOURCE + ";x=1").origin(ORIGIN).refused(ErrorCode.INVALID_REQUEST));
        inputs.add(new Input("path", "DELETE", SOURCES + ";x=1/" + SOURCE_ID).origin(ORIGIN).refused(ErrorCode.INVALID_REQUEST));
        inputs.add(new Input("path", "POST", EVENTS + ";v=2").origin(ORIGIN).json(VALID_EVENT).refused(ErrorCode.INVALID_REQUEST));
        // Paths that are no route: the application's own answer (here 404), or the container's 400; never a route's work.
        for (String path : List.of(TOKEN + "/", TOKEN + "/x", "/API/airbyte/widget-token", "/api/airbyte/Widget-Token",
                "/api/airbyte/widget%2Dtoken", TOKEN + "%20", "/api/airbyte/widget-t%C3%B6ken", SOURCES + "/", SOURCE + "/",
                SOURCE + "/x", "/api/airbyte/./widget-token", "/api/airbyte/sources/../widget-token", TOKEN + "/.", TOKEN + "/..")) {
            inputs.add(new Input("path", "POST", path).origin(ORIGIN).answered(404));
        }
        for (String path : List.of("/api/airbyte/%2e/widget-token", "/api/airbyte/%2E%2E/airbyte/widget-token",
                "/api/airbyte//widget-token", "//api/airbyte/widget-token", SOURCES + "//" + SOURCE_ID, TOKEN + "\u00e9",
                "/api/airbyte/sources/%2e%2e",
                "/api/airbyte/%5C/widget-token", TOKEN + "%00", TOKEN + "%2f", TOKEN + "%C0%AF", SOURCES + "/%2F" + SOURCE_ID)) {
            inputs.add(new Input("path", "POST", path).origin(ORIGIN).answered(400));
        }
        return inputs;
    }

    static List<Input> contentTypes() {
        List<Input> inputs = new ArrayList<>();
        for (String type : List.of("text/plain", "text/html", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/xml", "text/json", "application/jsonp", "application/javascript", "application/octet-stream",
                "json", "application", "*/*", "application/jsonx", "application/json+xml", "text/plain; type=application/json")) {
            inputs.add(new Input("content type", "POST", TOKEN).origin(ORIGIN).body(type, "{}".getBytes(StandardCharsets.UTF_8))
                    .refused(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
        }
        inputs.add(new Input("content type", "POST", TOKEN).origin(ORIGIN).body(null, "{}".getBytes(StandardCharsets.UTF_8))
                .refused(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
        inputs.add(new Input("content type", "POST", TOKEN).origin(ORIGIN).body("", "{}".getBytes(StandardCharsets.UTF_8))
                .refused(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            inputs.add(new Input("content type", "POST", EVENTS).origin(ORIGIN).body(type, VALID_EVENT.getBytes(StandardCharsets.UTF_8))
                    .refused(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
            inputs.add(new Input("content type", "DELETE", SOURCE).origin(ORIGIN).body(type, "x=1".getBytes(StandardCharsets.UTF_8))
                    .refused(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
        }
        return inputs;
    }

    static List<Input> bodies() {
        List<Input> inputs = new ArrayList<>();
        String padded = "{\"pad\":\"" + "x".repeat(4090) + "\"}";
        inputs.add(new Input("body size", "POST", TOKEN).origin(ORIGIN).json(padded).refused(ErrorCode.PAYLOAD_TOO_LARGE));
        inputs.add(new Input("body size", "POST", TOKEN).origin(ORIGIN).json(padded).sending(Sending.CHUNKED)
                .refused(ErrorCode.PAYLOAD_TOO_LARGE));
        inputs.add(new Input("body size", "POST", EVENTS).origin(ORIGIN).json(padded).refused(ErrorCode.PAYLOAD_TOO_LARGE));
        inputs.add(new Input("body size", "DELETE", SOURCE).origin(ORIGIN).json(padded).refused(ErrorCode.PAYLOAD_TOO_LARGE));
        inputs.add(new Input("body size", "GET", SOURCES).origin(ORIGIN).json(padded).refused(ErrorCode.PAYLOAD_TOO_LARGE));
        inputs.add(new Input("body size", "POST", TOKEN).origin(ORIGIN).header("Content-Length", "1073741824")
                .body("application/json", "{".getBytes(StandardCharsets.UTF_8)).sending(Sending.STALLED)
                .refused(ErrorCode.PAYLOAD_TOO_LARGE));
        inputs.add(new Input("body size", "POST", TOKEN).origin(ORIGIN).header("Content-Length", "100")
                .body("application/json", "{\"a\":".getBytes(StandardCharsets.UTF_8)).sending(Sending.STALLED)
                .refused(ErrorCode.REQUEST_TIMEOUT));
        inputs.add(new Input("body size", "POST", EVENTS).origin(ORIGIN).header("Content-Length", "100")
                .body("application/json", "{\"type\":".getBytes(StandardCharsets.UTF_8)).sending(Sending.STALLED)
                .refused(ErrorCode.REQUEST_TIMEOUT));
        inputs.add(new Input("body size", "POST", TOKEN).origin(ORIGIN).json("{\"a\":").sending(Sending.CHUNKED_STALLED)
                .refused(ErrorCode.REQUEST_TIMEOUT));
        inputs.add(new Input("body size", "DELETE", SOURCE).origin(ORIGIN).header("Content-Length", "10")
                .body("application/json", "{".getBytes(StandardCharsets.UTF_8)).sending(Sending.STALLED)
                .refused(ErrorCode.REQUEST_TIMEOUT));
        return inputs;
    }

    static List<Input> events() {
        List<String> bodies = new ArrayList<>(List.of("{}", "[]", "null", "\"source_created\"", "1", "true", "{", "{\"type\":",
                "not json", "{'type':'source_created'}", "/* */" + VALID_EVENT, VALID_EVENT + " x", VALID_EVENT + VALID_EVENT,
                VALID_EVENT + ",", "[" + VALID_EVENT + "]", "{\"type\":\"source_created\",\"sourceId\":\"abc\",\"sourceId\":\"" + SOURCE_ID + "\"}",
                "{\"type\":\"source_deleted\",\"type\":\"source_created\",\"sourceId\":\"" + SOURCE_ID + "\"}",
                "{\"type\":\"source_created\"}", "{\"sourceId\":\"" + SOURCE_ID + "\"}", "[".repeat(1500) + "]".repeat(1500),
                "{\"type\":\"source_created\",\"sourceId\":\"" + SOURCE_ID + "\",\"x\":" + "[".repeat(1200) + "]".repeat(1200) + "}"));
        for (String type : List.of("\"\"", "\" \"", "\"source_deleted\"", "\"SOURCE_CREATED\"", "\"source_created \"",
                "\" source_created\"", "\"source_created\\u0000\"", "\"source\\u005fcreated\\n\"", "1", "null", "true",
                "[\"source_created\"]", "{\"type\":\"source_created\"}", "\"source-created\"", "\"sourceCreated\"")) {
            bodies.add("{\"type\":" + type + ",\"sourceId\":\"" + SOURCE_ID + "\"}");
        }
        for (String id : List.of("\"\"", "\" \"", "\"abc\"", "\"1\"", "\"" + SOURCE_ID + "x\"", "\"{" + SOURCE_ID + "}\"",
                "\" " + SOURCE_ID + "\"", "\"" + SOURCE_ID.replace("-", "") + "\"", "\"gggggggg-gggg-gggg-gggg-gggggggggggg\"",
                "\"../" + SOURCE_ID + "\"", "\"" + SOURCE_ID + "\\n\"", "\"" + SOURCE_ID.substring(1) + "\"", "42", "null",
                "[\"" + SOURCE_ID + "\"]", "{\"id\":\"" + SOURCE_ID + "\"}", "\"" + SOURCE_ID.replace('2', '\u0662') + "\"")) {
            bodies.add("{\"type\":\"source_created\",\"sourceId\":" + id + "}");
        }
        List<Input> inputs = new ArrayList<>();
        for (String body : bodies) {
            inputs.add(new Input("source event", "POST", EVENTS).origin(ORIGIN).json(body).refused(ErrorCode.INVALID_REQUEST));
        }
        inputs.add(new Input("source event", "POST", EVENTS).origin(ORIGIN)
                .body("application/json", new byte[] {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xff, '"', '}'})
                .refused(ErrorCode.INVALID_REQUEST));
        inputs.add(new Input("source event", "POST", EVENTS).origin(ORIGIN).refused(ErrorCode.INVALID_REQUEST)); // no body at all
        return inputs;
    }

    /** Names a resolver may return (percent-encoded here; the app's resolver decodes the principal's name). */
    static final List<String> BAD_WORKSPACE_NAMES = List.of("%00", "a%00b", "%01", "%09", "alice%0A", "a%0Db", "%1B%5B31m", "%7F",
            "%C2%80", "%C2%9F", "alice%E2%80%8B", "%E2%80%8C", "%E2%80%8D", "%E2%80%8E", "%E2%80%AEecila", "%E2%81%A6",
            "%EF%BB%BFalice", "a%E2%80%A8b", "a%E2%80%A9b", "%F3%A0%80%81", "%CD%B8", "%EF%BF%BE", "%F4%8F%BF%BF", "%20", "%C2%A0",
            "%E3%80%80", "%20%20%20", "a".repeat(257), "%C3%A9".repeat(257), "e%CC%81".repeat(257), "%F0%9F%98%80".repeat(257),
            "%E2%81%A0", "%E2%80%8F", "%EF%BF%B9");

    static List<Input> workspaceNames() {
        List<Input> inputs = new ArrayList<>();
        for (String name : BAD_WORKSPACE_NAMES) {
            inputs.add(new Input("workspace name", "POST", TOKEN).user(name).origin(ORIGIN).refused(ErrorCode.INVALID_WORKSPACE_NAME));
            inputs.add(new Input("workspace name", "GET", SOURCES).user(name).refused(ErrorCode.INVALID_WORKSPACE_NAME));
        }
        return inputs;
    }

    static List<Input> sourceIds() {
        List<Input> inputs = new ArrayList<>();
        for (String id : List.of("abc", "1", "0", "null", "undefined", SOURCE_ID.substring(1), SOURCE_ID + "0", SOURCE_ID + "x",
                "%7B" + SOURCE_ID + "%7D", "%20" + SOURCE_ID, SOURCE_ID.replace("-", ""), "gggggggg-gggg-gggg-gggg-gggggggggggg",
                "-", "a".repeat(3000), SOURCE_ID.replace('a', 'g'), SOURCE_ID.replace("-", "%2D"), "*", "%2A")) {
            inputs.add(new Input("source id", "DELETE", SOURCES + "/" + id).origin(ORIGIN).refused(ErrorCode.SOURCE_NOT_FOUND));
        }
        for (String id : List.of("%00", SOURCE_ID + "%0A")) { // the container refuses these
            inputs.add(new Input("source id", "DELETE", SOURCES + "/" + id).origin(ORIGIN).answered(400));
        }
        return inputs;
    }

    /** No user: whatever the request says about a workspace, it is 401. */
    static List<Input> anonymous() {
        List<Input> inputs = new ArrayList<>();
        for (Input route : originRoutes("no user")) {
            inputs.add(route.user(null).origin(ORIGIN).refused(ErrorCode.UNAUTHENTICATED));
        }
        inputs.add(new Input("no user", "POST", TOKEN).user(null).origin(ORIGIN).header("X-Airbyte-Workspace", "alice")
                .refused(ErrorCode.UNAUTHENTICATED));
        inputs.add(new Input("no user", "POST", TOKEN + "?workspace_name=alice").user(null).origin(ORIGIN)
                .refused(ErrorCode.UNAUTHENTICATED));
        inputs.add(new Input("no user", "POST", TOKEN).user(null).origin(ORIGIN).header("Cookie", "workspace=alice")
                .refused(ErrorCode.UNAUTHENTICATED));
        inputs.add(new Input("no user", "POST", TOKEN).user(null).origin(ORIGIN).json("{\"workspace_name\":\"alice\"}")
                .refused(ErrorCode.UNAUTHENTICATED));
        inputs.add(new Input("no user", "GET", SOURCES + "?workspace_name=alice").user(null).refused(ErrorCode.UNAUTHENTICATED));
        inputs.add(new Input("no user", "POST", TOKEN).user(null).origin(ORIGIN).header("Authorization", "Bearer alice")
                .refused(ErrorCode.UNAUTHENTICATED));
        return inputs;
    }

    static List<Input> inputs() {
        return Stream.of(origins(), hosts(), methods(), paths(), contentTypes(), bodies(), events(), workspaceNames(), sourceIds(),
                anonymous()).flatMap(List::stream).toList();
    }

    /* ---------------------------------------------------------------- the tests */

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void everyBadInputGetsAClear4xxChangesNothingAndLeaksNothing(Input input) throws Exception {
        emulator.reset(); // each input on its own, whatever the one before did
        Answer answer = send(input);

        assertEquals(input.status, answer.status(), input + " -> " + answer.body());
        if (input.error != null) {
            if (!input.method.equals("HEAD")) {
                JsonNode body = Json.MAPPER.readTree(answer.body());
                assertEquals(Json.object().put("error", input.error.code()).put("message", input.error.message()), body,
                        input + ": the route's answer is its code and message, nothing of the input");
            }
            assertNull(answer.headers().get("retry-after"), input + ": no Retry-After on a 4xx but 429");
            if (!input.method.equals("HEAD") && CapturedOutput.isCapturing()) {
                assertTrue(CapturedOutput.pending().stream().anyMatch(chunk -> chunk.source().startsWith("error body " + input.status)
                        && chunk.text().equals(answer.body())), input + ": the error body reached the leak scan");
            }
        }
        assertEquals(Map.of(), emulator.calls(), input + ": nothing reached Airbyte");
        assertEquals(List.of(), emulator.workspaces(), input + ": no workspace was created");
        assertEquals(0, airbyte.statistics().upstreamCallsInFlight());
        assertEquals(List.of(), LeakScanner.of(emulator.issuedSecrets()).scan(answer.head() + answer.body()), input + ": no secret");
    }

    @Test
    void everyInputIsDistinctAndThereAreAtLeast200() {
        List<String> keys = inputs().stream().map(Input::key).toList();
        assertEquals(keys.size(), keys.stream().distinct().count(), "no input is in the tables twice");
        assertTrue(keys.size() >= 200, "at least 200 distinct bad inputs, was " + keys.size());
    }

    /**
     * The reliability page, {@code docs/reliability.md}, says how many distinct bad inputs the suite sends, table by
     * table: this test fails when it differs, and prints the text to paste.
     */
    @Test
    void theReliabilityPageSaysHowManyBadInputsTheSuiteExercises() throws IOException {
        String generated = table();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "bad-inputs.md"), generated, StandardCharsets.UTF_8);
        List<String> lines = Files.readAllLines(DOCUMENT, StandardCharsets.UTF_8);
        int start = lines.indexOf(TABLE_START);
        int end = lines.indexOf(TABLE_END);
        String documented = start < 0 || end < start ? "(no " + TABLE_START + " ... " + TABLE_END + " in docs/reliability.md)"
                : String.join("\n", lines.subList(start + 1, end));
        assertEquals(generated, documented, "docs/reliability.md's count of bad inputs is not the tables'; put this between "
                + TABLE_START + " and " + TABLE_END + ":\n" + generated + "\n");
    }

    static String table() {
        Map<String, List<Input>> byTable = inputs().stream().collect(Collectors.groupingBy(input -> input.table, LinkedHashMap::new,
                Collectors.toList()));
        List<String> lines = new ArrayList<>();
        lines.add("| Input | Distinct requests | Answers |");
        lines.add("|---|---|---|");
        byTable.forEach((table, inputs) -> lines.add("| " + table + " | " + inputs.size() + " | " + inputs.stream()
                .map(input -> input.error == null ? input.status + " (container or application)"
                        : input.status + " `" + input.error.code() + "`")
                .distinct().collect(Collectors.joining(", ")) + " |"));
        lines.add("| **total** | **" + inputs().size() + "** | |");
        return String.join("\n", lines);
    }

    /* ---------------------------------------------------------------- a plain-socket client */

    /** A response: status, the head as received, headers with lower-case names, body. */
    record Answer(int status, String head, Map<String, String> headers, String body) {
    }

    private Answer send(Input input) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
            socket.setSoTimeout((int) GUARD.toMillis());
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(input.method).append(' ').append(input.path).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(input.host.isEmpty() ? "127.0.0.1:" + app.port() : input.host).append("\r\n");
            if (input.user != null) {
                head.append(TestWebApp.USER_HEADER).append(": ").append(input.user).append("\r\n");
            }
            boolean lengthGiven = false;
            for (String[] header : input.headers) {
                head.append(header[0]).append(": ").append(header[1]).append("\r\n");
                lengthGiven |= header[0].equalsIgnoreCase("Content-Length");
            }
            boolean chunked = input.sending == Sending.CHUNKED || input.sending == Sending.CHUNKED_STALLED;
            if (input.body != null && chunked) {
                head.append("Transfer-Encoding: chunked\r\n");
            } else if (input.body != null && !lengthGiven) {
                head.append("Content-Length: ").append(input.body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            request.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (input.body != null) {
                if (chunked) {
                    request.write((Integer.toHexString(input.body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    request.write(input.body);
                    request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    if (input.sending == Sending.CHUNKED) {
                        request.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } else {
                    request.write(input.body);
                }
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return read(socket.getInputStream(), input.method.equals("HEAD"));
        }
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        byte[] all = in.readAllBytes(); // Connection: close
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertTrue(end > 0, "a response head: " + text);
        String headText = text.substring(0, end);
        String[] lines = headText.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        byte[] rest = Arrays.copyOfRange(all, end + 4, all.length);
        String body = head ? "" : "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? unchunk(rest)
                : new String(rest, StandardCharsets.UTF_8);
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headText, headers, body);
    }

    private static String unchunk(byte[] bytes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < bytes.length) {
            int lineEnd = indexOf(bytes, at);
            int size = Integer.parseInt(new String(bytes, at, lineEnd - at, StandardCharsets.US_ASCII).strip(), 16);
            if (size == 0) {
                break;
            }
            body.write(bytes, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    /** The application's answer to every path that is not its own: 404, as a real application's. */
    private static final class NotFoundServlet extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
