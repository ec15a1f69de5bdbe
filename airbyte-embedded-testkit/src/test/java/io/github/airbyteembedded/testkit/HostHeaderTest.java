package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DNS rebinding: a page of another site whose name was made to resolve to 127.0.0.1 reaches the
 * emulator with its own name in {@code Host}. The emulator answers only loopback names and addresses.
 * Raw requests, because HTTP clients do not let a caller choose {@code Host}.
 */
class HostHeaderTest {

    private AirbyteEmulator emulator;

    @BeforeEach
    void start() {
        emulator = AirbyteEmulator.builder().build().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:%d", "LocalHost:%d", "127.0.0.1", "127.0.0.1:%d", "127.1.2.3:%d",
            "[::1]", "[::1]:%d"})
    void answersALoopbackHostWithOrWithoutPort(String host) {
        Raw response = request("GET", "/_emulator/info", host.formatted(emulator.port()), Map.of());

        assertEquals(200, response.status(), response.body());
        assertEquals(emulator.clientId(), response.json().get("client_id").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:%d", "localhost.evil.example:%d", "127.0.0.1.evil.example",
            "10.0.0.1:%d", "[::2]:%d", "[::1", "::1", "localhost:port", "localhost:%d:%d", ""})
    void refusesAnyOtherHostWith421AndAJsonMessage(String host) {
        String value = host.formatted(emulator.port(), emulator.port());
        Raw response = request("GET", "/_emulator/info", value, Map.of());

        assertEquals(421, response.status(), value);
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        assertTrue(response.json().get("message").asText().contains("loopback"), response.body());
    }

    @Test
    void refusesARequestWithoutHost() {
        Raw response = request("GET", "/_emulator/info", null, Map.of());

        assertEquals(421, response.status(), response.body());
    }

    @Test
    void aRebindingPageReachesNeitherTheApiNorTheWidgetNorTheStateAndNothingIsCounted() {
        String token = TestHttp.operatorToken(emulator);
        emulator.reset();

        assertEquals(421, request("POST", "/api/v1/account/applications/widget-token", "evil.example",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json")).status());
        assertEquals(421, request("GET", AccountRoutes.WIDGET_PAGE_PATH, "evil.example", Map.of()).status());
        assertEquals(421, request("GET", "/_emulator/state", "evil.example", Map.of()).status());
        assertEquals(421, request("POST", "/_emulator/reset", "evil.example", Map.of("Content-Type", "application/json")).status());

        assertEquals(Map.of(), emulator.calls(), "a refused request is not counted");
    }

    @Test
    void anEmulatorBoundToAnotherAddressAlsoAnswersAddressLiteralsButNoOtherName() {
        // Not bound here (tests stay on loopback): the rule the emulator applies when it is.
        assertTrue(HostCheck.allows("192.0.2.10:8181", true));
        assertTrue(HostCheck.allows("[2001:db8::1]:8181", true));
        assertTrue(HostCheck.allows("localhost", true));
        assertFalse(HostCheck.allows("emulator.internal:8181", true), "a name can be rebound");
        assertFalse(HostCheck.allows("192.0.2.10:8181", false), "on loopback, only loopback addresses");
    }

    private record Raw(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return TestHttp.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One HTTP/1.1 request on a new connection, with exactly the given {@code Host} (none when null). */
    private Raw request(String method, String path, String host, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        if (host != null) {
            head.append("Host: ").append(host).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), emulator.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            List<String> lines = List.of(response.substring(0, end).split("\r\n"));
            int status = Integer.parseInt(lines.get(0).split(" ")[1]);
            String contentType = lines.stream().filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(line -> line.substring(13).strip()).findFirst().orElse("");
            return new Raw(status, contentType, response.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
