package io.github.airbyteembedded.examples.legacywar.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Jakarta WARs on a standalone Tomcat 11, beside the standalone emulator: the filter in web.xml,
 * zero-web.xml (the plugin, configured from AIRBYTE_* environment variables), and development on the
 * in-process emulator (emulator=true), whose journey must show no CSP violation.
 */
class Tomcat11IT extends StandaloneContainerJourneys {

    Tomcat11IT() {
        super("tomcat11", "/legacy-war");
    }

    @Override
    StandaloneContainer deployAndStart(StandaloneEmulator emulator, int port, String origin) throws Exception {
        Path home = Deployables.home("tomcat11.home");
        Path base = Tomcat.newBase("tomcat11", home, port);
        Deployables.copyWithWebXml("legacy-war.war", Tomcat.webapps(base), Journeys.webXmlValues(emulator, origin));
        Deployables.copy("legacy-war-zero-web-xml.war", Tomcat.webapps(base));
        Files.copy(Deployables.copyWithWebXml("legacy-war-zero-web-xml.war", Files.createTempDirectory(base, "misconfigured"),
                Journeys.misspelledSetting()), Tomcat.webapps(base).resolve("legacy-war-misconfigured.war"));
        Files.copy(Deployables.copyWithWebXml("legacy-war-zero-web-xml.war", Files.createTempDirectory(base, "excluded"),
                Map.of("<display-name>", "<absolute-ordering/>\n  <display-name>")), Tomcat.webapps(base).resolve("legacy-war-excluded.war"));
        Deployables.copyWithWebXml("legacy-war-development.war", Tomcat.webapps(base), Journeys.webXmlValues(null, origin));
        return Tomcat.start("tomcat11", home, base, port, Journeys.pluginEnvironment(emulator, origin));
    }

    @Override
    List<String> moreDeployedApps() {
        return List.of("/legacy-war-development");
    }

    @Test
    void aZeroWebXmlWarWithAMisspelledSettingIsNotDeployedAndTheLogSaysWhy() throws Exception {
        Journeys.assertNotDeployedBecauseOfTheMisspelledSetting(container(), "/legacy-war-misconfigured");
    }

    @Test
    void anAbsoluteOrderingWithoutThePluginsFragmentTurnsThePluginOff() throws Exception {
        Journeys.assertDeployed(container(), "/legacy-war-excluded");
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(container().origin() + "/legacy-war-excluded/api/airbyte/widget-token")).header("Origin", container().origin())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, token.statusCode(), "no filter, no route: " + token.body());
    }

    @Test
    void developmentOnTheInProcessEmulatorServesTheJourneyWithoutACspViolation(BrowserContext context) throws Exception {
        Journeys.browserJourney(context, container().origin() + "/legacy-war-development");
        Journeys.refusals(container().origin() + "/legacy-war-development", container().origin());
    }
}
