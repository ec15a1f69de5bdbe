package io.github.airbyteembedded.examples.legacywar.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Jakarta WARs on a standalone Jetty 12.1 (ee10), beside the standalone emulator: the filter in
 * web.xml, and zero-web.xml (the plugin, configured from AIRBYTE_* environment variables).
 */
class Jetty12IT extends StandaloneContainerJourneys {

    Jetty12IT() {
        super("jetty12", "/legacy-war");
    }

    @Override
    StandaloneContainer deployAndStart(StandaloneEmulator emulator, int port, String origin) throws Exception {
        Path base = Jetty.newBase("jetty12");
        Deployables.copyWithWebXml("legacy-war.war", Jetty.webapps(base), Journeys.webXmlValues(emulator, origin));
        Deployables.copy("legacy-war-zero-web-xml.war", Jetty.webapps(base));
        Files.copy(Deployables.copyWithWebXml("legacy-war-zero-web-xml.war", Files.createTempDirectory(base, "misconfigured"),
                Journeys.misspelledSetting()), Jetty.webapps(base).resolve("legacy-war-misconfigured.war"));
        return Jetty.start("jetty12", Deployables.home("jetty.home"), base, port, Journeys.pluginEnvironment(emulator, origin));
    }

    @Test
    void aZeroWebXmlWarWithAMisspelledSettingIsNotDeployedAndTheLogSaysWhy() throws Exception {
        Journeys.assertNotDeployedBecauseOfTheMisspelledSetting(container(), "/legacy-war-misconfigured");
    }
}
