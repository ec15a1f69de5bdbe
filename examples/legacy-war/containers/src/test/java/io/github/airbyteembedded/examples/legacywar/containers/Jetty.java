package io.github.airbyteembedded.examples.legacywar.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A standalone Jetty 12.1 (the {@code org.eclipse.jetty:jetty-home} distribution) in its own process: a
 * JETTY_BASE of its own with the ee10 deployer, JSP and annotations (for the plugin's initializer), a
 * {@code HashLoginService} named after the WARs' realm with the users alice and bob, and the WARs in
 * webapps/; started with {@code java -jar start.jar}, which runs it in the same process.
 */
final class Jetty implements StandaloneContainer {

    /** The {@code <realm-name>} of the example's web.xml, which Jetty matches to a login service. */
    static final String REALM = "legacy-war";

    private static final String REALM_XML = """
            <?xml version="1.0"?>
            <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
            <Configure id="Server" class="org.eclipse.jetty.server.Server">
              <Call id="ResourceFactory" class="org.eclipse.jetty.util.resource.ResourceFactory" name="of">
                <Arg><Ref refid="Server"/></Arg>
                <Call id="realmResource" name="newResource"><Arg>etc/legacy-war-realm.properties</Arg></Call>
              </Call>
              <Call name="addBean">
                <Arg>
                  <New class="org.eclipse.jetty.security.HashLoginService">
                    <Set name="name">%s</Set>
                    <Set name="config"><Ref refid="realmResource"/></Set>
                  </New>
                </Arg>
              </Call>
            </Configure>
            """.formatted(REALM);

    private static final String USERS = """
            alice: password,user
            bob: password,user
            """;

    private final ContainerProcess process;
    private final int port;

    private Jetty(ContainerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A JETTY_BASE with the realm; the WARs go in {@link #webapps}. */
    static Path newBase(String name) {
        Path base = Deployables.newBase(name);
        try {
            Path etc = Files.createDirectories(base.resolve("etc"));
            Files.writeString(etc.resolve("legacy-war-realm.xml"), REALM_XML);
            Files.writeString(etc.resolve("legacy-war-realm.properties"), USERS);
            Files.createDirectories(base.resolve("webapps"));
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path webapps(Path base) {
        return base.resolve("webapps");
    }

    /** Starts Jetty on a base and waits until it has deployed what is in webapps/ and listens. */
    static Jetty start(String name, Path home, Path base, int port, Map<String, String> environment) {
        List<String> arguments = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + base,
                "-jar", home.resolve("start.jar").toString(), "jetty.home=" + home, "jetty.base=" + base,
                // The server's properties and XML before the modules: after an ee10 module they would be the ee10 environment's.
                "jetty.http.host=127.0.0.1", "jetty.http.port=" + port, "etc/legacy-war-realm.xml",
                "--module=http,ee10-deploy,ee10-jsp,ee10-annotations");
        ContainerProcess process = ContainerProcess.startJava(name, base, environment, arguments);
        try {
            process.awaitLine(line -> line.contains("Started oejs.Server@"), Duration.ofSeconds(120));
            return new Jetty(process, port);
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw e;
        }
    }

    @Override
    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public ContainerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
