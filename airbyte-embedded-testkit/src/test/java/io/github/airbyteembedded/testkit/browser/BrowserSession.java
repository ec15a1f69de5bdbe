package io.github.airbyteembedded.testkit.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A headless Chromium driven by Playwright for Java, offline: Playwright is told not to download
 * browsers and launches the system's Chromium ({@link Chromium}) with the flags this machine needs
 * (no sandbox as root, no GPU, no background networking, component updates, QUIC, first-run or sync).
 * Playwright gives every launch a fresh, temporary user-data-dir.
 *
 * <p>When Chromium is missing, {@link #launch()} fails the test on CI ({@code CI=true}) and otherwise
 * aborts it with a visible reason (a JUnit assumption), so a developer without Chromium still gets a
 * green build that says what it skipped.
 *
 * <pre>{@code
 * static BrowserSession browser;
 * @BeforeAll static void launch() { browser = BrowserSession.launch(); }
 * @AfterAll static void close() { browser.close(); }
 * @Test void page() {
 *     try (BrowserContext context = browser.newContext()) {
 *         Page page = context.newPage();
 *         page.navigate("http://127.0.0.1:" + port + "/");
 *     }
 * }
 * }</pre>
 *
 * <p>Other modules use it through the testkit's test-jar:
 * {@code <artifactId>airbyte-embedded-testkit</artifactId><type>test-jar</type><scope>test</scope>},
 * plus {@code com.microsoft.playwright:playwright} in test scope.
 *
 * @since 0.1.0
 */
public final class BrowserSession implements AutoCloseable {

    /** The Chromium flags every session uses. */
    public static final List<String> CHROMIUM_ARGS = List.of(
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-quic", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage");

    private final Playwright playwright;
    private final Browser browser;

    private BrowserSession(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /**
     * Launches headless Chromium, or fails (CI) or aborts (elsewhere) the calling test when there is none.
     *
     * @return the session; close it when done
     */
    public static BrowserSession launch() {
        Optional<Path> executable = Chromium.locate();
        if (executable.isEmpty()) {
            String reason = "Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_PATH)";
            if (Chromium.required()) {
                throw new IllegalStateException(reason + "; browser tests must run on CI");
            }
            Assumptions.abort(reason + "; skipping the browser test");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable.get())
                    .setHeadless(true)
                    .setArgs(CHROMIUM_ARGS));
            return new BrowserSession(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /**
     * A new isolated browser context (its own cookies and storage).
     *
     * @return the context; close it when done
     */
    public BrowserContext newContext() {
        return browser.newContext();
    }

    /**
     * The browser, for anything else Playwright offers.
     *
     * @return the Playwright browser
     */
    public Browser browser() {
        return browser;
    }

    /** Closes the browser and Playwright's driver. */
    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
