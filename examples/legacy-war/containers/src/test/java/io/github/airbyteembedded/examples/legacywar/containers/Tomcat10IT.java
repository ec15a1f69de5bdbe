package io.github.airbyteembedded.examples.legacywar.containers;

import java.nio.file.Path;

/**
 * The Jakarta WARs on a standalone Tomcat 10.1, which implements Servlet 6.0 and JSP 3.1 (the library
 * compiles against Servlet 6.1), beside the standalone emulator: the filter in web.xml, and zero-web.xml
 * (the plugin, configured from AIRBYTE_* environment variables). A cell of the compatibility matrix.
 */
class Tomcat10IT extends StandaloneContainerJourneys {

    Tomcat10IT() {
        super("tomcat10", "/legacy-war");
    }

    @Override
    StandaloneContainer deployAndStart(StandaloneEmulator emulator, int port, String origin) throws Exception {
        Path home = Deployables.home("tomcat10.home");
        Path base = Tomcat.newBase("tomcat10", home, port);
        Deployables.copyWithWebXml("legacy-war.war", Tomcat.webapps(base), Journeys.webXmlValues(emulator, origin));
        Deployables.copy("legacy-war-zero-web-xml.war", Tomcat.webapps(base));
        return Tomcat.start("tomcat10", home, base, port, Journeys.pluginEnvironment(emulator, origin));
    }
}
