package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Markdown file that the README or the main sources of any module cite (in javadoc, in a message
 * users see) is one of this repository's: no reader is sent to a document that does not exist.
 */
class DocumentReferencesTest {

    /** The repository's root; tests run in this module's directory. */
    private static final Path ROOT = Path.of("..");
    private static final Pattern CITED = Pattern.compile("[\\w./-]*\\b[\\w-]+\\.md\\b");

    @Test
    void everyCitedMarkdownFileExists() throws IOException {
        Set<String> missing = new TreeSet<>();
        for (Path file : citingFiles()) {
            Matcher cited = CITED.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (cited.find()) {
                String name = cited.group();
                if (!exists(file, name)) {
                    missing.add(ROOT.relativize(file) + " cites " + name);
                }
            }
        }
        assertEquals(Set.of(), missing);
    }

    /** The README and every main source or resource of every module. */
    private static List<Path> citingFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return Stream.concat(Stream.of(ROOT.resolve("README.md")), files.filter(Files::isRegularFile)
                    .filter(path -> path.toString().contains("/src/main/"))
                    .filter(path -> !path.toString().contains("/target/") && !path.toString().contains("/node_modules/"))
                    .filter(path -> path.toString().matches(".*\\.(java|js|html|jsp|xml|properties|tld)")))
                    .toList();
        }
    }

    /** Whether the cited file is there: as a path from the citing file's folder or the root, or anywhere by name. */
    private static boolean exists(Path citing, String name) throws IOException {
        if (Files.exists(citing.getParent().resolve(name)) || Files.exists(ROOT.resolve(name))) {
            return true;
        }
        String fileName = Path.of(name).getFileName().toString();
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.anyMatch(path -> path.getFileName().toString().equals(fileName) && !path.toString().contains("/target/"));
        }
    }
}
