package io.github.airbyteembedded.examples.legacywar.containers;

import com.microsoft.playwright.BrowserContext;
import io.github.airbyteembedded.testkit.browser.BrowserExtension;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Jakarta WARs on a standalone Tomcat 10.1, which implements Servlet 6.0 and JSP 3.1 (the library
 * compiles against Servlet 6.1), beside the standalone emulator: the filter in web.xml, and zero-web.xml
 * (the plugin, configured from AIRBYTE_* environment variables). A cell of the compatibility matrix.
 */
@ExtendWith(BrowserExtension.class)
class Tomcat10IT {

    private static StandaloneEmulator emulator;
    private static Tomcat tomcat;

    @RegisterExtension
    static final PrintLogsOnFailure LOGS = new PrintLogsOnFailure(() -> Arrays.asList(
            tomcat == null ? null : tomcat.process(), emulator == null ? null : emulator.process()));

    @BeforeAll
    static void start() throws Exception {
        emulator = StandaloneEmulator.start("tomcat10-emulator");
        int port = Deployables.freePort();
        String origin = "http://127.0.0.1:" + port;
        Path home = Deployables.home("tomcat10.home");
        Path base = Tomcat.newBase("tomcat10", home, port);
        Deployables.copyWithWebXml("legacy-war.war", Tomcat.webapps(base), Journeys.webXmlValues(emulator, origin));
        Deployables.copy("legacy-war-zero-web-xml.war", Tomcat.webapps(base));
        tomcat = Tomcat.start("tomcat10", home, base, port, Journeys.pluginEnvironment(emulator, origin));
        for (String app : new String[] {"/legacy-war", "/legacy-war-zero-web-xml"}) {
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
    void zeroWebXmlServesTheJourneyAndRefusesWhatItMust(BrowserContext context) throws Exception {
        Journeys.browserJourney(context, tomcat.origin() + "/legacy-war-zero-web-xml");
        Journeys.refusals(tomcat.origin() + "/legacy-war-zero-web-xml", tomcat.origin());
    }
}
