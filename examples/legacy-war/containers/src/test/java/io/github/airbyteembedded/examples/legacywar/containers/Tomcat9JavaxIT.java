package io.github.airbyteembedded.examples.legacywar.containers;

import java.nio.file.Path;

/**
 * The javax.servlet WARs (a Servlet 3.0 web.xml, the javax flavour of the library) on a standalone
 * Tomcat 9, beside the standalone emulator: the filter in web.xml, and zero-web.xml (the javax plugin).
 */
class Tomcat9JavaxIT extends StandaloneContainerJourneys {

    Tomcat9JavaxIT() {
        super("tomcat9", "/legacy-war-javax");
    }

    @Override
    StandaloneContainer deployAndStart(StandaloneEmulator emulator, int port, String origin) throws Exception {
        Path home = Deployables.home("tomcat9.home");
        Path base = Tomcat.newBase("tomcat9", home, port);
        Deployables.copyWithWebXml("legacy-war-javax.war", Tomcat.webapps(base), Journeys.webXmlValues(emulator, origin));
        Deployables.copy("legacy-war-javax-zero-web-xml.war", Tomcat.webapps(base));
        return Tomcat.start("tomcat9", home, base, port, Journeys.pluginEnvironment(emulator, origin));
    }
}
