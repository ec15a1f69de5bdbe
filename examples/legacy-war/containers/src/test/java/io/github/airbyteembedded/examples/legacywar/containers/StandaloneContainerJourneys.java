package io.github.airbyteembedded.examples.legacywar.containers;

import com.microsoft.playwright.BrowserContext;
import io.github.airbyteembedded.testkit.browser.BrowserExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every standalone container's test does: starts the standalone emulator and the container with
 * the example's WARs (which the subclass deploys), checks that they deployed, and proves the two
 * journeys every container must serve, the filter in web.xml and zero-web.xml (the plugin), each with
 * the refusals. Subclasses add what only their container shows.
 */
@ExtendWith(BrowserExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StandaloneContainerJourneys {

    private final String name;
    private final String webXmlApp;
    private StandaloneEmulator emulator;
    private StandaloneContainer container;

    @RegisterExtension
    final PrintLogsOnFailure logs = new PrintLogsOnFailure(() -> Arrays.asList(
            container == null ? null : container.process(), emulator == null ? null : emulator.process()));

    /**
     * @param name the container's name in logs and directories, such as {@code tomcat11}
     * @param webXmlApp the context path of the WAR with the filter in web.xml; the zero-web.xml WAR's is
     *     the same with {@code -zero-web-xml}
     */
    StandaloneContainerJourneys(String name, String webXmlApp) {
        this.name = name;
        this.webXmlApp = webXmlApp;
    }

    /** Deploys the WARs and starts the container on {@code port}, Airbyte being {@code emulator}. */
    abstract StandaloneContainer deployAndStart(StandaloneEmulator emulator, int port, String origin) throws Exception;

    /** Context paths deployed beside the two journeys' WARs that must have deployed too. */
    List<String> moreDeployedApps() {
        return List.of();
    }

    final StandaloneContainer container() {
        return container;
    }

    @BeforeAll
    final void start() throws Exception {
        emulator = StandaloneEmulator.start(name + "-emulator");
        int port = Deployables.freePort();
        container = deployAndStart(emulator, port, "http://127.0.0.1:" + port);
        List<String> apps = new ArrayList<>(List.of(webXmlApp, zeroWebXmlApp()));
        apps.addAll(moreDeployedApps());
        for (String app : apps) {
            Journeys.assertDeployed(container, app);
        }
    }

    @AfterAll
    final void stop() {
        Deployables.closeAll(container, emulator);
    }

    @BeforeEach
    final void resetEmulator() throws Exception {
        emulator.reset();
    }

    @Test
    void theFilterInWebXmlServesTheJourneyAndRefusesWhatItMust(BrowserContext context) throws Exception {
        Journeys.browserJourney(context, container.origin() + webXmlApp);
        Journeys.refusals(container.origin() + webXmlApp, container.origin());
    }

    @Test
    void zeroWebXmlServesTheJourneyAndRefusesWhatItMust(BrowserContext context) throws Exception {
        Journeys.browserJourney(context, container.origin() + zeroWebXmlApp());
        Journeys.refusals(container.origin() + zeroWebXmlApp(), container.origin());
    }

    private String zeroWebXmlApp() {
        return webXmlApp + "-zero-web-xml";
    }
}
