package io.github.airbyteembedded.examples.legacywar.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import io.github.airbyteembedded.testkit.browser.BrowserExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Jakarta WARs on a standalone Tomcat 11, beside the standalone emulator: the filter in web.xml,
 * zero-web.xml (the plugin, configured from AIRBYTE_* environment variables), and development on the
 * in-process emulator (emulator=true), whose journey must show no CSP violation.
 */
@ExtendWith(BrowserExtension.class)
class Tomcat11IT {

    private static StandaloneEmulator emulator;
    private static Tomcat tomcat;

    @RegisterExtension
    static final PrintLogsOnFailure LOGS = new PrintLogsOnFailure(() -> Arrays.asList(
            tomcat == null ? null : tomcat.process(), emulator == null ? null : emulator.process()));

    @BeforeAll
    static void start() throws Exception {
        emulator = StandaloneEmulator.start("tomcat11-emulator");
        int port = Deployables.freePort();
        String origin = "http://127.0.0.1:" + port;
        Path home = Deployables.home("tomcat11.home");
        Path base = Tomcat.newBase("tomcat11", home, port);
        Deployables.copyWithWebXml("legacy-war.war", Tomcat.webapps(base), Journeys.webXmlValues(emulator, origin));
        Deployables.copy("legacy-war-zero-web-xml.war", Tomcat.webapps(base));
        Files.copy(Deployables.copyWithWebXml("legacy-war-zero-web-xml.war", Files.createTempDirectory(base, "misconfigured"),
                Journeys.misspelledSetting()), Tomcat.webapps(base).resolve("legacy-war-misconfigured.war"));
        Files.copy(Deployables.copyWithWebXml("legacy-war-zero-web-xml.war", Files.createTempDirectory(base, "excluded"),
                Map.of("<display-name>", "<absolute-ordering/>\n  <display-name>")), Tomcat.webapps(base).resolve("legacy-war-excluded.war"));
        Deployables.copyWithWebXml("legacy-war-development.war", Tomcat.webapps(base), Journeys.webXmlValues(null, origin));
        tomcat = Tomcat.start("tomcat11", home, base, port, Journeys.pluginEnvironment(emulator, origin));
        for (String app : new String[] {"/legacy-war", "/legacy-war-zero-web-xml", "/legacy-war-development"}) {
            Journeys.assertDeployed(tomcat, app);
        }
    }

    @AfterAll
    static void stop() {
        Deployables.closeAll(tomcat, emulator);
    }

    @BeforeEach
    void resetEmulator() throws Exception {
        emulator.reset();
    }

    @Test
    void theFilterInWebXmlServesTheJourneyAndRefusesWhatItMust(BrowserContext context) throws Exception {
        Journeys.browserJourney(context, tomcat.origin() + "/legacy-war");
        Journeys.refusals(tomcat.origin() + "/legacy-war", tomcat.origin());
    }

    @Test
    void aZeroWebXmlWarWithAMisspelledSettingIsNotDeployedAndTheLogSaysWhy() throws Exception {
        Journeys.assertNotDeployedBecauseOfTheMisspelledSetting(tomcat, "/legacy-war-misconfigured");
    }

    @Test
    void anAbsoluteOrderingWithoutThePluginsFragmentTurnsThePluginOff() throws Exception {
        Journeys.assertDeployed(tomcat, "/legacy-war-excluded");
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(tomcat.origin() + "/legacy-war-excluded/api/airbyte/widget-token")).header("Origin", tomcat.origin())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, token.statusCode(), "no filter, no route: " + token.body());
    }

    @Test
    void zeroWebXmlServesTheJourneyAndRefusesWhatItMust(BrowserContext context) throws Exception {
        Journeys.browserJourney(context, tomcat.origin() + "/legacy-war-zero-web-xml");
        Journeys.refusals(tomcat.origin() + "/legacy-war-zero-web-xml", tomcat.origin());
    }

    @Test
    void developmentOnTheInProcessEmulatorServesTheJourneyWithoutACspViolation(BrowserContext context) throws Exception {
        Journeys.browserJourney(context, tomcat.origin() + "/legacy-war-development");
        Journeys.refusals(tomcat.origin() + "/legacy-war-development", tomcat.origin());
    }
}
