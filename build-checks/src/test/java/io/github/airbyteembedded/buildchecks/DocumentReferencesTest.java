package io.github.airbyteembedded.buildchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No reader is sent to a file that does not exist: every Markdown file that a document or the main sources
 * of any module cite (in javadoc, in a message users see) is one of this repository's, and every path of the
 * repository that a document names ({@code sample-app/src/main/resources/application.properties},
 * {@code scripts/fuzz}) is there. Paths into build output ({@code target/}) and patterns ({@code *},
 * {@code <version>}) are not checked.
 */
class DocumentReferencesTest {

    /** Files that a documented script writes and that are committed once it has run. */
    private static final Set<String> WRITTEN_BY_SCRIPTS = Set.of(CompatibilityMatrix.RESULTS);
    private static final Pattern CITED_MARKDOWN = Pattern.compile("[\\w./-]*\\b[\\w-]+\\.md\\b");

    private final Path root = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();

    @Test
    void everyCitedMarkdownFileExists() throws IOException {
        Set<String> missing = new TreeSet<>();
        for (Path file : citingFiles()) {
            Matcher cited = CITED_MARKDOWN.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (cited.find()) {
                String name = cited.group();
                if (!markdownExists(file, name)) {
                    missing.add(root.relativize(file) + " cites " + name);
                }
            }
        }
        assertEquals(Set.of(), missing);
    }

    @Test
    void everyPathOfTheRepositoryThatADocumentNamesExists() throws IOException {
        Pattern path = repositoryPath();
        Set<String> missing = new TreeSet<>();
        for (Path document : Markdown.filesUnder(root)) {
            List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher named = path.matcher(lines.get(i));
                while (named.find()) {
                    String cited = named.group(1).replaceAll("[.]+$", "");
                    if (isCheckable(cited) && !Files.exists(root.resolve(cited))) {
                        missing.add(root.relativize(document) + ":" + (i + 1) + " names " + cited);
                    }
                }
            }
        }
        assertEquals(Set.of(), missing);
    }

    @Test
    void theDocumentsNameNoFileOutsideTheRepository() throws IOException {
        Set<String> outside = new TreeSet<>();
        for (Path document : Markdown.filesUnder(root)) {
            String text = Files.readString(document, StandardCharsets.UTF_8);
            if (text.contains("../shared") || text.contains("/work/")) {
                outside.add(root.relativize(document).toString());
            }
        }
        assertEquals(Set.of(), outside, "documents that name a path outside the repository");
    }

    @Test
    void aPathIsRecognisedWhereverADocumentNamesIt() {
        Matcher matcher = repositoryPath().matcher("see `scripts/fuzz`, [bench/README.md](bench/README.md) and https://x.example/scripts/no");
        List<String> found = Stream.iterate(matcher, Matcher::find, m -> m).map(m -> m.group(1)).toList();
        assertTrue(found.contains("scripts/fuzz"), found.toString());
        assertTrue(found.contains("bench/README.md"), found.toString());
        assertTrue(found.stream().noneMatch(name -> name.endsWith("/no")), found.toString());
    }

    /** A path that starts with one of the repository's top-level directories, not inside a URL or a longer path. */
    private Pattern repositoryPath() {
        try (Stream<Path> entries = Files.list(root)) {
            String directories = entries.filter(Files::isDirectory).map(entry -> entry.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && !name.equals("target"))
                    .map(Pattern::quote).collect(Collectors.joining("|"));
            return Pattern.compile("(?<![\\w./:@$-])((?:" + directories + ")/[\\w./@-]*[\\w/])");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean isCheckable(String path) {
        return !path.contains("/target/") && !path.endsWith("/target") && !path.contains("...") && !WRITTEN_BY_SCRIPTS.contains(path);
    }

    /** Every Markdown file of the repository, and every main source or resource of every module. */
    private List<Path> citingFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return Stream.concat(Markdown.filesUnder(root).stream(), files.filter(Files::isRegularFile)
                    .filter(path -> Markdown.isSource(root, path))
                    .filter(path -> path.toString().contains("/src/main/"))
                    .filter(path -> path.toString().matches(".*\\.(java|js|html|jsp|xml|properties|tld)")))
                    .toList();
        }
    }

    /** Whether the cited file is there: as a path from the citing file's folder or the root, or anywhere by name. */
    private boolean markdownExists(Path citing, String name) throws IOException {
        if (Files.exists(citing.getParent().resolve(name)) || Files.exists(root.resolve(name))) {
            return true;
        }
        String fileName = Path.of(name).getFileName().toString();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> Markdown.isSource(root, path)).anyMatch(path -> path.getFileName().toString().equals(fileName));
        }
    }
}
