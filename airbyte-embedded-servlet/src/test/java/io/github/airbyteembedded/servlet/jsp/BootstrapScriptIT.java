package io.github.airbyteembedded.servlet.jsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.Cookie;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.WidgetScript;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.Fault;
import io.github.airbyteembedded.testkit.browser.BrowserExtension;
import io.github.airbyteembedded.testkit.browser.LoopbackSite;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bootstrap script's behaviour in headless Chromium, against the real token route (and the
 * emulator behind it), with a stand-in widget self-hosted by the app (its integrity computed at startup
 * from the web application's copy) under the filter's strict CSP.
 */
@ExtendWith(BrowserExtension.class)
class BootstrapScriptIT {

    private static final String WIDGET_TOKEN = "POST /api/v1/account/applications/widget-token";

    private AirbyteEmulator emulator;
    private JspApp app;
    private BrowserContext context;
    private Page page;
    private final List<String> console = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startEmulator(BrowserContext context) {
        emulator = AirbyteEmulator.builder().widgetTokenLifetime(Duration.ofMinutes(2)).build().start();
        this.context = context;
        context.setDefaultTimeout(15_000);
    }

    @AfterEach
    void stopEverything() {
        if (app != null) {
            app.close();
        }
        emulator.close();
    }

    private void open(UnaryOperator<AirbyteEmbeddedConfig.Builder> settings, boolean signedIn, boolean fakeClock) throws Exception {
        open(settings, signedIn, fakeClock, "/stub.jsp");
    }

    /** A page with a CSRF meta tag pair, two connect buttons and the stand-in widget. */
    private void open(UnaryOperator<AirbyteEmbeddedConfig.Builder> settings, boolean signedIn, boolean fakeClock, String path)
            throws Exception {
        int port = JspApp.freePort();
        String origin = "http://127.0.0.1:" + port;
        AirbyteEmbeddedConfig config = settings.apply(AirbyteEmbeddedConfig.builder()
                .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID).clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                .apiBaseUri(emulator.baseUri()).allowedOrigin(origin)
                .widgetScript(WidgetScript.builder().cdnBase("/vendor").computeIntegrity().build())
                .addContentSecurityPolicy(true)).build();
        app = JspApp.start(config, "/shop", Map.of("/forbidden", new ForbiddenServlet()), port);
        if (signedIn) {
            context.addCookies(List.of(new Cookie(JspApp.USER_COOKIE, "alice").setUrl(origin)));
        }
        page = context.newPage();
        page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));
        if (fakeClock) {
            page.clock().install();
        }
        page.navigate(app.uri(path).toString());
        page.waitForFunction("() => window.airbyteEvents && Array.isArray(window.stubWidgets)");
    }

    private Map<?, ?> waitForEvent(String name, String target) {
        page.waitForFunction("([n, t]) => window.airbyteEvents.some(e => e.name === n && e.target === t)", List.of(name, target));
        return (Map<?, ?>) page.evaluate("([n, t]) => window.airbyteEvents.filter(e => e.name === n && e.target === t).pop()",
                List.of(name, target));
    }

    /** The first airbyte:open or airbyte:error of an element: what its click came to. */
    private Map<?, ?> waitForOutcome(String target) {
        String outcome = "t => window.airbyteEvents.find(e => e.target === t && (e.name === 'airbyte:open' || e.name === 'airbyte:error'))";
        page.waitForFunction("t => !!(" + outcome + ")(t)", target);
        return (Map<?, ?>) page.evaluate("t => (" + outcome + ")(t)", target);
    }

    /** Every request the page makes from now on, as {@code "METHOD url"}. */
    private List<String> recordRequests() {
        List<String> requests = new CopyOnWriteArrayList<>();
        page.onRequest(request -> requests.add(request.method() + " " + request.url()));
        return requests;
    }

    /** Adds markup to the page as an HTML sanitizer would let it through (data-* attributes kept). */
    private void inject(String html) {
        page.evaluate("html => document.body.insertAdjacentHTML('beforeend', html)", html);
    }

    private int count(String name) {
        return ((Number) page.evaluate("n => window.airbyteEvents.filter(e => e.name === n).length", name)).intValue();
    }

    @Test
    void fetchesTheTokenAndConstructsTheWidgetOnlyWhenClickedWithTheCsrfHeaderAndCookies() throws Exception {
        open(b -> b, true, false);
        assertEquals(0, ((Number) page.evaluate("() => window.stubWidgets.length")).intValue(), "nothing is constructed at page load");
        assertEquals(0, emulator.callCount(WIDGET_TOKEN));

        page.click("#connect");

        waitForEvent("airbyte:open", "connect");
        assertEquals(1, ((Number) page.evaluate("() => window.stubWidgets.length")).intValue());
        assertEquals(1, ((Number) page.evaluate("() => window.stubWidgets[0].opened")).intValue());
        assertEquals("open", page.getAttribute("#connect", "data-airbyte-state"));
        assertEquals(List.of("/shop/api/airbyte/widget-token csrf=csrf-token-value cookie=true origin=" + app.origin()), app.posts());
        assertEquals(1, emulator.callCount(WIDGET_TOKEN));
        assertEquals(1, emulator.workspaces().size());
        assertEquals("alice", emulator.workspaces().get(0).name());
    }

    @Test
    void reDispatchesTheWidgetsEventsOfBothFamiliesOnTheButton() throws Exception {
        open(b -> b, true, false);
        page.click("#connect");
        waitForEvent("airbyte:open", "connect");

        page.evaluate("() => { const w = window.stubWidgets[0];"
                + " w.emit({type: 'end_user_action_result', message: 'source_created', data: {id: 'src-1'}});"
                + " w.emit({type: 'end_user_action_result', message: 'partial_user_config_updated', data: {id: 'src-2'}});"
                + " w.emit({type: 'end_user_action_result', message: 'source_create_error', error: {message: 'bad key'}}); }");

        Map<?, ?> created = waitForEvent("airbyte:source-created", "connect");
        assertEquals("src-1", created.get("sourceId"));
        assertEquals("source", created.get("family"));
        Map<?, ?> updated = waitForEvent("airbyte:source-updated", "connect");
        assertEquals("src-2", updated.get("sourceId"));
        assertEquals("partial_user_config", updated.get("family"));
        Map<?, ?> error = waitForEvent("airbyte:error", "connect");
        assertEquals("source_create_error", error.get("code"));
        assertEquals("bad key", error.get("message"));
        assertEquals("", page.textContent("#status"), "the widget shows its own errors; the page adds none");
    }

    @Test
    void aCreatedSourceIsConfirmedByTheServerOnlyWhenItIsInTheUsersWorkspace() throws Exception {
        java.util.List<String> confirmed = new java.util.concurrent.CopyOnWriteArrayList<>();
        open(b -> b.sourceConnectedListener((principal, workspace, source) -> confirmed.add(workspace + ":" + source.id())), true, false);
        page.click("#connect");
        waitForEvent("airbyte:open", "connect");
        String alices = EmulatorSources.create(emulator, "alice");
        String bobs = EmulatorSources.create(emulator, "bob");

        page.evaluate("id => window.stubWidgets[0].emit({type: 'end_user_action_result', message: 'source_created', data: {id: id}})", alices);
        Map<?, ?> ok = waitForEvent("airbyte:source-confirmed", "connect");
        assertEquals(alices, ok.get("sourceId"));
        assertEquals(List.of("alice:" + alices), confirmed);

        page.evaluate("id => window.stubWidgets[0].emit({type: 'end_user_action_result', message: 'source_created', data: {id: id}})", bobs);
        Map<?, ?> forged = waitForEvent("airbyte:source-unconfirmed", "connect");
        assertEquals("source_not_found", forged.get("code"));
        assertEquals(bobs, forged.get("sourceId"));
        assertEquals(List.of("alice:" + alices), confirmed, "a source of another workspace never reaches the listener");
        assertEquals("", page.textContent("#status"), "an unconfirmed source shows no message");
    }

    @Test
    void anUnauthenticatedClickGivesTheStableCodeAndTheDefaultMessage() throws Exception {
        open(b -> b, false, false);

        page.click("#connect");

        Map<?, ?> error = waitForEvent("airbyte:error", "connect");
        assertEquals("unauthenticated", error.get("code"));
        assertEquals(401, ((Number) error.get("status")).intValue());
        assertEquals("Sign in to connect your data.", page.textContent("#status"));
        assertEquals("error", page.getAttribute("#connect", "data-airbyte-state"));
        assertEquals(0, ((Number) page.evaluate("() => window.stubWidgets.length")).intValue());
    }

    @Test
    void rateLimitedClicksCarryRetryAfterAndAButtonCanReplaceTheMessage() throws Exception {
        open(b -> b.rateLimit(1, Duration.ofDays(1)), true, false);
        page.click("#connect");
        waitForEvent("airbyte:open", "connect");
        page.evaluate("() => window.stubWidgets[0].dialog.close()");
        waitForEvent("airbyte:close", "connect");

        page.click("#custom");

        Map<?, ?> error = waitForEvent("airbyte:error", "custom");
        assertEquals("rate_limited", error.get("code"));
        assertEquals(429, ((Number) error.get("status")).intValue());
        assertTrue(((Number) error.get("retryAfter")).intValue() > 0);
        assertEquals("Slow down, please.", page.textContent("#custom + [data-airbyte-message]"));
    }

    @Test
    void anUnavailableAirbyteGives503WithRetryAfterAndAnAppCanSuppressTheMessage() throws Exception {
        open(b -> b, true, false);
        emulator.faults().add(Fault.status(WIDGET_TOKEN, 503));
        page.evaluate("() => document.addEventListener('airbyte:error', e => { if (e.target.id === 'custom') e.preventDefault(); })");

        page.click("#connect");
        Map<?, ?> error = waitForEvent("airbyte:error", "connect");
        page.click("#custom");
        waitForEvent("airbyte:error", "custom");

        assertEquals("upstream_unavailable", error.get("code"));
        assertEquals(503, ((Number) error.get("status")).intValue());
        assertTrue(((Number) error.get("retryAfter")).intValue() > 0);
        assertEquals("Airbyte is unavailable; try again shortly.", page.textContent("#status"));
        assertEquals(0, page.locator("#custom + [data-airbyte-message]:not([hidden])").count(), "a cancelled event shows nothing");
    }

    @Test
    void aForbiddenAnswerThatIsNotJsonStillGivesAStableCode() throws Exception {
        open(b -> b, true, false);
        // What a security layer's CSRF rejection looks like: 403 with an HTML body.
        page.route(app.uri("/api/airbyte/widget-token").toString(), route -> route.fulfill(new Route.FulfillOptions()
                .setStatus(403).setContentType("text/html").setBody("<html><body>Forbidden</body></html>")));

        page.click("#custom");

        Map<?, ?> error = waitForEvent("airbyte:error", "custom");
        assertEquals("forbidden", error.get("code"));
        assertEquals(403, ((Number) error.get("status")).intValue());
        assertEquals("You are not allowed to connect data sources here.", page.textContent("#custom + [data-airbyte-message]"));
    }

    @Test
    void anInjectedButtonWithATokenPathOfAnotherOriginSendsNothingThereAndReportsAnError() throws Exception {
        AtomicInteger stolen = new AtomicInteger();
        // A site that would gladly take the page's CSRF header: it answers the CORS preflight and the POST.
        try (LoopbackSite other = LoopbackSite.builder()
                .dynamic("/steal", "application/json", () -> {
                    stolen.incrementAndGet();
                    return "{\"token\":\"attacker\",\"expiresAt\":\"2100-01-01T00:00:00Z\"}";
                })
                .header("/steal", "Access-Control-Allow-Origin", "*")
                .header("/steal", "Access-Control-Allow-Methods", "POST")
                .header("/steal", "Access-Control-Allow-Headers", "*")
                .build().start()) {
            // An application that keeps its own policy, without connect-src: the script is the only guard.
            open(b -> b.addContentSecurityPolicy(false), true, false);
            List<String> requests = recordRequests();

            inject("<button id=\"injected\" data-airbyte-connect data-airbyte-token-path=\"" + other.uri("/steal") + "\">Win</button>");
            page.click("#injected");

            Map<?, ?> outcome = waitForOutcome("injected");
            assertEquals("airbyte:error", outcome.get("name"));
            assertEquals("path_not_allowed", outcome.get("code"));
            assertEquals(0, stolen.get(), "no request reached the other origin");
            assertEquals(List.of(), requests, "the click sent no request at all");
            assertEquals(List.of(), app.posts());
            assertEquals(0, ((Number) page.evaluate("() => window.stubWidgets.length")).intValue(), "no widget was constructed");
            assertTrue(console.stream().anyMatch(line -> line.startsWith("warning: Airbyte Embedded: a connect element carries "
                    + "data-airbyte-token-path")), console.toString());
        }
    }

    @Test
    void anInjectedButtonWithAnotherPathOfThePageSendsNoRequestWithTheCsrfHeader() throws Exception {
        open(b -> b, true, false);
        List<String> requests = recordRequests();

        inject("<button id=\"injected\" data-airbyte-connect data-airbyte-token-path=\"/shop/forbidden\">Win</button>");
        page.click("#injected");

        Map<?, ?> outcome = waitForOutcome("injected");
        assertEquals("airbyte:error", outcome.get("name"));
        assertEquals("path_not_allowed", outcome.get("code"));
        assertEquals(List.of(), requests);
        assertEquals(List.of(), app.posts(), "the CSRF header went nowhere");
        assertEquals("This button cannot connect data sources.", page.textContent("#injected + [data-airbyte-message]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//127.0.0.1:9/token", "http://127.0.0.1:9/token", "/\\127.0.0.1:9/token", "api/airbyte/widget-token"})
    void aScriptTagWhoseTokenPathIsNotASameOriginPathSendsNothing(String tokenPath) throws Exception {
        open(b -> b.addContentSecurityPolicy(false), true, false,
                "/handwritten.jsp?tokenPath=" + URLEncoder.encode(tokenPath, StandardCharsets.UTF_8));
        List<String> requests = recordRequests();

        page.click("#connect");

        Map<?, ?> outcome = waitForOutcome("connect");
        assertEquals("airbyte:error", outcome.get("name"));
        assertEquals("path_not_allowed", outcome.get("code"));
        assertEquals(List.of(), requests);
        assertTrue(console.stream().anyMatch(line -> line.contains("data-airbyte-token-path on the bootstrap's <script> must be "
                + "a path of the page's own origin")), console.toString());
    }

    @Test
    void aHandWrittenScriptTagWithTheRoutesPathWorks() throws Exception {
        open(b -> b, true, false, "/handwritten.jsp?tokenPath=/shop/api/airbyte/widget-token");

        page.click("#connect");

        assertEquals("airbyte:open", waitForOutcome("connect").get("name"));
    }

    @Test
    void markupThatClobbersDocumentCurrentScriptCannotChooseTheTokenPath() throws Exception {
        open(b -> b, true, false, "/clobbered.jsp");

        page.click("#connect");

        Map<?, ?> outcome = waitForOutcome("connect");
        assertEquals("airbyte:open", outcome.get("name"));
        assertEquals(List.of("/shop/api/airbyte/widget-token csrf=csrf-token-value cookie=true origin=" + app.origin()), app.posts());
    }

    @Test
    void refreshesTheTokenOfAnOpenWidgetBeforeItExpiresAndStopsOnceItIsClosed() throws Exception {
        open(b -> b, true, true);
        page.click("#connect");
        waitForEvent("airbyte:open", "connect");

        page.clock().runFor(61_000);

        waitForEvent("airbyte:token-refreshed", "connect");
        assertEquals(2, ((Number) page.evaluate("() => window.stubWidgets[0].tokens.length")).intValue());
        assertFalse(page.evaluate("() => window.stubWidgets[0].tokens[0] === window.stubWidgets[0].tokens[1]").equals(Boolean.TRUE));
        assertEquals(2, emulator.callCount(WIDGET_TOKEN));

        page.evaluate("() => window.stubWidgets[0].dialog.close()");
        waitForEvent("airbyte:close", "connect");
        page.clock().runFor(300_000);
        assertEquals(1, count("airbyte:token-refreshed"));
        assertEquals(2, emulator.callCount(WIDGET_TOKEN), "a closed widget gets no more tokens");
    }

    /** Another endpoint of the application, where a forged token path would send the CSRF header: 403, HTML. */
    private static final class ForbiddenServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(403);
            response.setContentType("text/html");
            response.getWriter().write("<html><body>Forbidden</body></html>");
        }
    }
}
