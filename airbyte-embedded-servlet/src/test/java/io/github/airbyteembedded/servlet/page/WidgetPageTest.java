package io.github.airbyteembedded.servlet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.WidgetScript;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WidgetPageTest {

    private static final String HASH = "sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC";

    private final AirbyteEmbedded airbyte = FakeHttp.airbyte(b -> b.widgetScript(WidgetScript.builder().integrity(HASH).build()));
    private final HttpServletRequest request = FakeHttp.request("/shop", FakeHttp.context(airbyte));
    private final FakeHttp.Response response = FakeHttp.response();

    @Test
    void rendersTheWidgetScriptThenTheBootstrapWithTheRequestsNonceAndTheRoutePath() {
        CspNonce.use(request, "N0nceN0nceN0nceN0nce");
        WidgetPage page = WidgetPage.of(request, response.proxy);

        assertEquals("<script src=\"https://cdn.jsdelivr.net/npm/@airbyte-embedded/airbyte-embedded-widget@0.4.5/dist/airbyte-embedded-widget.iife.js\""
                + " integrity=\"" + HASH + "\" crossorigin=\"anonymous\" nonce=\"N0nceN0nceN0nceN0nce\" defer=\"\" data-airbyte-widget-script=\"0.4.5\"></script>"
                + "<script src=\"/shop" + airbyte.bootstrapScriptPath() + "\" integrity=\"" + airbyte.bootstrapScriptIntegrity()
                + "\" crossorigin=\"anonymous\" nonce=\"N0nceN0nceN0nceN0nce\" defer=\"\" data-airbyte-token-path=\"/shop/api/airbyte/widget-token\" data-airbyte-source-events-path=\"/shop/api/airbyte/source-events\"></script>",
                page.scripts());
        assertTrue(airbyte.bootstrapScriptPath().matches("/airbyte-embedded/bootstrap-[0-9a-f]{16}\\.js"), airbyte.bootstrapScriptPath());
        assertNull(response.header("Content-Security-Policy"), "no header unless the configuration asks for it");
    }

    @Test
    void findsTheIntegrationTheFilterPublished() {
        assertEquals(WidgetPage.of(request, response.proxy, airbyte).widgetScript(), WidgetPage.of(request, response.proxy).widgetScript());
        HttpServletRequest elsewhere = FakeHttp.request("", FakeHttp.context(null));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WidgetPage.of(elsewhere, response.proxy));
        assertTrue(e.getMessage().contains("AirbyteEmbeddedFilter"), e.getMessage());
    }

    @Test
    void rendersAConnectButtonWithEscapedLabelAndAttributes() {
        WidgetPage page = WidgetPage.of(request, response.proxy);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("id", "connect");
        attributes.put("class", "btn \"primary\"");
        attributes.put("data-airbyte-message-target", "status");

        assertEquals("<button type=\"button\" data-airbyte-connect=\"\" id=\"connect\" class=\"btn &quot;primary&quot;\""
                + " data-airbyte-message-target=\"status\">Connect &lt;your&gt; data &amp; more</button>",
                page.connectButton("Connect <your> data & more", attributes));
        assertEquals("<button type=\"button\" data-airbyte-connect=\"\">Go</button>", page.connectButton("Go"));
    }

    @Test
    void refusesEventHandlerAndMalformedAttributeNames() {
        WidgetPage page = WidgetPage.of(request, response.proxy);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> page.connectButton("Go", Map.of("onclick", "x()")));
        assertTrue(e.getMessage().contains("airbyte:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> page.connectButton("Go", Map.of("a\"b", "x")));
        assertThrows(IllegalArgumentException.class, () -> page.connectButton("Go", Map.of("x y", "x")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"data-airbyte-token-path", "DATA-AIRBYTE-TOKEN-PATH", "data-airbyte-source-events-path"})
    void refusesARoutePathOnAConnectButtonBecauseOnlyTheScriptTagCarriesOne(String name) {
        WidgetPage page = WidgetPage.of(request, response.proxy);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> page.connectButton("Go", Map.of(name, "/other/token")));
        assertTrue(e.getMessage().contains("bootstrap's <script>"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> page.connectButtonStartTag(Map.of(name, "/other/token")));
    }

    @Test
    void addsAStrictPolicyOnceWhenConfiguredAndNoneIsSet() {
        AirbyteEmbedded adding = FakeHttp.airbyte(b -> b.addContentSecurityPolicy(true));
        HttpServletRequest page = FakeHttp.request("", FakeHttp.context(adding));
        WidgetPage widgetPage = WidgetPage.of(page, response.proxy);

        widgetPage.scripts();
        widgetPage.scripts();

        assertEquals(List.of(widgetPage.contentSecurityPolicy().headerValue()), response.headers.get("Content-Security-Policy"));
        assertTrue(response.header("Content-Security-Policy").contains("'nonce-" + widgetPage.nonce() + "'"));
        assertTrue(response.header("Content-Security-Policy").contains("frame-src 'self' https://app.airbyte.ai"));
    }

    @Test
    void mergesIntoEveryPolicyTheApplicationAlreadySet() {
        AirbyteEmbedded adding = FakeHttp.airbyte(b -> b.addContentSecurityPolicy(true));
        WidgetPage widgetPage = WidgetPage.of(FakeHttp.request("", FakeHttp.context(adding)), response.proxy);
        response.proxy.addHeader("Content-Security-Policy", "default-src 'self'");
        response.proxy.addHeader("Content-Security-Policy", "frame-ancestors 'none'");

        widgetPage.widgetScript();

        WidgetCsp csp = widgetPage.contentSecurityPolicy();
        assertEquals(List.of(csp.mergeInto("default-src 'self'"), "frame-ancestors 'none'"), response.headers.get("Content-Security-Policy"));
    }

    @Test
    void leavesACommittedResponseAlone() {
        AirbyteEmbedded adding = FakeHttp.airbyte(b -> b.addContentSecurityPolicy(true));
        response.committed = true;
        WidgetPage.of(FakeHttp.request("", FakeHttp.context(adding)), response.proxy).scripts();
        assertTrue(response.headers.isEmpty());
    }

    @Test
    void usesTheConfiguredOrDerivedWidgetPageOrigin() {
        assertEquals("https://app.airbyte.ai", airbyte.widgetPageOrigin());
        assertEquals("https://widgets.example.com", FakeHttp.airbyte(b -> b.widgetPageOrigin("https://WIDGETS.example.com:443")).widgetPageOrigin());
        assertEquals("http://127.0.0.1:8181", FakeHttp.airbyte(b -> b.apiBaseUri("http://127.0.0.1:8181")).widgetPageOrigin());
        assertEquals("https://cloud.airbyte.com", FakeHttp.airbyte(b -> b.apiBaseUri("https://api.airbyte.com")).widgetPageOrigin());
        assertEquals("widget-page-origin", assertThrows(io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException.class,
                () -> AirbyteEmbeddedConfig.builder().clientId("c").clientSecret("s").allowedOrigin("https://a.example.com")
                        .widgetPageOrigin("https://app.airbyte.ai/widget").build()).setting());
    }
}
