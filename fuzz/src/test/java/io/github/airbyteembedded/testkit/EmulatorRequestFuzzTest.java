package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The emulator's request parsing on any request: the request line's query, the headers, the body as
 * JSON, the Host check and the fault rules of {@code POST /_emulator/faults}. Nothing throws (the
 * dispatcher would answer 500); headers are found whatever their case; a Bearer token read is stripped
 * and not empty; a fault rule the parser accepts is written back to a rule that reads as the same fault.
 */
class EmulatorRequestFuzzTest {

    /** "METHOD /path?query", then "Name: value" lines, a blank line, then the body. */
    @FuzzTest
    void emulatorRequest(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        String[] parts = text.split("\n\n", 2);
        String[] lines = parts[0].split("\n", -1);
        String[] requestLine = lines[0].split(" ", 2);
        String method = requestLine[0];
        String target = requestLine.length > 1 ? requestLine[1] : "/";
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? null : target.substring(question + 1);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body = parts.length > 1 ? parts[1].getBytes(StandardCharsets.UTF_8) : new byte[0];

        Request request = new Request(method, path, rawQuery, headers, body);
        assertEquals(method + " " + path, request.endpoint());
        headers.forEach((name, value) -> {
            // HTTP header names are ASCII tokens (RFC 9110): the only names a server hands the emulator. Others
            // change length or letters when their case changes ("ß" is "SS"), as the input Jazzer found does.
            if (isToken(name)) {
                assertTrue(request.header(name.toUpperCase(Locale.ROOT)).isPresent(), "headers are found whatever their case");
                assertEquals(request.header(name), request.header(name.toLowerCase(Locale.ROOT)));
            }
        });
        request.bearerToken().ifPresent(token -> {
            assertFalse(token.isEmpty());
            assertEquals(token.strip(), token);
        });
        request.queryParameter("workspace_name").ifPresent(value -> assertNotNull(value));
        Optional<JsonNode> json = request.json();
        request.header("host").ifPresent(host -> HostCheck.allows(host, false));
        if (json.isPresent()) {
            Errors.Validation validation = new Errors.Validation();
            Fault fault = Faults.fromJson(json.get(), validation);
            if (fault != null) {
                assertTrue(validation.isEmpty());
                JsonNode written = Faults.toJson(fault);
                Fault again = Faults.fromJson(written, new Errors.Validation());
                assertNotNull(again, "a fault rule written back reads again");
                assertEquals(written, Faults.toJson(again));
            } else {
                assertFalse(validation.isEmpty(), "a refused rule says why");
            }
        }
    }

    /** An HTTP token: visible ASCII letters, digits and {@code !#$%&'*+-.^_`|~}. */
    private static boolean isToken(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0));
    }
}
