package io.github.airbyteembedded.buildchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.airbyteembedded.buildchecks.Reactor.Module;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release, built as a release is built: the published modules of a copy of this repository, at the
 * release version, with {@code mvn -Prelease -DskipTests deploy}, which writes the bundle the Central Portal
 * takes (central-publishing-maven-plugin, upload skipped). The bundle holds every published module and
 * nothing else, each with its POM, jar, sources and javadoc jars and their checksums, the POM metadata
 * Central requires, and the licence in every jar.
 *
 * <p>Reproducibility: a second build, in another directory, of a subset (the servlet core, the testkit and
 * the javax flavour of the core: compiled classes, resources, the shaded standalone emulator, a test-jar,
 * sources and javadoc, and the Transformer's jars) must give byte-identical jars.
 *
 * <p>The plugin's publish goal runs only when Maven is online, so offline ({@code mvn -o}) the bundle tests
 * are skipped, and the reproducibility test compares the modules' target directories.
 */
class ReleaseBundleIT {

    private static final String GROUP_PATH = "io/github/airbyteembedded/";
    private static final List<String> REPRODUCIBILITY_SUBSET = List.of(":airbyte-embedded-servlet-javax");

    private static Reactor reactor;
    private static String version;
    private static NestedBuild release;
    private static Path bundle;

    @BeforeAll
    static void buildTheRelease() throws Exception {
        reactor = Reactor.ofThisRepository();
        String snapshot = System.getProperty("project.version");
        version = snapshot.replace("-SNAPSHOT", "");
        Path work = Path.of("target", "release-build").toAbsolutePath();
        release = NestedBuild.copyOf(reactor.root(), work.resolve("release"), snapshot, version);
        release.run(List.of("-Prelease", "-DskipTests", "deploy", "-pl", projects(reactor.published())));
        bundle = release.directory().resolve("target/central-publishing/central-bundle.zip");
    }

    private static String projects(List<Module> modules) {
        return modules.stream().map(module -> ":" + module.artifactId()).collect(Collectors.joining(","));
    }

    @Test
    void theBundleHoldsEveryPublishedModuleAndNothingElse() throws IOException {
        Set<String> expected = reactor.published().stream().map(Module::artifactId).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, new TreeSet<>(bundled().keySet()));
    }

    @Test
    void everyModuleHasItsPomJarSourcesAndJavadocWithMd5AndSha1() throws IOException {
        List<String> problems = new ArrayList<>();
        try (ZipFile zip = new ZipFile(bundleFile().toFile())) {
            for (Map.Entry<String, Set<String>> module : bundled().entrySet()) {
                String base = GROUP_PATH + module.getKey() + "/" + version + "/" + module.getKey() + "-" + version;
                Pom pom = Pom.read(new ByteArrayInputStream(read(zip, base + ".pom")));
                List<String> required = new ArrayList<>(List.of(base + ".pom"));
                if (!pom.packaging().equals("pom")) {
                    required.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar"));
                }
                for (String file : required) {
                    if (!module.getValue().contains(file)) {
                        problems.add(file + " is missing");
                    }
                }
                for (String file : module.getValue()) {
                    if (isChecksumOrSignature(file)) {
                        continue;
                    }
                    byte[] content = read(zip, file);
                    for (String algorithm : List.of("MD5", "SHA-1", "SHA-256", "SHA-512")) {
                        String checksum = file + "." + algorithm.toLowerCase().replace("-", "");
                        boolean requiredByCentral = algorithm.equals("MD5") || algorithm.equals("SHA-1");
                        if (!module.getValue().contains(checksum)) {
                            if (requiredByCentral) {
                                problems.add(checksum + " is missing");
                            }
                        } else if (!new String(read(zip, checksum), StandardCharsets.US_ASCII).strip().equals(digest(algorithm, content))) {
                            problems.add(checksum + " does not match " + file);
                        }
                    }
                    if (signing() && !module.getValue().contains(file + ".asc")) {
                        problems.add(file + ".asc is missing (a signing key was given)");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyPomInTheBundleHasTheMetadataCentralRequires() throws IOException {
        Map<String, Pom> poms = new TreeMap<>();
        try (ZipFile zip = new ZipFile(bundleFile().toFile())) {
            for (String artifactId : bundled().keySet()) {
                poms.put(artifactId, Pom.read(new ByteArrayInputStream(read(zip, GROUP_PATH + artifactId + "/" + version + "/" + artifactId + "-"
                        + version + ".pom"))));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Pom> pom : poms.entrySet()) {
            List<Pom> chain = new ArrayList<>();
            for (Optional<Pom> current = Optional.of(pom.getValue()); current.isPresent();
                    current = current.get().parentArtifactId().map(poms::get)) {
                chain.add(current.get());
            }
            Optional<String> parent = chain.get(chain.size() - 1).parentArtifactId();
            if (parent.isPresent()) {
                problems.add(pom.getKey() + ": its parent " + parent.get() + " is not in the bundle");
            }
            CentralRequirements.problems(chain).forEach(problem -> problems.add(pom.getKey() + ": " + problem));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyJarCarriesTheLicenceAndTheNoticeAndTheJavadocLeavesInternalPackagesOut() throws IOException {
        byte[] licence = Files.readAllBytes(reactor.root().resolve("LICENSE"));
        String notice = Files.readString(reactor.root().resolve("NOTICE"), StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        int jars = 0;
        try (ZipFile zip = new ZipFile(bundleFile().toFile())) {
            for (ZipEntry entry : zip.stream().filter(entry -> entry.getName().endsWith(".jar")).toList()) {
                jars++;
                Map<String, byte[]> files = entries(read(zip, entry.getName()), Set.of("META-INF/LICENSE", "META-INF/NOTICE"));
                if (!files.containsKey("META-INF/LICENSE") || !Arrays.equals(licence, files.get("META-INF/LICENSE"))) {
                    problems.add(entry.getName() + " has no META-INF/LICENSE, or another one");
                }
                if (!files.containsKey("META-INF/NOTICE") || !new String(files.get("META-INF/NOTICE"), StandardCharsets.UTF_8).contains(notice.strip())) {
                    problems.add(entry.getName() + " has no META-INF/NOTICE with the project's notice");
                }
                if (entry.getName().endsWith("-javadoc.jar")) {
                    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(read(zip, entry.getName())))) {
                        for (ZipEntry page = in.getNextEntry(); page != null; page = in.getNextEntry()) {
                            if (page.getName().contains("/internal/")) {
                                problems.add(entry.getName() + " documents " + page.getName());
                                break;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(jars > 0, "no jar in the bundle");
        assertEquals(List.of(), problems);
    }

    @Test
    void aSecondBuildInAnotherDirectoryGivesByteIdenticalJars() throws Exception {
        NestedBuild again = NestedBuild.copyOf(reactor.root(), Path.of("target", "release-build", "again").toAbsolutePath(),
                System.getProperty("project.version"), version);
        again.run(List.of("-Prelease", "-DskipTests", "package", "-pl", String.join(",", REPRODUCIBILITY_SUBSET), "-am"));
        List<String> compared = new ArrayList<>();
        List<String> different = new ArrayList<>();
        try (Stream<Path> files = Files.walk(again.directory())) {
            for (Path jar : files.filter(file -> file.getParent().getFileName().toString().equals("target"))
                    .filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                Path first = release.directory().resolve(again.directory().relativize(jar).toString());
                compared.add(again.directory().relativize(jar).toString());
                if (!Files.isRegularFile(first) || !Arrays.equals(Files.readAllBytes(first), Files.readAllBytes(jar))) {
                    different.add(again.directory().relativize(jar).toString());
                }
            }
        }
        assertTrue(compared.size() >= 10, "the subset built too few jars to compare: " + compared);
        assertTrue(compared.stream().anyMatch(jar -> jar.contains("-javax-") && jar.endsWith("-sources.jar")), "the javax sources were compared: " + compared);
        assertEquals(List.of(), different, "jars that differ between two builds of the same sources (compared: " + compared + ")");
    }

    /** The bundle's files per artifactId. */
    private static Map<String, Set<String>> bundled() throws IOException {
        Map<String, Set<String>> modules = new TreeMap<>();
        try (ZipFile zip = new ZipFile(bundleFile().toFile())) {
            for (ZipEntry entry : zip.stream().filter(entry -> !entry.isDirectory()).toList()) {
                assertTrue(entry.getName().startsWith(GROUP_PATH), "outside the group: " + entry.getName());
                String[] parts = entry.getName().substring(GROUP_PATH.length()).split("/");
                assertEquals(3, parts.length, "not artifactId/version/file: " + entry.getName());
                assertEquals(version, parts[1], entry.getName());
                modules.computeIfAbsent(parts[0], artifactId -> new TreeSet<>()).add(entry.getName());
            }
        }
        return modules;
    }

    private static Path bundleFile() {
        assumeFalse(Boolean.getBoolean("maven.offline"), "the Central bundle is written only when Maven is online "
                + "(central-publishing-maven-plugin's publish goal requires it, even with the upload skipped)");
        assertTrue(Files.isRegularFile(bundle), "no bundle at " + bundle);
        return bundle;
    }

    private static boolean signing() {
        return System.getenv("MAVEN_GPG_KEY") != null;
    }

    private static boolean isChecksumOrSignature(String file) {
        return Stream.of(".md5", ".sha1", ".sha256", ".sha512", ".asc").anyMatch(file::endsWith);
    }

    private static byte[] read(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new AssertionError(name + " is not in the bundle");
        }
        return zip.getInputStream(entry).readAllBytes();
    }

    private static Map<String, byte[]> entries(byte[] jar, Set<String> names) throws IOException {
        Map<String, byte[]> found = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (names.contains(entry.getName())) {
                    found.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return found;
    }

    private static String digest(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
