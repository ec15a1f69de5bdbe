package io.github.airbyteembedded.buildchecks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The compatibility matrix: the runs (a JDK and the Maven arguments of one build), the cells each run
 * checks (a server, or Spring Boot on its embedded server, and the test reports that are its evidence,
 * among them a browser journey), the results file the runs write, and the README's compatibility table,
 * generated from that file.
 *
 * <p>Run it with {@code scripts/compatibility-matrix [run ...] [maven arguments]} from the repository's
 * root: it runs each run ({@code mvn -B -fae clean verify ...} with the run's JDK and {@code CI=true}),
 * reads each cell's test reports, replaces the run's rows in {@value #RESULTS}, and regenerates the table
 * between {@value #START} and {@value #END} in README.md. Commit both. {@code CompatibilityTableTest}
 * fails when the README's table is not the one the results give, when a cell has no passing row, or when a
 * version the build now uses is not the one that ran.
 *
 * <p>A single source file that uses only the JDK, so that {@code java} runs it as it is (Java 17's
 * source-file mode) and the test compiles it as test code.
 */
public final class CompatibilityMatrix {

    /** The results of the last runs, committed: one row per run and cell. */
    static final String RESULTS = "build-checks/compatibility-results.tsv";
    static final String README = "README.md";
    static final String START = "<!-- compatibility:start -->";
    static final String END = "<!-- compatibility:end -->";
    static final List<String> COLUMNS = List.of("run", "cell", "java", "spring_boot", "server", "servlet", "version",
            "browser_journey", "tests", "failures", "errors", "skipped", "flaky", "result", "seconds", "date", "commit");

    /** A JDK of the matrix: its major version and where it is (overridden by an environment variable). */
    enum Jdk {
        JAVA_17("17", "JAVA17_HOME", "/usr/lib/jvm/java-17-openjdk-amd64"),
        JAVA_25("25", "JAVA25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64");

        final String major;
        private final String variable;
        private final String defaultHome;

        Jdk(String major, String variable, String defaultHome) {
            this.major = major;
            this.variable = variable;
            this.defaultHome = defaultHome;
        }

        Path home() {
            return Path.of(Optional.ofNullable(System.getenv(variable)).orElse(defaultHome));
        }
    }

    /**
     * What a cell checks.
     *
     * @param id stable name, such as {@code tomcat-10.1}
     * @param server the server, {@code %s} standing for {@code version}
     * @param servlet the Servlet API version the server implements
     * @param versionProperty the POM property that names the version under test
     * @param versionPom the POM that declares it
     * @param reports globs (from the repository's root) of the test reports that are the evidence
     * @param browserJourney the simple name of the browser test class that must be among them
     */
    record Cell(String id, String server, String servlet, String versionProperty, String versionPom, List<String> reports,
            String browserJourney) {
    }

    /** One Maven build on one JDK, and the cells it checks. */
    record Run(String id, Jdk jdk, List<String> arguments, List<Cell> cells) {

        /** A property this run sets with {@code -Dname=value}, overriding the POM's. */
        Optional<String> override(String property) {
            return arguments.stream().filter(argument -> argument.startsWith("-D" + property + "="))
                    .map(argument -> argument.substring(property.length() + 3)).findFirst();
        }
    }

    /** One row of the results file. */
    record Result(Map<String, String> values) {

        String get(String column) {
            return values.getOrDefault(column, "");
        }

        boolean passed() {
            return get("result").equals("pass");
        }
    }

    private static final Pattern SPRING_BOOT_JAR = Pattern.compile("spring-boot-(\\d[^-]*(?:-[A-Z][^-]*)?)\\.jar");
    /** How many times a failed test runs again before it counts as failed. */
    private static final int RERUNS = 2;
    private static final String MODULE_REPORTS = "/target/{surefire,failsafe}-reports/TEST-*.xml";
    private static final String CONTAINER_REPORTS = "examples/legacy-war/containers/target/failsafe-reports/TEST-*.";

    static final Cell SPRING_BOOT = new Cell("spring-boot", "Spring Boot %s on its embedded Tomcat", "6.1", "spring-boot.version", "pom.xml",
            List.of("airbyte-embedded-spring-autoconfigure" + MODULE_REPORTS, "sample-app" + MODULE_REPORTS), "SampleBrowserIT");
    static final Cell EMBEDDED_JETTY = new Cell("jetty-embedded", "Jetty %s, embedded (filter, JSP tags, Thymeleaf, plugin)", "6.1",
            "jetty.version", "pom.xml", List.of("airbyte-embedded-servlet" + MODULE_REPORTS, "airbyte-embedded-thymeleaf" + MODULE_REPORTS,
                    "airbyte-embedded-servlet-plugin" + MODULE_REPORTS), "JspWidgetBrowserIT");
    static final Cell TOMCAT_11 = new Cell("tomcat-11", "Tomcat %s, standalone (WAR: web.xml, zero-web.xml, emulator)", "6.1",
            "tomcat11.version", "examples/legacy-war/pom.xml", List.of(CONTAINER_REPORTS + "Tomcat11IT.xml"), "Tomcat11IT");
    static final Cell TOMCAT_10 = new Cell("tomcat-10.1", "Tomcat %s, standalone (WAR: web.xml, zero-web.xml)", "6.0",
            "tomcat10.version", "examples/legacy-war/pom.xml", List.of(CONTAINER_REPORTS + "Tomcat10IT.xml"), "Tomcat10IT");
    static final Cell JETTY_12 = new Cell("jetty-12.1", "Jetty %s, standalone (WAR: web.xml, zero-web.xml)", "6.1",
            "jetty-home.version", "examples/legacy-war/pom.xml", List.of(CONTAINER_REPORTS + "Jetty12IT.xml"), "Jetty12IT");
    static final Cell TOMCAT_9 = new Cell("tomcat-9-javax", "Tomcat %s, standalone (WAR, -javax artifacts)", "4.0",
            "tomcat9.version", "examples/legacy-war/pom.xml", List.of(CONTAINER_REPORTS + "Tomcat9JavaxIT.xml"), "Tomcat9JavaxIT");

    private static final List<Cell> EVERY_SERVER = List.of(SPRING_BOOT, EMBEDDED_JETTY, TOMCAT_11, TOMCAT_10, JETTY_12, TOMCAT_9);
    /** The Spring Boot layer's modules and their tests only (the others are built, not tested again). */
    private static final List<String> SPRING_ONLY = List.of("-pl", "airbyte-embedded-spring-autoconfigure,sample-app", "-am",
            "-Dtest=io/github/airbyteembedded/spring/**/*Test,io/github/airbyteembedded/sample/**/*Test",
            "-Dit.test=io/github/airbyteembedded/spring/**/*IT,io/github/airbyteembedded/sample/**/*IT",
            "-Dsurefire.failIfNoSpecifiedTests=false", "-Dfailsafe.failIfNoSpecifiedTests=false");
    /**
     * The older Spring Boot line at its newest release on Maven Central, and the versions that release
     * manages where the parent pins Spring Boot 4.1's (the others are the same in both): an application on
     * Boot 4.0 imports Boot's BOM, which then wins over the versions our POMs declare.
     */
    private static final List<String> OLDER_BOOT = List.of("-Dspring-boot.version=4.0.9", "-Dlettuce.version=6.8.2.RELEASE");

    /**
     * Every module but build-checks, whose tests check what the build produces (the release bundle, the POMs,
     * these results), not what runs where.
     */
    private static final List<String> EVERY_MODULE = List.of("-pl", "!build-checks");

    /** The matrix: every test of the build on each JDK, and the Spring Boot layer on the older Boot on each. */
    static final List<Run> RUNS = List.of(
            new Run("java17", Jdk.JAVA_17, EVERY_MODULE, EVERY_SERVER),
            new Run("java25", Jdk.JAVA_25, EVERY_MODULE, EVERY_SERVER),
            new Run("java17-boot4.0", Jdk.JAVA_17, concat(OLDER_BOOT, SPRING_ONLY), List.of(SPRING_BOOT)),
            new Run("java25-boot4.0", Jdk.JAVA_25, concat(OLDER_BOOT, SPRING_ONLY), List.of(SPRING_BOOT)));

    /** The argument that regenerates README.md's table from the results, running nothing (after a merge). */
    static final String TABLE_ONLY = "table";

    private CompatibilityMatrix() {
    }

    /**
     * Runs the named runs (all without names) and records them.
     *
     * @param arguments run ids, and arguments for every Maven call (those starting with {@code -}); or
     *     {@value #TABLE_ONLY} alone, which only regenerates README.md's table from the results
     * @throws Exception when a run cannot be started or the files cannot be written
     */
    public static void main(String[] arguments) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        List<String> ids = Stream.of(arguments).filter(argument -> !argument.startsWith("-")).toList();
        List<String> mavenArguments = Stream.of(arguments).filter(argument -> argument.startsWith("-")).toList();
        if (ids.equals(List.of(TABLE_ONLY))) {
            writeReadme(root, readResults(root));
            System.out.println("README.md's table is regenerated from " + RESULTS + ".");
            return;
        }
        List<Run> runs = ids.isEmpty() ? RUNS : ids.stream().map(CompatibilityMatrix::run).toList();
        Map<String, List<Result>> results = new LinkedHashMap<>();
        for (Result result : readResults(root)) {
            results.computeIfAbsent(result.get("run"), id -> new ArrayList<>()).add(result);
        }
        boolean allPassed = true;
        Instant start = Instant.now();
        for (Run run : runs) {
            List<Result> rows = execute(root, run, mavenArguments);
            rows.forEach(row -> System.out.println(row.get("run") + " " + row.get("cell") + ": " + row.get("result") + " (" + row.get("tests")
                    + " tests, flaky: " + row.get("flaky") + ", " + row.get("seconds") + " s)"));
            allPassed &= rows.stream().allMatch(Result::passed);
            results.put(run.id(), rows);
            List<Result> ordered = RUNS.stream().flatMap(known -> results.getOrDefault(known.id(), List.of()).stream()).toList();
            writeResults(root, ordered);
            writeReadme(root, ordered);
        }
        Duration wall = Duration.between(start, Instant.now());
        System.out.println((allPassed ? "Every cell passed" : "Some cells failed") + " in " + wall.toMinutes() + " min " + wall.toSecondsPart() + " s; "
                + RESULTS + " and README.md's table are updated.");
        System.exit(allPassed ? 0 : 1);
    }

    static Run run(String id) {
        return RUNS.stream().filter(run -> run.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no run " + id + "; the runs are "
                        + RUNS.stream().map(Run::id).collect(Collectors.joining(", "))));
    }

    /** The version of what a cell tests in a run: the run's -D override, or the POM's property. */
    static String expectedVersion(Path root, Run run, Cell cell) {
        return run.override(cell.versionProperty()).orElseGet(() -> pomProperty(root.resolve(cell.versionPom()), cell.versionProperty()));
    }

    private static List<Result> execute(Path root, Run run, List<String> mavenArguments) throws IOException, InterruptedException {
        // A failing test does not stop the build (every module's tests run and leave their reports); the
        // run's failures are read from the reports of the whole tree. A test that fails is run again, up to
        // twice: one that then passes is recorded as flaky (the timeouts of the fault tests are short, and a
        // shared machine can starve them); an incompatibility fails every time.
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-fae", "-Dmaven.test.failure.ignore=true",
                "-Dsurefire.rerunFailingTestsCount=" + RERUNS, "-Dfailsafe.rerunFailingTestsCount=" + RERUNS));
        command.addAll(mavenArguments);
        command.addAll(run.arguments());
        command.addAll(List.of("clean", "verify"));
        // Outside the repository: "clean" would delete it while Maven writes it.
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "airbyte-embedded-compatibility", run.id() + ".log");
        Files.createDirectories(log.getParent());
        System.out.println("== " + run.id() + " (JDK " + run.jdk().home() + "): " + String.join(" ", command) + " > " + log);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("JAVA_HOME", run.jdk().home().toString());
        builder.environment().put("PATH", run.jdk().home().resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        builder.environment().put("CI", "true");
        Instant start = Instant.now();
        int exit = builder.start().waitFor();
        long seconds = Duration.between(start, Instant.now()).toSeconds();
        String commit = git(root, "rev-parse", "--short", "HEAD") + (git(root, "status", "--porcelain", "--untracked-files=no", "--", ".", ":!" + README, ":!" + RESULTS).isEmpty() ? "" : "+changes");
        List<String> failing = failingSuites(root, start);
        if (!failing.isEmpty()) {
            System.out.println(run.id() + ": failing tests in " + String.join(", ", failing));
        }
        List<Result> rows = new ArrayList<>();
        for (Cell cell : run.cells()) {
            rows.add(evaluate(root, run, cell, start, exit, failing, seconds, commit));
        }
        return rows;
    }

    /**
     * A cell passes when its reports show that its tests (a browser journey among them) ran on the run's JDK
     * and Spring Boot, none failed or was skipped, and the run's build as a whole passed: it exited 0 and no
     * test anywhere in the tree failed.
     */
    private static Result evaluate(Path root, Run run, Cell cell, Instant start, int exit, List<String> failing, long seconds, String commit)
            throws IOException {
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        TreeSet<String> javas = new TreeSet<>();
        TreeSet<String> boots = new TreeSet<>();
        boolean journey = false;
        List<String> flaky = new ArrayList<>();
        for (Path report : reports(root, cell, start)) {
            Element suite = parse(report).getDocumentElement();
            NodeList testCases = suite.getElementsByTagName("testcase");
            for (int i = 0; i < testCases.getLength(); i++) {
                Element testCase = (Element) testCases.item(i);
                if (testCase.getElementsByTagName("flakyFailure").getLength() + testCase.getElementsByTagName("flakyError").getLength() > 0) {
                    String className = testCase.getAttribute("classname");
                    flaky.add(className.substring(className.lastIndexOf('.') + 1) + "." + testCase.getAttribute("name"));
                }
            }
            tests += Integer.parseInt(suite.getAttribute("tests"));
            failures += Integer.parseInt(suite.getAttribute("failures"));
            errors += Integer.parseInt(suite.getAttribute("errors"));
            skipped += Integer.parseInt(suite.getAttribute("skipped"));
            journey |= suite.getAttribute("name").endsWith("." + cell.browserJourney());
            NodeList properties = suite.getElementsByTagName("property");
            for (int i = 0; i < properties.getLength(); i++) {
                Element property = (Element) properties.item(i);
                if (property.getAttribute("name").equals("java.version")) {
                    javas.add(property.getAttribute("value"));
                } else if (property.getAttribute("name").equals("surefire.test.class.path")) {
                    boots.add(springBootOnClassPath(property.getAttribute("value")));
                }
            }
        }
        String version = expectedVersion(root, run, cell);
        boolean springBoot = cell == SPRING_BOOT;
        String server = springBoot ? "Tomcat " + embeddedTomcat(root).orElse("?") + ", embedded in Spring Boot" : cell.server().formatted(version);
        boolean ranOnItsJdk = javas.size() == 1 && javas.first().split("[.+-]")[0].equals(run.jdk().major);
        boolean ranOnItsBoot = !springBoot || (boots.size() == 1 && boots.first().equals(version));
        List<String> problems = new ArrayList<>();
        if (tests == 0) {
            problems.add("no tests");
        }
        if (failures + errors + skipped > 0) {
            problems.add(failures + " failed, " + errors + " errors, " + skipped + " skipped");
        }
        if (!journey) {
            problems.add("no " + cell.browserJourney());
        }
        if (!ranOnItsJdk) {
            problems.add("ran on Java " + javas);
        }
        if (!ranOnItsBoot) {
            problems.add("ran on Spring Boot " + boots);
        }
        if (!failing.isEmpty()) {
            problems.add("failing elsewhere: " + String.join(" ", failing));
        }
        if (exit != 0) {
            problems.add("build exit " + exit);
        }
        boolean passed = problems.isEmpty();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("run", run.id());
        values.put("cell", cell.id());
        values.put("java", String.join(" ", javas));
        values.put("spring_boot", springBoot ? String.join(" ", boots) : "–");
        values.put("server", server);
        values.put("servlet", cell.servlet());
        values.put("version", cell.versionProperty() + "=" + version);
        values.put("browser_journey", journey ? cell.browserJourney() : "none");
        values.put("tests", Integer.toString(tests));
        values.put("failures", Integer.toString(failures));
        values.put("errors", Integer.toString(errors));
        values.put("skipped", Integer.toString(skipped));
        values.put("flaky", flaky.isEmpty() ? "0" : flaky.size() + " (" + String.join(", ", flaky) + ")");
        values.put("result", passed ? "pass" : "fail (" + String.join("; ", problems) + ")");
        values.put("seconds", Long.toString(seconds));
        values.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        values.put("commit", commit);
        return new Result(values);
    }

    /**
     * The version of Spring Boot that a test ran with: the one {@code spring-boot} jar on its class path (the
     * version Maven resolved, whatever a property said), or {@code none}.
     */
    static String springBootOnClassPath(String classPath) {
        return Stream.of(classPath.split(File.pathSeparator)).map(entry -> SPRING_BOOT_JAR.matcher(Path.of(entry).getFileName().toString()))
                .filter(Matcher::matches).map(matcher -> matcher.group(1)).collect(Collectors.collectingAndThen(Collectors.toCollection(TreeSet::new),
                        versions -> versions.isEmpty() ? "none" : String.join("+", versions)));
    }

    /**
     * The simple names of the test classes whose reports, anywhere in the tree and written since {@code
     * start} (a run that builds some modules leaves the others' reports of an earlier run), have a failure
     * or an error.
     */
    static List<String> failingSuites(Path root, Instant start) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:**/target/{surefire,failsafe}-reports/TEST-*.xml");
        List<String> failing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path report : files.filter(file -> matcher.matches(root.relativize(file)) && writtenSince(file, start)).sorted().toList()) {
                Element suite = parse(report).getDocumentElement();
                if (Integer.parseInt(suite.getAttribute("failures")) + Integer.parseInt(suite.getAttribute("errors")) > 0) {
                    String name = suite.getAttribute("name");
                    failing.add(name.substring(name.lastIndexOf('.') + 1));
                }
            }
        }
        return failing;
    }

    /** The test reports of a cell written since {@code start}: the files its globs match. */
    static List<Path> reports(Path root, Cell cell, Instant start) throws IOException {
        List<Path> reports = new ArrayList<>();
        for (String glob : cell.reports()) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            Path base = root.resolve(glob.substring(0, glob.indexOf("/target/") + "/target".length()));
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(base)) {
                files.filter(file -> matcher.matches(root.relativize(file)) && writtenSince(file, start)).sorted().forEach(reports::add);
            }
        }
        return reports;
    }

    private static boolean writtenSince(Path file, Instant start) {
        try {
            return !Files.getLastModifiedTime(file).toInstant().isBefore(start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded Tomcat that the sample's executable jar carries (Spring Boot's managed version). */
    private static Optional<String> embeddedTomcat(Path root) throws IOException {
        Path jar = root.resolve("sample-app/target/sample-app.jar");
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        Pattern core = Pattern.compile("BOOT-INF/lib/tomcat-embed-core-(.+)\\.jar");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(entry -> core.matcher(entry.getName())).filter(Matcher::matches).map(matcher -> matcher.group(1)).findFirst();
        }
    }

    /** The rows of the results file (none when there is no file). */
    static List<Result> readResults(Path root) throws IOException {
        Path file = root.resolve(RESULTS);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split("\t"));
        List<Result> results = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < cells.length; i++) {
                values.put(header.get(i), cells[i]);
            }
            results.add(new Result(values));
        }
        return results;
    }

    private static void writeResults(Path root, List<Result> results) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join("\t", COLUMNS));
        for (Result result : results) {
            lines.add(COLUMNS.stream().map(result::get).collect(Collectors.joining("\t")));
        }
        Files.writeString(root.resolve(RESULTS), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static void writeReadme(Path root, List<Result> results) throws IOException {
        Path readme = root.resolve(README);
        List<String> lines = new ArrayList<>(Files.readAllLines(readme, StandardCharsets.UTF_8));
        int start = lines.indexOf(START);
        int end = lines.indexOf(END);
        if (start < 0 || end < start) {
            System.out.println("README.md has no " + START + " ... " + END + "; the table is:\n" + table(results));
            return;
        }
        List<String> updated = new ArrayList<>(lines.subList(0, start + 1));
        updated.add(table(results));
        updated.addAll(lines.subList(end, lines.size()));
        Files.writeString(readme, String.join("\n", updated) + "\n", StandardCharsets.UTF_8);
    }

    /** The README's table: one row per passing cell, in the matrix's order. */
    static String table(List<Result> results) {
        List<String> rows = new ArrayList<>();
        rows.add("| Java | Spring Boot | Server | Servlet | Browser journey | Tests | Run |");
        rows.add("|---|---|---|---|---|---|---|");
        for (Result result : results) {
            if (result.passed()) {
                rows.add("| " + result.get("java") + " | " + result.get("spring_boot") + " | " + result.get("server") + " | " + result.get("servlet")
                        + " | `" + result.get("browser_journey") + "` | " + result.get("tests") + " passed" + flakyNote(result) + " | `" + result.get("run") + "`, "
                        + result.get("date") + ", " + result.get("commit") + " |");
            }
        }
        return String.join("\n", rows);
    }

    private static String flakyNote(Result result) {
        String flaky = result.get("flaky").split(" ")[0];
        return flaky.isEmpty() || flaky.equals("0") ? "" : " (" + flaky + " on a re-run)";
    }

    /** A property of a POM's {@code <properties>}. */
    static String pomProperty(Path pom, String name) {
        NodeList properties = parse(pom).getDocumentElement().getElementsByTagName("properties");
        for (int i = 0; i < properties.getLength(); i++) {
            NodeList values = ((Element) properties.item(i)).getElementsByTagName(name);
            if (values.getLength() > 0 && properties.item(i).getParentNode() == properties.item(i).getOwnerDocument().getDocumentElement()) {
                return values.item(0).getTextContent().strip();
            }
        }
        throw new IllegalStateException(pom + " has no property " + name);
    }

    private static Document parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String git(Path root, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return process.waitFor() == 0 ? output : "unknown";
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
