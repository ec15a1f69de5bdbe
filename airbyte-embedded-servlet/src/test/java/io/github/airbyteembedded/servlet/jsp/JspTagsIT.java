package io.github.airbyteembedded.servlet.jsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.WidgetScript;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JSP tags rendered by Jasper on Jetty, and the bootstrap script served by the filter. */
class JspTagsIT {

    private static final String HASH = "sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC";

    private final HttpClient client = HttpClient.newHttpClient();
    private JspApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private static AirbyteEmbeddedConfig.Builder config() {
        return AirbyteEmbeddedConfig.builder().clientId("client").clientSecret("secret")
                .allowedOrigin("http://127.0.0.1").widgetScript(WidgetScript.builder().integrity(HASH).build());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(app.uri(path)).header("Cookie", JspApp.USER_COOKIE + "=alice").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String nonceOf(String html) {
        Matcher matcher = Pattern.compile("nonce=\"([^\"]+)\"").matcher(html);
        assertTrue(matcher.find(), html);
        return matcher.group(1);
    }

    @Test
    void tagsRenderTheScriptsTheButtonAndOneNoncePerRequest() throws Exception {
        app = JspApp.start(config().build(), "/shop", Map.of());
        HttpResponse<String> page = get("/connect.jsp?buttonClass=" + java.net.URLEncoder.encode("big\" onclick=\"x()", StandardCharsets.UTF_8));
        String html = page.body();
        String nonce = nonceOf(html);
        AirbyteEmbedded airbyte = AirbyteEmbedded.create(config().build());

        assertEquals(200, page.statusCode(), html);
        assertTrue(html.contains("<script src=\"https://cdn.jsdelivr.net/npm/@airbyte-embedded/airbyte-embedded-widget@0.4.5/dist/"
                + "airbyte-embedded-widget.iife.js\" integrity=\"" + HASH + "\" crossorigin=\"anonymous\" nonce=\"" + nonce
                + "\" defer=\"\" data-airbyte-widget-script=\"0.4.5\"></script><script src=\"/shop" + airbyte.bootstrapScriptPath()
                + "\" integrity=\"" + airbyte.bootstrapScriptIntegrity() + "\" crossorigin=\"anonymous\" nonce=\"" + nonce
                + "\" defer=\"\" data-airbyte-token-path=\"/shop/api/airbyte/widget-token\" data-airbyte-source-events-path=\"/shop/api/airbyte/source-events\"></script>"), html);
        assertTrue(html.contains("<script src=\"/shop/page.js\" nonce=\"" + nonce + "\" defer></script>"), html);
        assertTrue(html.contains("<button type=\"button\" data-airbyte-connect=\"\" id=\"connect\" class=\"big&quot; onclick=&quot;x()\""
                + " data-airbyte-message-target=\"status\">Connect <em>your</em> data</button>"), html);
        assertFalse(page.headers().firstValue("Content-Security-Policy").isPresent(), "no CSP unless asked for");

        String second = nonceOf(get("/connect.jsp").body());
        assertFalse(second.equals(nonce), "every request has its own nonce");
    }

    @Test
    void filterAddsTheStrictPolicyWithThePagesNonceWhenAskedTo() throws Exception {
        app = JspApp.start(config().addContentSecurityPolicy(true).build(), "", Map.of());
        HttpResponse<String> page = get("/connect.jsp");
        String nonce = nonceOf(page.body());

        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self' 'nonce-" + nonce + "' https://cdn.jsdelivr.net/npm/"), csp);
        assertTrue(csp.contains("frame-src 'self' https://app.airbyte.ai"), csp);
        assertTrue(csp.contains("style-src 'self' '" + WidgetScript.VENDOR_0_4_5_STYLE_HASH + "'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertFalse(get("/page.js").headers().firstValue("Content-Security-Policy").isPresent(),
                "requests that render no widget tag are untouched");
    }

    @Test
    void filterServesTheBootstrapScriptImmutableWithItsIntegrity() throws Exception {
        app = JspApp.start(config().build(), "/shop", Map.of());
        AirbyteEmbedded airbyte = AirbyteEmbedded.create(config().build());
        HttpResponse<byte[]> script = client.send(HttpRequest.newBuilder(app.uri(airbyte.bootstrapScriptPath())).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, script.statusCode());
        assertEquals("public, max-age=31536000, immutable", script.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("text/javascript;charset=utf-8", script.headers().firstValue("Content-Type").orElseThrow().replace(" ", "").toLowerCase());
        assertEquals("nosniff", script.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals(airbyte.bootstrapScriptIntegrity(),
                "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(script.body())));
        assertTrue(airbyte.bootstrapScriptPath().contains(java.util.HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(script.body())).substring(0, 16)));

        HttpResponse<String> head = client.send(HttpRequest.newBuilder(app.uri(airbyte.bootstrapScriptPath()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(app.uri(airbyte.bootstrapScriptPath()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertFalse(post.headers().firstValue("Cache-Control").orElse("").contains("immutable"), "other methods pass through");
        assertEquals(404, client.send(HttpRequest.newBuilder(app.uri("/airbyte-embedded/bootstrap-0000000000000000.js")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "another hash is not the script");
    }
}
