package io.github.airbyteembedded.examples.legacywar.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.browser.EmulatorWidgetFrame;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every deployed WAR goes through: a user's journey in Chromium (sign in through the container's
 * login form, connect a source in the emulator's widget, see it listed, disconnect it) with no CSP
 * violation and no error in the console, and the token route's refusals as curl would see them.
 */
final class Journeys {

    static final String USER = "alice";
    static final String PASSWORD = "password";
    private static final String TOKEN_PATH = "/api/airbyte/widget-token";

    private Journeys() {
    }

    /** The environment of a container whose zero-web.xml WARs use the standalone emulator. */
    static Map<String, String> pluginEnvironment(StandaloneEmulator emulator, String origin) {
        return Map.of(
                "AIRBYTE_CLIENT_ID", AirbyteEmulator.DEFAULT_CLIENT_ID,
                "AIRBYTE_CLIENT_SECRET", AirbyteEmulator.DEFAULT_CLIENT_SECRET,
                "AIRBYTE_ALLOWED_ORIGINS", origin,
                "AIRBYTE_API_BASE_URL", emulator.baseUri().toString(),
                "AIRBYTE_WIDGET_CDN_BASE", emulator.baseUri() + "/npm",
                "AIRBYTE_WIDGET_INTEGRITY", "compute",
                "AIRBYTE_ADD_CONTENT_SECURITY_POLICY", "true");
    }

    /** The web.xml values to replace in a WAR with the filter block: the emulator's port, the container's origin. */
    static Map<String, String> webXmlValues(StandaloneEmulator emulator, String origin) {
        return emulator == null ? Map.of("http://localhost:8080", origin)
                : Map.of("http://127.0.0.1:8181", emulator.baseUri().toString(), "http://localhost:8080", origin);
    }

    /**
     * The web.xml value to replace in a zero-web.xml WAR to misconfigure it: a context-param with a typo
     * in a setting's name, which the plugin refuses.
     */
    static Map<String, String> misspelledSetting() {
        return Map.of("<display-name>", "<context-param><param-name>airbyte.alowed-origins</param-name>"
                + "<param-value>https://app.example.com</param-value></context-param>\n  <display-name>");
    }

    /** Fails unless the application is not served and the container's output says why, naming the setting. */
    static void assertNotDeployedBecauseOfTheMisspelledSetting(StandaloneContainer container, String contextPath)
            throws IOException, InterruptedException {
        HttpResponse<String> login = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(container.origin() + contextPath + "/login.jsp")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(login.statusCode() == 404 || login.statusCode() == 503, contextPath + " answered " + login.statusCode());
        assertTrue(container.process().printed(line -> line.contains("airbyte-embedded-servlet-plugin: Airbyte Embedded is "
                + "misconfigured, so the application is not deployed: alowed-origins")), container.process().output());
    }

    /** Fails, with the container's output, unless the application answers its login page. */
    static void assertDeployed(StandaloneContainer container, String contextPath) throws IOException, InterruptedException {
        HttpResponse<String> login = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(container.origin() + contextPath + "/login.jsp")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), () -> contextPath + " is not deployed:\n" + container.process().output());
    }

    /** The browser journey; returns the console lines it collected. */
    static List<String> browserJourney(BrowserContext context, String app) throws IOException, InterruptedException {
        List<String> console = new CopyOnWriteArrayList<>();
        context.setDefaultTimeout(30_000);
        Page page = context.newPage();
        page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));
        page.onPageError(error -> console.add("pageerror: " + error));

        page.navigate(app + "/sources");
        page.fill("input[name=j_username]", USER);
        page.fill("input[name=j_password]", PASSWORD);
        page.click("#sign-in");
        page.waitForSelector("#no-sources");
        assertEquals(USER, page.textContent("#user"));
        URI emulator = emulatorOf(page);

        page.click("#connect");
        EmulatorWidgetFrame.in(page).awaitReady()
                .pick("github")
                .fill("personal_access_token", "ghp_legacy_war")
                .fill("repositories", "octo/hello")
                .submit();

        page.waitForSelector("#sources li"); // the page reloads once the server has confirmed the source
        String id = page.getAttribute("#sources li", "data-source-id");
        assertEquals(List.of(id), StandaloneEmulator.sourceIds(emulator, USER), "listed through the Java API");

        page.click("#sources li button.disconnect");
        page.waitForSelector("#no-sources");
        assertEquals(List.of(), StandaloneEmulator.sourceIds(emulator, USER), "disconnected through the Java API");
        assertTrue(console.stream().noneMatch(line -> line.contains("Content Security Policy")
                || line.contains("Content-Security-Policy") || line.startsWith("error") || line.startsWith("pageerror")),
                () -> "the console reported:\n" + String.join("\n", console));
        assertEquals("[]", StandaloneEmulator.contractViolations(emulator), "every call kept the Airbyte API contract");
        return console;
    }

    /** The emulator the page's widget script comes from (the standalone one, or the WAR's own with emulator=true). */
    private static URI emulatorOf(Page page) {
        String src = page.getAttribute("script[data-airbyte-widget-script]", "src");
        return URI.create(src.substring(0, src.indexOf("/npm/")));
    }

    /** The token route's refusals: no user (401), a signed-in user from a wrong origin (403); the right origin gets a token. */
    static void refusals(String app, String origin) throws IOException, InterruptedException {
        HttpResponse<String> anonymous = token(HttpClient.newHttpClient(), app, origin);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.body().contains("\"unauthenticated\""), anonymous.body());

        HttpClient signedIn = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        signedIn.send(HttpRequest.newBuilder(URI.create(app + "/sources")).build(), HttpResponse.BodyHandlers.discarding());
        String form = "j_username=" + URLEncoder.encode(USER, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> login = signedIn.send(HttpRequest.newBuilder(URI.create(app + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(login.statusCode() == 302 || login.statusCode() == 303, "signed in: " + login.statusCode());

        HttpResponse<String> wrongOrigin = token(signedIn, app, "https://evil.example.com");
        assertEquals(403, wrongOrigin.statusCode(), wrongOrigin.body());
        assertTrue(wrongOrigin.body().contains("\"origin_not_allowed\""), wrongOrigin.body());

        HttpResponse<String> allowed = token(signedIn, app, origin);
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertTrue(allowed.body().contains("\"token\""), "a token for the signed-in user");
    }

    private static HttpResponse<String> token(HttpClient client, String app, String origin) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(app + TOKEN_PATH)).header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
