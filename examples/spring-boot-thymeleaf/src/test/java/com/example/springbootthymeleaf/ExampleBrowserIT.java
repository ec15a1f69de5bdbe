package com.example.springbootthymeleaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.browser.BrowserExtension;
import io.github.airbyteembedded.testkit.browser.EmulatorWidgetFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example in headless Chromium, on the emulator (the Spring profile dev): alice signs in with the
 * login form and clicks "Connect your data", and the emulator's widget opens for her workspace, with no
 * Content-Security-Policy violation on the page. The app serves {@code http://localhost:<port>}, the
 * origin it is configured to allow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "airbyte.embedded.emulator-port=0")
@ActiveProfiles("dev")
@ExtendWith(BrowserExtension.class)
class ExampleBrowserIT {

    private static final int PORT = freePort();
    private static final String BASE = "http://localhost:" + PORT;

    @Autowired
    AirbyteEmulator emulator;

    @DynamicPropertySource
    static void origin(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("airbyte.embedded.allowed-origins", () -> BASE);
    }

    @Test
    void aliceSignsInClicksTheButtonAndTheWidgetOpens(BrowserContext context) {
        context.setDefaultTimeout(20_000);
        Page page = context.newPage();
        List<String> console = new CopyOnWriteArrayList<>();
        page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));

        page.navigate(BASE + "/");
        assertTrue(page.url().startsWith(BASE + "/login"), page.url());
        page.fill("#username", "alice");
        page.fill("#password", "password");
        page.click("button[type=submit]");
        page.waitForURL(url -> url.startsWith(BASE + "/") && !url.startsWith(BASE + "/login"));
        assertEquals("alice", page.textContent("#user-name"));

        page.click("#connect");
        EmulatorWidgetFrame.in(page).awaitReady();

        assertEquals("alice", emulator.workspaces().get(0).name());
        assertTrue(console.stream().noneMatch(line -> line.contains("Content Security Policy")), String.join("\n", console));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
