package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.github.airbyteembedded.testkit.browser.BrowserExtension;
import io.github.airbyteembedded.testkit.browser.LoopbackSite;
import io.github.airbyteembedded.testkit.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole user journey in headless Chromium: a host page on its own loopback origin loads the
 * emulator's widget script (with SRI, under a strict CSP), gets a widget token from its "backend",
 * opens the widget, and the user connects a source in the emulator's widget page.
 */
@ExtendWith(BrowserExtension.class)
class WidgetBrowserIT {

    private static final String HOST_JS = String.join("\n",
            "window.widgetEvents = [];",
            "window.openWidget = function (token) {",
            "  window.widget = new AirbyteEmbeddedWidget({ token: token, onEvent: function (e) {",
            "    window.widgetEvents.push({ type: e.type, message: e.message, data: e.data || null,",
            "      error: e.error ? String(e.error.message || e.error) : null });",
            "  } });",
            "  window.widget.open();",
            "};",
            "document.getElementById('connect').addEventListener('click', function () {",
            "  fetch('/api/airbyte/widget-token', { method: 'GET' })",
            "    .then(function (r) { return r.json(); })",
            "    .then(function (j) { window.openWidget(j.token); });",
            "});");

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.now());
    private BrowserContext context;

    @BeforeEach
    void newContext(BrowserContext context) {
        this.context = context;
        context.setDefaultTimeout(20_000);
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private AirbyteEmulator emulator(AirbyteEmulator.Builder builder) {
        AirbyteEmulator emulator = builder.clock(clock).build().start();
        closeables.add(emulator);
        return emulator;
    }

    /** A host page whose backend mints widget tokens for {@code workspace} and the origin {@code originFor} gives. */
    private LoopbackSite hostSite(AirbyteEmulator emulator, String workspace, Supplier<String> originFor) {
        String emulatorOrigin = emulator.baseUri().toString();
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Host app</title>"
                + "<script src=\"" + emulator.widgetScriptUri("0.4.5") + "\" integrity=\""
                + AirbyteEmulator.widgetScriptIntegrity() + "\" crossorigin=\"anonymous\"></script>"
                + "<script src=\"/host.js\" defer></script></head>"
                + "<body><button id=\"connect\">Connect your data</button></body></html>";
        String csp = "default-src 'self'; script-src 'self' " + emulatorOrigin + "; style-src 'self' '"
                + AirbyteEmulator.widgetStyleCspHash() + "'; img-src 'self' data:; frame-src " + emulator.widgetPageOrigin()
                + "; connect-src 'self'";
        LoopbackSite site = LoopbackSite.builder()
                .page("/", "text/html", html)
                .header("/", "Content-Security-Policy", csp)
                .page("/host.js", "text/javascript", HOST_JS)
                .dynamic("/api/airbyte/widget-token", "application/json", () -> TestHttp.json(Map.of("token",
                        TestHttp.widgetToken(emulator, workspace, originFor.get()))))
                .build().start();
        closeables.add(0, site);
        return site;
    }

    private static JsonNode events(Page page) {
        try {
            return TestHttp.MAPPER.readTree(TestHttp.json(page.evaluate("() => window.widgetEvents")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void waitForEvent(Page page, String message) {
        page.waitForFunction("m => window.widgetEvents && window.widgetEvents.some(e => e.message === m)", message);
    }

    private static void waitForState(FrameLocator frame, String state) {
        frame.locator("body[data-state='" + state + "']").waitFor();
    }

    private static JsonNode lastEvent(Page page) {
        JsonNode events = events(page);
        return events.get(events.size() - 1);
    }

    @Test
    void userConnectsASourceAndTheHostReceivesSourceCreatedWithTheNewSourceId() {
        AirbyteEmulator emulator = emulator(AirbyteEmulator.builder());
        LoopbackSite[] self = new LoopbackSite[1];
        self[0] = hostSite(emulator, "alice", () -> self[0].origin());
        Page page = context.newPage();
        List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));
        page.navigate(self[0].uri("/").toString());

        page.click("#connect");
        FrameLocator widget = page.frameLocator("dialog.airbyte-widget-dialog-wrapper iframe");
        waitForState(widget, "ready");
        assertEquals(4, widget.locator(".template-option").count());
        widget.locator(".template-option[data-connector-name='github']").click();
        widget.locator("#field-personal_access_token").fill("ghp_emulated_token");
        widget.locator("#field-repositories").fill("octo/hello, octo/world");
        widget.locator("#submit-source").click();

        waitForEvent(page, "source_created");
        JsonNode event = lastEvent(page);
        assertEquals("end_user_action_result", event.get("type").asText());
        String sourceId = event.get("data").get("id").asText();
        assertEquals("**********", event.get("data").get("replication_config").get("personal_access_token").asText());
        assertEquals(List.of("octo/hello", "octo/world"), TestHttp.MAPPER.convertValue(
                event.get("data").get("replication_config").get("repositories"), List.class));
        page.waitForFunction("() => !document.querySelector('dialog.airbyte-widget-dialog-wrapper').open");
        assertEquals("0px", page.evaluate(
                "() => getComputedStyle(document.querySelector('dialog.airbyte-widget-dialog-wrapper')).paddingTop"),
                "the injected style applies under a CSP that allows only its hash");

        TestHttp.Result listed = TestHttp.send(emulator, "GET", "/api/v1/integrations/connectors?workspace_name=alice", null,
                Map.of("Authorization", "Bearer " + TestHttp.operatorToken(emulator)));
        assertEquals(200, listed.status());
        assertEquals(1, listed.json().get("data").size());
        assertEquals(sourceId, listed.json().get("data").get(0).get("id").asText());
        assertEquals("github", emulator.workspace("alice").orElseThrow().sources().get(0).connectorName());
        assertTrue(console.stream().noneMatch(line -> line.contains("Content Security Policy")), () -> String.join("\n", console));
        assertTrue(page.frames().stream().anyMatch(frame -> frame.url().startsWith(emulator.widgetPageOrigin() + "/embedded-widget")),
                "the widget page comes from its own origin");
        assertFalse(emulator.widgetPageOrigin().equals(emulator.baseUri().toString()));
    }

    @Test
    void aHostPageWhoseFrameSrcNamesTheApiOriginGetsNoWidgetPage() {
        AirbyteEmulator emulator = emulator(AirbyteEmulator.builder());
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Host app</title>"
                + "<script src=\"" + emulator.widgetScriptUri("0.4.5") + "\"></script>"
                + "<script src=\"/host.js\" defer></script></head>"
                + "<body><button id=\"connect\">Connect your data</button></body></html>";
        LoopbackSite[] self = new LoopbackSite[1];
        self[0] = LoopbackSite.builder()
                .page("/", "text/html", html)
                .header("/", "Content-Security-Policy", "default-src 'self'; script-src 'self' " + emulator.baseUri()
                        + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src " + emulator.baseUri())
                .page("/host.js", "text/javascript", HOST_JS)
                .dynamic("/api/airbyte/widget-token", "application/json", () -> TestHttp.json(Map.of("token",
                        TestHttp.widgetToken(emulator, "alice", self[0].origin()))))
                .build().start();
        closeables.add(0, self[0]);
        Page page = context.newPage();
        List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));
        page.navigate(self[0].uri("/").toString());

        page.click("#connect");

        page.waitForCondition(() -> console.stream().anyMatch(line -> line.contains("frame-src")));
        assertEquals(0, emulator.callCount("GET /embedded-widget"), "the browser never asked for the widget page");
    }

    @Test
    void hostPageOnAnotherOriginNeverGetsTheIframeAuthenticated() {
        AirbyteEmulator emulator = emulator(AirbyteEmulator.builder().widgetAuthTimeout(Duration.ofSeconds(1)));
        LoopbackSite allowed = LoopbackSite.builder().page("/", "text/html", "<p>the allowed app</p>").build().start();
        closeables.add(allowed);
        LoopbackSite other = hostSite(emulator, "mallory", allowed::origin);
        Page page = context.newPage();
        page.navigate(other.uri("/").toString());

        page.click("#connect");
        FrameLocator widget = page.frameLocator("dialog iframe");
        widget.locator("body[data-error='no-token']").waitFor();

        assertTrue(widget.locator("#widget-error").isVisible());
        assertTrue(widget.locator("#widget-error").textContent().contains(allowed.origin()));
        assertEquals(0, widget.locator("body[data-authenticated]").count());
        assertEquals(0, emulator.callCount("GET /api/v1/account/applications/scoped-token/info"));
        assertEquals(0, emulator.callCount("GET /api/v1/integrations/templates/sources"));
        assertEquals(0, events(page).size());
    }

    @Test
    void aTokenPushedFromTheWrongOriginIsRejectedVisibly() {
        AirbyteEmulator emulator = emulator(AirbyteEmulator.builder());
        LoopbackSite allowed = LoopbackSite.builder().page("/", "text/html", "<p>the allowed app</p>").build().start();
        closeables.add(allowed);
        LoopbackSite other = hostSite(emulator, "mallory", allowed::origin);
        Page page = context.newPage();
        page.navigate(other.uri("/").toString());
        page.click("#connect");
        FrameLocator widget = page.frameLocator("dialog iframe");
        widget.locator("body[data-listening]").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                .setState(WaitForSelectorState.ATTACHED));

        page.evaluate("() => window.widget.sendToken()");

        widget.locator("body[data-error='origin-mismatch']").waitFor();
        assertTrue(widget.locator("#widget-error").textContent().contains(other.origin()));
        assertEquals(0, emulator.callCount("GET /api/v1/account/applications/scoped-token/info"));
    }

    @Test
    void updateTokenSwapsTheTokenOfAnOpenWidget() {
        AirbyteEmulator emulator = emulator(AirbyteEmulator.builder());
        LoopbackSite[] self = new LoopbackSite[1];
        self[0] = hostSite(emulator, "alice", () -> self[0].origin());
        Page page = context.newPage();
        page.navigate(self[0].uri("/").toString());
        String expiring = TestHttp.widgetToken(emulator, "alice", self[0].origin());
        clock.advance(Duration.ofMinutes(21));

        page.evaluate("t => window.openWidget(t)", expiring);
        FrameLocator widget = page.frameLocator("dialog iframe");
        widget.locator("body[data-error='token-expired']").waitFor();
        assertTrue(widget.locator("#widget-error").isVisible());

        String fresh = TestHttp.widgetToken(emulator, "alice", self[0].origin());
        page.evaluate("t => window.widget.updateToken(t)", fresh);

        waitForState(widget, "ready");
        assertEquals(WidgetToken.decode(fresh).claims().get("jti"),
                widget.locator("body").getAttribute("data-token-id"));
        assertEquals(4, widget.locator(".template-option").count());
    }

    @Test
    void aFailedCheckShowsTheErrorAndPostsSourceCreateError() {
        AirbyteEmulator emulator = emulator(AirbyteEmulator.builder());
        LoopbackSite[] self = new LoopbackSite[1];
        self[0] = hostSite(emulator, "alice", () -> self[0].origin());
        Page page = context.newPage();
        page.navigate(self[0].uri("/").toString());
        page.click("#connect");
        FrameLocator widget = page.frameLocator("dialog iframe");
        waitForState(widget, "ready");
        widget.locator(".template-option[data-connector-name='stripe']").click();
        widget.locator("#field-account_id").fill("acct_123");
        widget.locator("#field-client_secret").fill(AirbyteEmulator.INVALID_CREDENTIAL_VALUE);
        widget.locator("#submit-source").click();

        waitForEvent(page, "source_create_error");
        assertTrue(widget.locator("#form-error").isVisible());
        assertTrue(lastEvent(page).get("error").asText().contains("client_secret"));
        assertTrue(emulator.workspace("alice").orElseThrow().sources().isEmpty());
        assertTrue((Boolean) page.evaluate("() => document.querySelector('dialog').open"), "the dialog stays open");
    }

    @Test
    void editingAnExistingSourcePostsSourceUpdatedAndKeepsItsSecret() {
        AirbyteEmulator emulator = emulator(AirbyteEmulator.builder().eventFamily(EventFamily.SOURCE));
        String operator = TestHttp.operatorToken(emulator);
        TestHttp.Result created = TestHttp.send(emulator, "POST", "/api/v1/integrations/connectors", TestHttp.json(Map.of(
                "workspace_name", "alice", "connector_type", "postgres",
                "replication_config", Map.of("host", "db.internal", "port", 5432, "database", "app",
                        "username", "reader", "password", "pg-secret"))), Map.of("Authorization", "Bearer " + operator));
        assertEquals(200, created.status());
        String sourceId = created.json().get("id").asText();
        LoopbackSite[] self = new LoopbackSite[1];
        self[0] = hostSite(emulator, "alice", () -> self[0].origin());
        Page page = context.newPage();
        page.navigate(self[0].uri("/").toString());
        page.click("#connect");
        FrameLocator widget = page.frameLocator("dialog iframe");
        waitForState(widget, "ready");

        widget.locator(".source-option[data-source-id='" + sourceId + "']").click();
        widget.locator("#field-database").fill("analytics");
        widget.locator("#submit-source").click();

        waitForEvent(page, "source_updated");
        assertEquals(sourceId, lastEvent(page).get("data").get("id").asText());
        EmulatorState.Source stored = emulatorSource(emulator, sourceId);
        assertEquals("analytics", stored.config().get("database").asText());
        assertEquals("pg-secret", stored.config().get("password").asText());
    }

    private static EmulatorState.Source emulatorSource(AirbyteEmulator emulator, String id) {
        return emulator.stateForTests().source(java.util.UUID.fromString(id)).orElseThrow();
    }

    @Test
    void partialUserConfigFamilyEmitsTheOlderEventNames() {
        AirbyteEmulator emulator = emulator(AirbyteEmulator.builder().eventFamily(EventFamily.PARTIAL_USER_CONFIG));
        LoopbackSite[] self = new LoopbackSite[1];
        self[0] = hostSite(emulator, "alice", () -> self[0].origin());
        Page page = context.newPage();
        page.navigate(self[0].uri("/").toString());
        page.click("#connect");
        FrameLocator widget = page.frameLocator("dialog iframe");
        waitForState(widget, "ready");
        widget.locator(".template-option[data-connector-name='hubspot']").click();
        widget.locator("#field-access_token").fill("pat-na1-emulated");
        widget.locator("#submit-source").click();

        waitForEvent(page, "partial_user_config_created");
        JsonNode event = lastEvent(page);
        assertNotNull(event.get("data").get("id"));
        assertNull(events(page).findValue("source_created"));
        assertFalse(events(page).toString().contains("\"source_created\""));
    }
}
