package io.github.airbyteembedded.examples.legacywar.containers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** What the build put in place for the tests: the WARs, the standalone emulator, the unpacked containers. */
final class Deployables {

    private Deployables() {
    }

    /** A file that the build copied to {@code target/deployables}. */
    static Path file(String name) {
        Path file = Path.of(System.getProperty("deployables.directory", "target/deployables")).resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run mvn verify (the pre-integration-test phase copies it)");
        }
        return file;
    }

    /** A container unpacked by the build, by its system property ({@code tomcat11.home}, ...). */
    static Path home(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isDirectory(Path.of(value))) {
            throw new IllegalStateException(property + " (" + value + ") is missing: run mvn verify (the pre-integration-test "
                    + "phase unpacks it)");
        }
        return Path.of(value);
    }

    /**
     * Copies a WAR to a directory, with literal values of its web.xml replaced: what an operator templating
     * the descriptor for an environment does. The example's web.xml names the standalone emulator's default
     * port (8181) and a container's default origin (http://localhost:8080); the tests run on free ports.
     */
    static Path copyWithWebXml(String war, Path directory, Map<String, String> replacements) {
        Path target = directory.resolve(war);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file(war)));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("WEB-INF/web.xml")) {
                    String webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                        webXml = webXml.replace(replacement.getKey(), replacement.getValue());
                    }
                    out.write(webXml.getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + war, e);
        }
    }

    /** Copies a WAR unchanged. */
    static Path copy(String war, Path directory) {
        try (InputStream in = Files.newInputStream(file(war))) {
            Path target = directory.resolve(war);
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + war, e);
        }
    }

    /** A free port on the loopback address (to know a container's origin before it starts). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new directory under {@code target/}, for one container's base. */
    static Path newBase(String name) {
        try {
            Path parent = Files.createDirectories(Path.of(System.getProperty("deployables.directory", "target/deployables"))
                    .getParent().resolve("bases"));
            return Files.createTempDirectory(parent, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes each, in order, even when one fails; the first failure is thrown with the others suppressed. */
    static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not close " + resource, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
