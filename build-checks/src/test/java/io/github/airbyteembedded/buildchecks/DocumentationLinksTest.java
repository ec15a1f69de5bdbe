package io.github.airbyteembedded.buildchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.buildchecks.Markdown.Link;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the repository's Markdown files (the README, {@code docs/}, SECURITY.md,
 * CONTRIBUTING.md, CHANGELOG.md, {@code bench/}, the examples' and the modules' READMEs) leads somewhere:
 * its file or directory exists, and its {@code #anchor}, in a Markdown file, is one of that file's
 * headings as GitHub names them. A failure names the file, the line and the link.
 */
class DocumentationLinksTest {

    private static final Pattern EXTERNAL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    private final Path root = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<String> broken = new ArrayList<>();
        for (Path file : Markdown.filesUnder(root)) {
            Markdown markdown = Markdown.read(file);
            for (Link link : markdown.links()) {
                problem(file, link.target()).ifPresent(problem ->
                        broken.add(root.relativize(file) + ":" + link.line() + ": (" + link.target() + ") " + problem));
            }
        }
        assertEquals(List.of(), broken, "broken links");
    }

    @Test
    void theDocumentsANewcomerReadsAreChecked() {
        List<Path> checked = Markdown.filesUnder(root);
        for (String document : List.of("README.md", "SECURITY.md", "CONTRIBUTING.md", "CHANGELOG.md", "bench/README.md",
                "docs/token-route.md", "examples/legacy-war/README.md")) {
            assertTrue(checked.contains(root.resolve(document)), document + " is among the checked files");
        }
    }

    @Test
    void everyPageOfTheDocsIsLinkedFromTheReadme() {
        List<String> linked = Markdown.read(root.resolve("README.md")).links().stream()
                .map(link -> link.target().replaceFirst("#.*", "")).toList();
        List<String> unlinked = new ArrayList<>();
        for (Path page : Markdown.filesUnder(root.resolve("docs"))) {
            String relative = root.relativize(page).toString();
            if (!linked.contains(relative)) {
                unlinked.add(relative);
            }
        }
        assertEquals(List.of(), unlinked, "pages of docs/ that README.md does not link to");
    }

    @Test
    void headingsGetGitHubsAnchors() {
        assertEquals("the-emulator-airbyte-embedded-testkit", Markdown.slug("The emulator (`airbyte-embedded-testkit`)"));
        assertEquals("webxml-and-jsp", Markdown.slug("web.xml and JSP"));
        assertEquals("spring-boot-41", Markdown.slug("Spring Boot 4.1"));
        assertEquals("many-instances-limits-shared-through-redis", Markdown.slug("Many instances: limits shared through Redis"));
    }

    private Optional<String> problem(Path file, String target) {
        if (target.isEmpty() || EXTERNAL.matcher(target).matches()) {
            return Optional.empty();
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            return Optional.of("leaves the repository");
        }
        if (!Files.exists(resolved)) {
            return Optional.of("no such file");
        }
        if (anchor != null && resolved.getFileName().toString().endsWith(".md") && Files.isRegularFile(resolved)
                && !Markdown.read(resolved).anchors().contains(anchor)) {
            return Optional.of("no heading with this anchor in " + root.relativize(resolved));
        }
        return Optional.empty();
    }
}
