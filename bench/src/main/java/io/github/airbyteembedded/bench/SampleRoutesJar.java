package io.github.airbyteembedded.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Writes the jar that adds {@link SampleBenchRoutes} to the sample app: that class, the two baseline
 * servlets (with their nested classes), copied from wherever this benchmark's classes are (the shaded
 * jar, or {@code target/classes}), and the Spring Boot auto-configuration import naming the filter.
 */
final class SampleRoutesJar {

    private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";
    private static final List<Class<?>> CLASSES = List.of(SampleBenchRoutes.class, BaselineTokenServlet.class,
            SeedStyleTokenServlet.class);

    private SampleRoutesJar() {
    }

    /** Writes the jar to {@code target} and returns it. */
    static Path write(Path target) {
        TreeMap<String, byte[]> entries = new TreeMap<>();
        try {
            Path source = Path.of(SampleRoutesJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        String name = source.relativize(file).toString().replace('\\', '/');
                        if (wanted(name)) {
                            entries.put(name, Files.readAllBytes(file));
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(source.toFile())) {
                    for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
                        if (wanted(entry.getName())) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                entries.put(entry.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
            entries.put(IMPORTS, (SampleBenchRoutes.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file)) {
                for (var entry : entries.entrySet()) {
                    jar.putNextEntry(new JarEntry(entry.getKey()));
                    jar.write(entry.getValue());
                    jar.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (entries.keySet().stream().noneMatch(name -> name.endsWith(SampleBenchRoutes.class.getSimpleName() + ".class"))) {
            throw new IllegalStateException("the benchmark's classes were not found");
        }
        return target;
    }

    private static boolean wanted(String name) {
        for (Class<?> type : CLASSES) {
            String prefix = type.getName().replace('.', '/');
            if (name.equals(prefix + ".class") || (name.startsWith(prefix + "$") && name.endsWith(".class"))) {
                return true;
            }
        }
        return false;
    }
}
