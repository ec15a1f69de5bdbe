package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code SECURITY.md} names the tests that show its claims: every test it cites ({@code `SomeIT.aMethod`}
 * or {@code `SomeTest`}) is a test class of one of the modules, with that method, and every claim of its
 * table "What it defends" cites at least one.
 */
class SecurityDocumentTest {

    /** The repository's root; tests run in this module's directory. */
    private static final Path ROOT = Path.of("..");
    private static final Path SECURITY = ROOT.resolve("SECURITY.md");
    private static final Pattern CITED = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Test|IT))(?:\\.([a-z][A-Za-z0-9]*))?`");

    @Test
    void everyTestItCitesExists() throws IOException {
        Map<String, Path> testClasses = testClasses();
        Set<String> missing = new TreeSet<>();
        List<String> cited = new ArrayList<>();
        Matcher citation = CITED.matcher(Files.readString(SECURITY, StandardCharsets.UTF_8));
        while (citation.find()) {
            cited.add(citation.group());
            Path source = testClasses.get(citation.group(1));
            if (source == null) {
                missing.add(citation.group(1) + " (no such test class)");
            } else if (citation.group(2) != null && !Files.readString(source, StandardCharsets.UTF_8)
                    .contains(" " + citation.group(2) + "(")) {
                missing.add(citation.group(1) + "." + citation.group(2) + " (no such method in " + ROOT.relativize(source) + ")");
            }
        }
        assertEquals(Set.of(), missing, "SECURITY.md cites tests that do not exist");
        assertTrue(cited.size() >= 30, "SECURITY.md cites its tests: " + cited.size());
    }

    @Test
    void everyClaimCitesATest() throws IOException {
        List<String> lines = Files.readAllLines(SECURITY, StandardCharsets.UTF_8);
        int start = lines.indexOf("### What it defends");
        assertTrue(start >= 0, "SECURITY.md has the section 'What it defends'");
        List<String> claims = lines.subList(start, lines.size()).stream()
                .takeWhile(line -> !line.startsWith("### What it assumes"))
                .filter(line -> line.startsWith("| ") && !line.startsWith("| Claim"))
                .toList();
        assertTrue(claims.size() >= 10, "the claims: " + claims.size());
        List<String> uncited = claims.stream()
                .filter(claim -> !CITED.matcher(claim.substring(claim.lastIndexOf("| ", claim.length() - 2))).find())
                .collect(Collectors.toList());
        assertEquals(List.of(), uncited, "claims that cite no test");
    }

    /** Every test class of every module, by simple name. */
    private static Map<String, Path> testClasses() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(path -> path.toString().contains("/src/test/java/") && !path.toString().contains("/target/"))
                    .filter(path -> path.getFileName().toString().matches("[A-Z]\\w*(Test|IT)\\.java"))
                    .collect(Collectors.toMap(path -> path.getFileName().toString().replace(".java", ""), Function.identity(),
                            (first, second) -> first));
        }
    }
}
