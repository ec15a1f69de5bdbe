package io.github.airbyteembedded.thymeleaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Cookie;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.WidgetScript;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.browser.BrowserExtension;
import io.github.airbyteembedded.testkit.browser.EmulatorWidgetFrame;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole journey in headless Chromium on a Thymeleaf page rendered with the dialect in a servlet on
 * Jetty: the application sets its own strict CSP (no 'unsafe-inline' script or style) with the widget's
 * needs merged in, the page loads the emulator's widget script from the
 * CDN-shaped path with its integrity checked by the browser, and the user connects a source; then the
 * same page with a wrong integrity value, which the browser refuses and the page reports.
 */
@ExtendWith(BrowserExtension.class)
class ThymeleafWidgetBrowserIT {

    private AirbyteEmulator emulator;
    private ThymeleafApp app;
    private BrowserContext context;
    private final List<String> console = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startEmulator(BrowserContext context) {
        emulator = AirbyteEmulator.builder().build().start();
        this.context = context;
        context.setDefaultTimeout(20_000);
    }

    @AfterEach
    void stopEverything() {
        if (app != null) {
            app.close();
        }
        emulator.close();
    }

    private Page open(WidgetScript.Builder script) throws Exception {
        int port = ThymeleafApp.freePort();
        String origin = "http://127.0.0.1:" + port;
        AirbyteEmbeddedConfig config = AirbyteEmbeddedConfig.builder()
                .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID).clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                .apiBaseUri(emulator.baseUri()).allowedOrigin(origin)
                .widgetScript(script.cdnBase(emulator.baseUri() + "/npm").styleHash(AirbyteEmulator.widgetStyleCspHash()).build())
                .build();
        app = ThymeleafApp.start(config, port);
        context.addCookies(List.of(new Cookie(ThymeleafApp.USER_COOKIE, "alice").setUrl(origin)));
        Page page = context.newPage();
        page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text() + " @ " + message.location()));
        page.onResponse(answer -> {
            if (answer.status() >= 400) {
                console.add("response " + answer.status() + " " + answer.url());
            }
        });
        Response response = page.navigate(app.uri("/connect").toString());
        String csp = response.headers().get("content-security-policy");
        assertTrue(csp != null && csp.startsWith(ThymeleafApp.APP_POLICY.substring(0, 20)) && csp.contains("'nonce-")
                && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"), String.valueOf(csp));
        return page;
    }

    private static void waitForEvent(Page page, String name) {
        page.waitForFunction("n => window.airbyteEvents.some(e => e.name === n)", name);
    }

    @Test
    void userConnectsASourceAndTheButtonFiresSourceCreated() throws Exception {
        Page page = open(WidgetScript.builder().computeIntegrity());

        page.click("#connect");
        EmulatorWidgetFrame.in(page).awaitReady()
                .pick("github")
                .fill("personal_access_token", "ghp_emulated_token")
                .fill("repositories", "octo/hello")
                .submit();

        waitForEvent(page, "airbyte:source-created");
        Map<?, ?> created = (Map<?, ?>) page.evaluate("() => window.airbyteEvents.find(e => e.name === 'airbyte:source-created')");
        assertEquals("connect", created.get("target"));
        assertEquals("source", created.get("family"));
        assertEquals(emulator.workspace("alice").orElseThrow().sources().get(0).id().toString(), created.get("sourceId"));
        assertEquals(1, emulator.callCount("POST /api/v1/account/applications/widget-token"));
        assertFalse(console.stream().anyMatch(line -> line.contains("Content Security Policy")), String.join("\n", console));
        assertFalse(console.stream().anyMatch(line -> line.startsWith("error")), String.join("\n", console));
    }

    @Test
    void aWrongIntegrityValueIsRefusedByTheBrowserAndReportedByThePage() throws Exception {
        String wrong = "sha384-" + "A".repeat(64);
        Page page = open(WidgetScript.builder().integrity(wrong));
        page.waitForFunction("() => document.querySelector('#connect').getAttribute('data-airbyte-state') === 'unavailable'");

        page.click("#connect");

        waitForEvent(page, "airbyte:error");
        Map<?, ?> error = (Map<?, ?>) page.evaluate("() => window.airbyteEvents.find(e => e.name === 'airbyte:error')");
        assertEquals("widget_script_unavailable", error.get("code"));
        assertEquals("connect", error.get("target"));
        assertEquals("The data connection widget could not be loaded.", page.textContent("#status"));
        assertEquals(Boolean.FALSE, page.evaluate("() => typeof window.AirbyteEmbeddedWidget === 'function'"));
        assertTrue(console.stream().anyMatch(line -> line.contains("integrity")), String.join("\n", console));
        assertEquals(0, emulator.callCount("POST /api/v1/account/applications/widget-token"), "no token is minted for a widget that cannot run");
    }
}
