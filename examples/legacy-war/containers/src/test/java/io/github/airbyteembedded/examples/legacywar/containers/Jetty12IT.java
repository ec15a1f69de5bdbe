package io.github.airbyteembedded.examples.legacywar.containers;

import com.microsoft.playwright.BrowserContext;
import io.github.airbyteembedded.testkit.browser.BrowserExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Jakarta WARs on a standalone Jetty 12.1 (ee10), beside the standalone emulator: the filter in
 * web.xml, and zero-web.xml (the plugin, configured from AIRBYTE_* environment variables).
 */
@ExtendWith(BrowserExtension.class)
class Jetty12IT {

    private static StandaloneEmulator emulator;
    private static Jetty jetty;

    @RegisterExtension
    static final PrintLogsOnFailure LOGS = new PrintLogsOnFailure(() -> Arrays.asList(
            jetty == null ? null : jetty.process(), emulator == null ? null : emulator.process()));

    @BeforeAll
    static void start() throws Exception {
        emulator = StandaloneEmulator.start("jetty12-emulator");
        int port = Deployables.freePort();
        String origin = "http://127.0.0.1:" + port;
        Path base = Jetty.newBase("jetty12");
        Deployables.copyWithWebXml("legacy-war.war", Jetty.webapps(base), Journeys.webXmlValues(emulator, origin));
        Deployables.copy("legacy-war-zero-web-xml.war", Jetty.webapps(base));
        Files.copy(Deployables.copyWithWebXml("legacy-war-zero-web-xml.war", Files.createTempDirectory(base, "misconfigured"),
                Journeys.misspelledSetting()), Jetty.webapps(base).resolve("legacy-war-misconfigured.war"));
        jetty = Jetty.start("jetty12", Deployables.home("jetty.home"), base, port, Journeys.pluginEnvironment(emulator, origin));
        for (String app : new String[] {"/legacy-war", "/legacy-war-zero-web-xml"}) {
            Journeys.assertDeployed(jetty, app);
        }
    }

    @AfterAll
    static void stop() {
        Deployables.closeAll(jetty, emulator);
    }

    @BeforeEach
    void resetEmulator() throws Exception {
        emulator.reset();
    }

    @Test
    void theFilterInWebXmlServesTheJourneyAndRefusesWhatItMust(BrowserContext context) throws Exception {
        Journeys.browserJourney(context, jetty.origin() + "/legacy-war");
        Journeys.refusals(jetty.origin() + "/legacy-war", jetty.origin());
    }

    @Test
    void aZeroWebXmlWarWithAMisspelledSettingIsNotDeployedAndTheLogSaysWhy() throws Exception {
        Journeys.assertNotDeployedBecauseOfTheMisspelledSetting(jetty, "/legacy-war-misconfigured");
    }

    @Test
    void zeroWebXmlServesTheJourneyAndRefusesWhatItMust(BrowserContext context) throws Exception {
        Journeys.browserJourney(context, jetty.origin() + "/legacy-war-zero-web-xml");
        Journeys.refusals(jetty.origin() + "/legacy-war-zero-web-xml", jetty.origin());
    }
}
