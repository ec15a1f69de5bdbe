package io.github.airbyteembedded.examples.legacywar.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A standalone Tomcat (the {@code org.apache.tomcat:tomcat} distribution) in its own process: a
 * CATALINA_BASE of its own (one HTTP connector on 127.0.0.1, no shutdown port, the users alice and bob in
 * conf/tomcat-users.xml, the WARs in webapps/), started as {@code catalina.sh run} would start it.
 */
final class Tomcat implements StandaloneContainer {

    private static final String USERS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
              <role rolename="user"/>
              <user username="alice" password="password" roles="user"/>
              <user username="bob" password="password" roles="user"/>
            </tomcat-users>
            """;

    private static final String SERVER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Server port="-1" shutdown="SHUTDOWN">
              <Listener className="org.apache.catalina.startup.VersionLoggerListener"/>
              <GlobalNamingResources>
                <Resource name="UserDatabase" auth="Container" type="org.apache.catalina.UserDatabase"
                          factory="org.apache.catalina.users.MemoryUserDatabaseFactory" pathname="conf/tomcat-users.xml"/>
              </GlobalNamingResources>
              <Service name="Catalina">
                <Connector address="127.0.0.1" port="%d" protocol="HTTP/1.1" connectionTimeout="20000"/>
                <Engine name="Catalina" defaultHost="localhost">
                  <Realm className="org.apache.catalina.realm.UserDatabaseRealm" resourceName="UserDatabase"/>
                  <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
                </Engine>
              </Service>
            </Server>
            """;

    private final ContainerProcess process;
    private final int port;

    private Tomcat(ContainerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A CATALINA_BASE with the distribution's conf/ and our server.xml and users; the WARs go in {@link #webapps}. */
    static Path newBase(String name, Path home, int port) {
        Path base = Deployables.newBase(name);
        try {
            Path conf = Files.createDirectories(base.resolve("conf"));
            try (Stream<Path> files = Files.list(home.resolve("conf"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, conf.resolve(file.getFileName()));
                }
            }
            Files.writeString(conf.resolve("server.xml"), SERVER.formatted(port));
            Files.writeString(conf.resolve("tomcat-users.xml"), USERS);
            for (String directory : List.of("webapps", "logs", "temp", "work")) {
                Files.createDirectories(base.resolve(directory));
            }
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path webapps(Path base) {
        return base.resolve("webapps");
    }

    /** Starts Tomcat on a base and waits until it has deployed what is in webapps/ and listens. */
    static Tomcat start(String name, Path home, Path base, int port, Map<String, String> environment) {
        List<String> arguments = List.of(
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Dcatalina.home=" + home, "-Dcatalina.base=" + base, "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", home.resolve("bin/bootstrap.jar") + java.io.File.pathSeparator + home.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap", "start");
        ContainerProcess process = ContainerProcess.startJava(name, base, environment, arguments);
        try {
            process.awaitLine(line -> line.contains("Server startup in"), Duration.ofSeconds(120));
            return new Tomcat(process, port);
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
