package io.github.airbyteembedded.buildchecks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Maven build of a copy of this repository in a directory of its own: the sources without any target/,
 * every POM's version set to the release version, run by the Maven that runs this build, on the same local
 * repository, online or offline as this build is. Installs nothing ({@code maven.install.skip}).
 */
final class NestedBuild {

    /** A nested build is one Maven run on two shared cores: generous, and still an end. */
    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    private static final Set<String> NOT_COPIED = Set.of("target", ".git", ".idea", ".vscode", "node_modules");

    private final Path directory;

    private NestedBuild(Path directory) {
        this.directory = directory;
    }

    /** Copies the repository to a fresh directory, with every POM at {@code releaseVersion}. */
    static NestedBuild copyOf(Path repository, Path directory, String snapshotVersion, String releaseVersion) throws IOException {
        deleteRecursively(directory);
        Files.createDirectories(directory);
        Files.walkFileTree(repository, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(repository) && (NOT_COPIED.contains(dir.getFileName().toString()) || dir.equals(directory))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(directory.resolve(repository.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path target = directory.resolve(repository.relativize(file).toString());
                if (file.getFileName().toString().equals("pom.xml")) {
                    String pom = Files.readString(file, StandardCharsets.UTF_8);
                    Files.writeString(target, pom.replace("<version>" + snapshotVersion + "</version>", "<version>" + releaseVersion + "</version>"),
                            StandardCharsets.UTF_8);
                } else if (attributes.isRegularFile()) {
                    Files.copy(file, target);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new NestedBuild(directory);
    }

    Path directory() {
        return directory;
    }

    /** Runs Maven with these arguments; fails with the end of its log when it fails. */
    void run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString());
        command.add("-B");
        command.add("-Dmaven.repo.local=" + System.getProperty("maven.repo.local"));
        command.add("-Dmaven.install.skip=true");
        if (Boolean.getBoolean("maven.offline")) {
            command.add("-o");
        }
        command.addAll(arguments);
        Path log = directory.resolveSibling(directory.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // The same JDK as this build (the matrix runs it on several).
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the nested build did not end within " + TIMEOUT + ": " + String.join(" ", command) + "\n" + tail(log));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("the nested build failed: " + String.join(" ", command) + " (in " + directory + ")\n" + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
