package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WidgetScriptTest {

    private static HttpResponse<byte[]> fetch(URI uri) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(uri).header("Origin", "http://localhost:8080").build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha384(byte[] bytes) throws Exception {
        return "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(bytes));
    }

    @Test
    void servesTheScriptAtTheCdnShapedPathWithCorsAndAMatchingIntegrity() throws Exception {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            URI uri = emulator.widgetScriptUri("0.4.5");
            assertEquals(emulator.baseUri() + "/npm/@airbyte-embedded/airbyte-embedded-widget@0.4.5/dist/airbyte-embedded-widget.iife.js",
                    uri.toString());

            HttpResponse<byte[]> response = fetch(uri);

            assertEquals(200, response.statusCode());
            assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertEquals("text/javascript; charset=utf-8", response.headers().firstValue("Content-Type").orElse(null));
            assertEquals(AirbyteEmulator.widgetScriptIntegrity(), sha384(response.body()));
            assertEquals(emulator.widgetScriptUri(), uri);
        }
    }

    @Test
    void servesTheSameBytesFromEveryEmulatorAndPath() throws Exception {
        try (AirbyteEmulator first = AirbyteEmulator.builder().build().start();
                AirbyteEmulator second = AirbyteEmulator.builder().build().start()) {
            byte[] a = fetch(first.widgetScriptUri("0.4.5")).body();
            byte[] b = fetch(second.widgetScriptUri("0.4.4")).body();
            byte[] bare = fetch(URI.create(first.baseUri() + "/npm/@airbyte-embedded/airbyte-embedded-widget@0.4.5")).body();
            byte[] shortPath = fetch(URI.create(first.baseUri() + "/widget/airbyte-embedded-widget.iife.js")).body();
            assertTrue(java.util.Arrays.equals(a, b));
            assertTrue(java.util.Arrays.equals(a, bare));
            assertTrue(java.util.Arrays.equals(a, shortPath));
            assertEquals(404, fetch(URI.create(first.baseUri() + "/npm/@airbyte-embedded/airbyte-embedded-widget@latest/dist/airbyte-embedded-widget.iife.js")).statusCode());
        }
    }

    @Test
    void theFakeCdnServesOnlyTheVersionsTheVendorPublished() throws Exception {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            assertEquals(List.of("0.4.3", "0.4.4", "0.4.5"), AirbyteEmulator.PUBLISHED_WIDGET_VERSIONS);
            for (String version : AirbyteEmulator.PUBLISHED_WIDGET_VERSIONS) {
                assertEquals(200, fetch(emulator.widgetScriptUri(version)).statusCode(), version);
            }
            for (String unpublished : List.of("0.4.6", "0.4.2", "1.0.0", "0.4.5-beta.1")) {
                URI uri = URI.create(emulator.baseUri() + "/npm/@airbyte-embedded/airbyte-embedded-widget@" + unpublished
                        + "/dist/airbyte-embedded-widget.iife.js");
                assertEquals(404, fetch(uri).statusCode(), unpublished);
                assertEquals(404, fetch(URI.create(emulator.baseUri() + "/npm/@airbyte-embedded/airbyte-embedded-widget@"
                        + unpublished)).statusCode(), unpublished);
                assertThrows(IllegalArgumentException.class, () -> emulator.widgetScriptUri(unpublished));
            }
        }
    }

    @Test
    void theStyleTheScriptInjectsHasADataImageLikeTheVendorsSoTheHostPageNeedsImgSrcData() {
        assertTrue(WidgetAssets.STYLE_TEXT.contains("url(\"data:image/"), WidgetAssets.STYLE_TEXT);
    }

    @Test
    void theStyleHashIsTheSha256OfTheTextTheScriptInjects() throws Exception {
        String script = new String(WidgetAssets.SCRIPT, StandardCharsets.UTF_8);
        assertTrue(script.contains(Json.write(WidgetAssets.STYLE_TEXT)));
        assertFalse(script.contains("@@STYLE_TEXT@@"));
        String expected = "sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(WidgetAssets.STYLE_TEXT.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, AirbyteEmulator.widgetStyleCspHash());
    }

    @Test
    void theWidgetPageIsServedUnderAStrictCspWithoutInlineCode() throws Exception {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            HttpResponse<byte[]> page = fetch(URI.create(emulator.widgetPageOrigin() + "/embedded-widget?workspaceId=x&allowedOrigin=y"));
            String html = new String(page.body(), StandardCharsets.UTF_8);
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
            assertFalse(html.contains("<script>"));
            assertFalse(html.contains("style="));
            assertTrue(html.contains("data-event-family=\"source\""));
            assertTrue(csp.contains("connect-src 'self' " + emulator.baseUri() + ";"), csp);
            assertTrue(html.contains("data-api-base=\"" + emulator.baseUri() + "\""));
            assertEquals(404, fetch(URI.create(emulator.baseUri() + "/embedded-widget?workspaceId=x&allowedOrigin=y")).statusCode(),
                    "the API's origin serves no widget page");
        }
    }

    @Test
    void widgetScriptUriRejectsAnInexactVersion() {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            assertThrows(IllegalArgumentException.class, () -> emulator.widgetScriptUri("latest"));
            assertThrows(IllegalArgumentException.class, () -> emulator.widgetScriptUri("^0.4.5"));
        }
    }
}
