package io.github.airbyteembedded.servlet.jsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.WidgetScript;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.browser.BrowserExtension;
import io.github.airbyteembedded.testkit.browser.EmulatorWidgetFrame;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A page whose settings point at an emulator by hand, as a new user writes them (the API base, the CDN
 * base at the emulator's {@code /npm}, {@code widget-integrity=compute}, no style hash), with the
 * library's CSP on: the widget's injected style must not be blocked, so the dialog renders styled.
 */
@ExtendWith(BrowserExtension.class)
class EmulatorByHandBrowserIT {

    @Test
    void theEmulatorsWidgetStyleIsAllowedByTheLibrarysCsp(BrowserContext context) throws Exception {
        List<String> console = new CopyOnWriteArrayList<>();
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            int port = JspApp.freePort();
            String origin = "http://127.0.0.1:" + port;
            AirbyteEmbeddedConfig config = AirbyteEmbeddedConfig.builder()
                    .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID).clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                    .apiBaseUri(emulator.baseUri()).allowedOrigin(origin)
                    .widgetScript(WidgetScript.builder().cdnBase(emulator.baseUri() + "/npm").computeIntegrity().build())
                    .addContentSecurityPolicy(true)
                    .build();
            try (JspApp app = JspApp.start(config, "", Map.of(), port)) {
                context.setDefaultTimeout(20_000);
                context.addCookies(List.of(new Cookie(JspApp.USER_COOKIE, "alice").setUrl(origin)));
                Page page = context.newPage();
                page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));
                page.navigate(app.uri("/connect.jsp").toString());

                page.click("#connect");
                EmulatorWidgetFrame.in(page).awaitReady();

                String radius = (String) page.evaluate("() => getComputedStyle("
                        + "document.querySelector('dialog.airbyte-widget-dialog-wrapper')).borderTopLeftRadius");
                assertEquals("12px", radius, "the widget's own style applies to its dialog");
                assertTrue(console.stream().noneMatch(line -> line.contains("Content Security Policy")
                        || line.contains("Content-Security-Policy")), String.join("\n", console));
            }
        }
    }
}
