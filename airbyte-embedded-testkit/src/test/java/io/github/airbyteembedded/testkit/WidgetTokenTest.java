package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WidgetTokenTest {

    private static final UUID WORKSPACE = UUID.fromString("0f8b5d2e-1111-4222-8333-944455556666");

    private static String jwt(String claimsJson) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    private static String blob(String jwt, String widgetUrl) {
        return "{\"token\":\"" + jwt + "\",\"widgetUrl\":\"" + widgetUrl + "\"}";
    }

    private static final String CLAIMS = "{\"exp\":1800000000,\"iat\":1799998800,"
            + "\"io.airbyte.auth.workspace_scope\":{\"workspaceId\":\"" + WORKSPACE + "\"},"
            + "\"selected_source_template_tags\":[\"crm\"]}";
    private static final String URL = "https://app.airbyte.ai/embedded-widget?workspaceId=" + WORKSPACE
            + "&allowedOrigin=https%3A%2F%2Fapp.example.com";

    @Test
    void decodesStandardBase64WithPadding() {
        String token = Base64.getEncoder().encodeToString(blob(jwt(CLAIMS), URL).getBytes(StandardCharsets.US_ASCII));
        WidgetToken decoded = WidgetToken.decode(token);

        assertEquals(WORKSPACE, decoded.workspaceId());
        assertEquals("https://app.example.com", decoded.allowedOrigin());
        assertEquals(Instant.ofEpochSecond(1800000000), decoded.expiresAt());
        assertEquals(Instant.ofEpochSecond(1799998800), decoded.issuedAt());
        assertEquals(Optional.of(List.of("crm")), decoded.claim("selected_source_template_tags"));
        assertEquals(URL, decoded.widgetUrl().toString());
        assertEquals(jwt(CLAIMS), decoded.jwt());
    }

    @Test
    void decodesUrlSafeBase64WithoutPadding() {
        for (int pad = 0; pad < 3; pad++) {
            String claims = CLAIMS.replace("}", " ".repeat(pad) + "}");
            String token = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(blob(jwt(claims), URL).getBytes(StandardCharsets.US_ASCII));
            assertEquals(WORKSPACE, WidgetToken.decode(token).workspaceId());
        }
    }

    @Test
    void fallsBackToTheWidgetUrlForTheWorkspaceId() {
        String token = Base64.getEncoder().encodeToString(blob(jwt("{\"exp\":1}"), URL).getBytes(StandardCharsets.US_ASCII));
        assertEquals(WORKSPACE, WidgetToken.decode(token).workspaceId());
    }

    @Test
    void rejectsStringsThatAreNotWidgetTokensWithoutEchoingThem() {
        List<String> bad = List.of("secret-looking-garbage!", Base64.getEncoder().encodeToString("[1]".getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString("{\"token\":\"a.b\"}".getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(blob("only.two", URL).getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(blob(jwt(CLAIMS), "/relative").getBytes(StandardCharsets.UTF_8)));
        for (String token : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WidgetToken.decode(token));
            assertFalse(e.getMessage().contains(token));
        }
    }

    @Test
    void toStringNeverShowsTheJwt() {
        String token = Base64.getEncoder().encodeToString(blob(jwt(CLAIMS), URL).getBytes(StandardCharsets.US_ASCII));
        WidgetToken decoded = WidgetToken.decode(token);
        assertFalse(decoded.toString().contains(decoded.jwt()));
        assertTrue(decoded.toString().contains("redacted"));
    }
}
