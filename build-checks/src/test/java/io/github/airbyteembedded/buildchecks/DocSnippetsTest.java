package io.github.airbyteembedded.buildchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.airbyteembedded.buildchecks.Markdown.CodeBlock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code the README and {@code docs/} show is code the build compiles or runs. Every fenced block in
 * Java, XML, properties, HTML or JSP is preceded by a marker line {@code <!-- snippet: path#region -->}
 * naming a file of the repository (an example, a test source, a main source or resource, a POM) and a
 * region in it, and is exactly the lines between {@code tag::region[]} and {@code end::region[]} there
 * (every such pair, in order; lines holding a marker left out; common indentation stripped). Shell and
 * text blocks are exempt. A failure names the document, the line and the snippet.
 *
 * <p>To copy the sources into the documents after changing an example:
 * {@code mvn -pl build-checks test -Dtest=DocSnippetsTest -Ddocs.snippets.write=true}.
 */
class DocSnippetsTest {

    static final Set<String> CHECKED_LANGUAGES = Set.of("java", "xml", "properties", "html", "jsp");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*([^#\\s]+)#([\\w.-]+)\\s*-->\\s*$");
    private static final Pattern REGION_MARKER = Pattern.compile("\\b(?:tag|end)::[\\w.-]+\\[\\]");

    private final Path root = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();

    @Test
    void everyCodeSnippetOfTheDocsIsARegionOfACompiledOrTestedSource() throws IOException {
        boolean write = Boolean.getBoolean("docs.snippets.write");
        List<String> problems = new ArrayList<>();
        for (Path document : documents()) {
            Markdown markdown = Markdown.read(document);
            List<String> lines = new ArrayList<>(markdown.lines());
            List<CodeBlock> blocks = markdown.codeBlocks();
            for (int b = blocks.size() - 1; b >= 0; b--) {
                CodeBlock block = blocks.get(b);
                if (!CHECKED_LANGUAGES.contains(block.language())) {
                    continue;
                }
                String where = root.relativize(document) + ":" + block.line() + ": ";
                Optional<Matcher> marker = marker(lines, block.line() - 1);
                if (marker.isEmpty()) {
                    problems.add(where + "a " + block.language() + " block without a <!-- snippet: path#region --> line before it:\n"
                            + String.join("\n", block.lines()));
                    continue;
                }
                String path = marker.get().group(1);
                String region = marker.get().group(2);
                String snippet = path + "#" + region;
                Path source = root.resolve(path).normalize();
                if (!source.startsWith(root) || !Files.isRegularFile(source)) {
                    problems.add(where + snippet + ": no such file");
                    continue;
                }
                if (!isCompiledOrTested(path)) {
                    problems.add(where + snippet + ": not a source the build compiles or tests (an example, src/main, src/test or a POM)");
                    continue;
                }
                List<String> expected;
                try {
                    expected = region(Files.readAllLines(source, StandardCharsets.UTF_8), region);
                } catch (IllegalArgumentException e) {
                    problems.add(where + snippet + ": " + e.getMessage());
                    continue;
                }
                List<String> shown = normalized(block.lines());
                if (!shown.equals(expected)) {
                    if (write) {
                        for (int i = 0; i < block.lines().size(); i++) {
                            lines.remove(block.line());
                        }
                        String fence = lines.get(block.line() - 1);
                        String indent = fence.substring(0, fence.length() - fence.stripLeading().length());
                        lines.addAll(block.line(), expected.stream().map(line -> line.isEmpty() ? line : indent + line).toList());
                    } else {
                        problems.add(where + snippet + " differs from its source; the source's region is:\n" + String.join("\n", expected)
                                + "\n--- the document shows:\n" + String.join("\n", shown));
                    }
                }
            }
            if (write && !lines.equals(markdown.lines())) {
                Files.writeString(document, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            }
        }
        assertEquals("", String.join("\n\n", problems), problems.size() + " snippets are not their sources' regions");
    }

    @Test
    void aRegionIsEveryPairOfItsMarkersWithoutTheMarkerLinesAndWithoutCommonIndentation() {
        List<String> source = List.of(
                "class A {",
                "    // tag::r[]",
                "    void a() {",
                "        // tag::inner[]",
                "        run();",
                "        // end::inner[]",
                "    }",
                "    // end::r[]",
                "    // tag::r[]",
                "    void b() {}",
                "    // end::r[]",
                "}");
        assertEquals(List.of("void a() {", "    run();", "}", "void b() {}"), region(source, "r"));
        assertEquals(List.of("run();"), region(source, "inner"));
    }

    /** README.md and every page of docs/. */
    private List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> pages = Files.list(root.resolve("docs"))) {
            pages.filter(page -> page.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    /** The marker on the nearest non-blank line before the fence at the given 0-based index. */
    private static Optional<Matcher> marker(List<String> lines, int fence) {
        for (int i = fence - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                Matcher matcher = MARKER.matcher(lines.get(i));
                return matcher.matches() ? Optional.of(matcher) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean isCompiledOrTested(String path) {
        return path.startsWith("examples/") || path.contains("/src/main/") || path.contains("/src/test/")
                || path.equals("pom.xml") || path.endsWith("/pom.xml");
    }

    /** The lines of every {@code tag::name[]} ... {@code end::name[]} pair, in order, normalized. */
    static List<String> region(List<String> source, String name) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        boolean found = false;
        for (String line : source) {
            if (line.contains("tag::" + name + "[]")) {
                if (inside) {
                    throw new IllegalArgumentException("region " + name + " opened twice without end::" + name + "[]");
                }
                inside = true;
                found = true;
            } else if (line.contains("end::" + name + "[]")) {
                if (!inside) {
                    throw new IllegalArgumentException("end::" + name + "[] without tag::" + name + "[]");
                }
                inside = false;
            } else if (inside && !REGION_MARKER.matcher(line).find()) {
                lines.add(line);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no region " + name + " (tag::" + name + "[] ... end::" + name + "[])");
        }
        if (inside) {
            throw new IllegalArgumentException("region " + name + " has no end::" + name + "[]");
        }
        return normalized(lines);
    }

    /** Trailing spaces, leading and trailing blank lines and the common indentation removed. */
    static List<String> normalized(List<String> lines) {
        List<String> trimmed = new ArrayList<>(lines.stream().map(String::stripTrailing).toList());
        while (!trimmed.isEmpty() && trimmed.get(0).isEmpty()) {
            trimmed.remove(0);
        }
        while (!trimmed.isEmpty() && trimmed.get(trimmed.size() - 1).isEmpty()) {
            trimmed.remove(trimmed.size() - 1);
        }
        int indent = trimmed.stream().filter(line -> !line.isEmpty())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return trimmed.stream().map(line -> line.isEmpty() ? line : line.substring(indent)).toList();
    }
}
