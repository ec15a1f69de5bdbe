package io.github.airbyteembedded.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ScreenshotAnimations;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.EmulatorSource;
import io.github.airbyteembedded.testkit.Fault;
import io.github.airbyteembedded.testkit.browser.BrowserExtension;
import io.github.airbyteembedded.testkit.browser.BrowserSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample in headless Chromium, as people use it: sign in with the form, connect a source in the
 * emulator's widget and see it in the list without a reload; another user does not see it; a failing
 * connection check shows an error in the widget and on the page; disconnecting removes the user's own
 * source; a token route error (Airbyte unavailable) is shown on the page; a connect button injected into
 * the page cannot choose where the token request goes. The app serves a page on {@code
 * http://localhost:<port>}, the origin it is configured to allow, with its emulator on another loopback
 * port. Each step leaves a screenshot in {@code
 * target/screenshots/}; the tests run in order only so that the screenshots are numbered in the
 * order of the story, and each one starts from an empty emulator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "airbyte.embedded.emulator-port=0")
@ExtendWith({OutputCaptureExtension.class, BrowserExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleBrowserIT {

    private static final int PORT = freePort();
    private static final String BASE = "http://localhost:" + PORT;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String WIDGET_FRAME = "dialog.airbyte-widget-dialog-wrapper iframe";

    @Autowired
    AirbyteEmulator emulator;

    private final List<BrowserContext> contexts = new ArrayList<>();
    private BrowserSession browser;
    private final List<String> console = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void origin(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("airbyte.embedded.allowed-origins", () -> BASE);
    }

    @BeforeEach
    void startClean(BrowserSession browser) {
        this.browser = browser;
        emulator.reset();
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        assertFalse(console.stream().anyMatch(line -> line.contains("Content Security Policy")), String.join("\n", console));
    }

    @Test
    @Order(1)
    void aliceConnectsASourceAndSeesItWithoutAReloadAndBobDoesNotSeeIt(CapturedOutput output) {
        Page alice = signIn("alice", "01-sign-in");
        assertTrue(alice.locator(".empty").isVisible(), "alice starts with no sources");
        screenshot(alice, "02-home-no-sources");
        alice.evaluate("() => { window.sameDocument = true; }");

        alice.click("#connect");
        FrameLocator widget = widget(alice);
        widget.locator(".template-option[data-connector-name='github']").waitFor();
        screenshot(alice, "03-widget-connectors");
        widget.locator(".template-option[data-connector-name='github']").click();
        widget.locator("#field-personal_access_token").fill("ghp_sample_token");
        widget.locator("#field-repositories").fill("acme/analytics");
        screenshot(alice, "04-widget-github-form");
        widget.locator("#submit-source").click();

        Locator row = alice.locator("#sources li[data-source-id]");
        row.waitFor();
        alice.locator("[data-alert=success]").waitFor();
        EmulatorSource created = emulator.workspace("alice").orElseThrow().sources().get(0);
        assertEquals(created.id().toString(), row.getAttribute("data-source-id"));
        assertEquals(Boolean.TRUE, alice.evaluate("() => window.sameDocument === true"), "the list was refreshed without a reload");
        assertTrue(row.textContent().contains("GitHub") && row.textContent().contains("Connected just now"), row.textContent());
        assertEquals("GitHub is connected.", alice.locator("[data-alert=success] strong").textContent());
        assertEquals("1", alice.locator("#sources .badge").textContent());
        assertTrue(output.getOut().contains("alice connected GitHub (source " + created.id() + ")"), "the server-side signal is logged");
        screenshot(alice, "05-source-connected");

        Page bob = signIn("bob", null);
        assertTrue(bob.locator(".empty").isVisible(), "bob has no sources");
        assertEquals(0, bob.locator("#sources li[data-source-id]").count());
        assertFalse(bob.content().contains(created.id().toString()));
        assertEquals("bob", bob.textContent("#user-name"));
        assertTrue(emulator.workspace("bob").map(w -> w.sources().isEmpty()).orElse(true));
        screenshot(bob, "06-bob-sees-only-his-own");
    }

    @Test
    @Order(2)
    void aFailingConnectionCheckShowsAnErrorInTheWidgetAndOnThePage() {
        Page alice = signIn("alice", null);

        alice.click("#connect");
        FrameLocator widget = widget(alice);
        widget.locator(".template-option[data-connector-name='github']").click();
        widget.locator("#field-personal_access_token").fill(AirbyteEmulator.INVALID_CREDENTIAL_VALUE);
        widget.locator("#field-repositories").fill("acme/analytics");
        widget.locator("#submit-source").click();

        widget.locator("body[data-state='check-failed']").waitFor();
        assertTrue(widget.locator("#form-error").isVisible());
        Locator alert = alice.locator("[data-alert=error]");
        alert.waitFor();
        assertEquals("The connection check failed.", alert.locator("strong").textContent());
        assertTrue(alert.textContent().contains("Check the credentials and try again."), alert.textContent());
        screenshot(alice, "07-check-failed-in-widget");

        widget.locator("#close-button").click();
        alice.locator("dialog.airbyte-widget-dialog-wrapper").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
        assertTrue(alert.isVisible(), "the page keeps the error once the widget is closed");
        assertTrue(alice.locator(".empty").isVisible(), "no source was created");
        assertTrue(emulator.workspace("alice").orElseThrow().sources().isEmpty());
        screenshot(alice, "08-check-failed-on-page");
    }

    @Test
    @Order(3)
    void aliceDisconnectsOneOfHerSources() {
        String github = SampleHttp.createGitHubSource(emulator, "alice");
        String stripe = SampleHttp.createStripeSource(emulator, "alice");
        String bobs = SampleHttp.createGitHubSource(emulator, "bob");
        Page alice = signIn("alice", null);
        Locator rows = alice.locator("#sources li[data-source-id]");
        assertEquals(List.of(stripe, github), List.of(rows.nth(0).getAttribute("data-source-id"), rows.nth(1).getAttribute("data-source-id")),
                "alice sees her two sources, newest first, and not bob's");
        Locator disconnect = alice.locator("li[data-source-id='" + github + "'] [data-disconnect]");

        disconnect.click();
        assertEquals("Confirm disconnect", disconnect.textContent());
        screenshot(alice, "09-confirm-disconnect");
        disconnect.click();

        alice.locator("[data-alert=success]").waitFor();
        assertEquals("GitHub is disconnected.", alice.locator("[data-alert=success] strong").textContent());
        alice.waitForCondition(() -> rows.count() == 1);
        assertEquals(stripe, rows.first().getAttribute("data-source-id"));
        assertEquals(List.of(stripe), emulator.workspace("alice").orElseThrow().sources().stream().map(s -> s.id().toString()).toList());
        assertEquals(bobs, emulator.workspace("bob").orElseThrow().sources().get(0).id().toString(), "bob's source is untouched");
        screenshot(alice, "10-source-disconnected");
    }

    @Test
    @Order(4)
    void whenAirbyteIsUnavailableTheButtonsErrorIsShownOnThePage() {
        Page alice = signIn("alice", null);
        emulator.faults().add(Fault.status("POST /api/v1/account/applications/widget-token", 503).retryAfterSeconds(7).times(1));

        alice.click("#connect");

        Locator alert = alice.locator("[data-alert=error]");
        alert.waitFor();
        assertEquals("Could not start connecting your data.", alert.locator("strong").textContent());
        assertTrue(alert.textContent().contains("Airbyte is unavailable; try again shortly."), "the route's message: " + alert.textContent());
        assertEquals("error", alice.getAttribute("#connect", "data-airbyte-state"));
        assertEquals(0, alice.locator("dialog.airbyte-widget-dialog-wrapper").count(), "no widget without a token");
        screenshot(alice, "11-airbyte-unavailable");
    }

    @Test
    @Order(5)
    void theBootstrapScriptRefusesATokenPathFromAnInjectedButton() {
        Page alice = signIn("alice", null);
        List<String> requests = new CopyOnWriteArrayList<>();
        alice.onRequest(request -> requests.add(request.method() + " " + request.url()));
        alice.evaluate("() => { window.refused = []; document.addEventListener('airbyte:error',"
                + " e => window.refused.push(e.target.id + ' ' + e.detail.code)); }");
        // Markup that an HTML sanitizer lets through (it keeps data-* attributes): one button aims at
        // another origin, one at an endpoint of the app that acts on the CSRF header (sign out).
        alice.evaluate("html => document.querySelector('main').insertAdjacentHTML('beforeend', html)",
                "<button id='elsewhere' data-airbyte-connect data-airbyte-token-path='" + emulator.baseUri() + "/steal'>Win</button>"
                + "<button id='logout' data-airbyte-connect data-airbyte-token-path='/logout'>Win</button>");

        alice.click("#elsewhere");
        alice.click("#logout");

        alice.waitForCondition(() -> ((Number) alice.evaluate("() => window.refused.length")).intValue() == 2);
        assertEquals(List.of("elsewhere path_not_allowed", "logout path_not_allowed"), alice.evaluate("() => window.refused"));
        assertEquals(List.of(), requests, "no request left the page");
        assertEquals(0, alice.locator("dialog.airbyte-widget-dialog-wrapper").count(), "no widget was opened");
        screenshot(alice, "12-injected-button-refused");
        alice.navigate(BASE + "/");
        assertEquals(BASE + "/", alice.url(), "alice is still signed in");
    }

    /** Opens the home page in a new browser context and signs in through the form it redirects to. */
    private Page signIn(String user, String screenshot) {
        BrowserContext context = browser.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        context.setDefaultTimeout(20_000);
        contexts.add(context);
        Page page = context.newPage();
        page.onConsoleMessage(message -> console.add(user + " " + message.type() + ": " + message.text()));
        page.navigate(BASE + "/");
        assertTrue(page.url().startsWith(BASE + "/login"), page.url());
        page.fill("#username", user);
        page.fill("#password", "password");
        if (screenshot != null) {
            screenshot(page, screenshot);
        }
        page.click("button[type=submit]");
        page.waitForURL(url -> url.startsWith(BASE + "/") && !url.startsWith(BASE + "/login"));
        page.locator("#sources").waitFor();
        return page;
    }

    /** The emulator's widget, once its page has verified the token and lists the connectors. */
    private static FrameLocator widget(Page page) {
        FrameLocator widget = page.frameLocator(WIDGET_FRAME);
        widget.locator("body[data-state='ready']").waitFor();
        return widget;
    }

    private static void screenshot(Page page, String name) {
        // Transitions are finished first, so that a screenshot shows the state the step ended in.
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png"))
                .setAnimations(ScreenshotAnimations.DISABLED));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
