package io.github.airbyteembedded.buildchecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Markdown file of the repository, read as GitHub renders it, as far as the documentation checks need:
 * its fenced code blocks, its headings' anchors and its links outside code.
 */
final class Markdown {

    /** A fenced code block: the line of its opening fence (1-based), its info string, its lines. */
    record CodeBlock(int line, String language, List<String> lines) {
    }

    /** A link outside code: the line it is on (1-based) and its target as written. */
    record Link(int line, String target) {
    }

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*([^`\\s]*).*$");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HTML_ID = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

    private final Path file;
    private final List<String> lines;

    private Markdown(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    static Markdown read(Path file) {
        try {
            return new Markdown(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file() {
        return file;
    }

    List<String> lines() {
        return lines;
    }

    /** The fenced code blocks, in order. */
    List<CodeBlock> codeBlocks() {
        List<CodeBlock> blocks = new ArrayList<>();
        String fence = null;
        int start = 0;
        String language = "";
        List<String> body = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher matcher = FENCE.matcher(line);
            if (fence == null && matcher.matches()) {
                fence = matcher.group(1);
                language = matcher.group(2).toLowerCase(Locale.ROOT);
                start = i + 1;
                body = new ArrayList<>();
            } else if (fence != null && isClosing(line.strip(), fence)) {
                blocks.add(new CodeBlock(start, language, List.copyOf(body)));
                fence = null;
            } else if (fence != null) {
                body.add(line);
            }
        }
        return blocks;
    }

    private static boolean isClosing(String line, String fence) {
        return line.startsWith(fence) && line.chars().allMatch(c -> c == fence.charAt(0));
    }

    /** Whether each line (0-based index) is inside a fenced code block, its fences included. */
    private boolean[] inCode() {
        boolean[] code = new boolean[lines.size()];
        for (CodeBlock block : codeBlocks()) {
            for (int i = block.line() - 1; i <= block.line() + block.lines().size() && i < code.length; i++) {
                code[i] = true;
            }
        }
        return code;
    }

    /** The anchors GitHub gives the headings (and the explicit {@code <a id>} anchors). */
    Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean[] code = inCode();
        for (int i = 0; i < lines.size(); i++) {
            if (code[i]) {
                continue;
            }
            Matcher html = HTML_ID.matcher(lines.get(i));
            while (html.find()) {
                anchors.add(html.group(1));
            }
            Matcher heading = HEADING.matcher(lines.get(i));
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    /** The links outside code blocks and code spans. */
    List<Link> links() {
        List<Link> links = new ArrayList<>();
        boolean[] code = inCode();
        for (int i = 0; i < lines.size(); i++) {
            if (code[i]) {
                continue;
            }
            String text = CODE_SPAN.matcher(lines.get(i)).replaceAll("code");
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                links.add(new Link(i + 1, link.group(1)));
            }
        }
        return links;
    }

    /** The Markdown files of the repository, outside build output and hidden directories. */
    static List<Path> filesUnder(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(".md"))
                    .filter(path -> isSource(root, path))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a path is part of the sources: not in a build's output, a dependency cache or a hidden directory. */
    static boolean isSource(Path root, Path path) {
        for (Path part : root.relativize(path)) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
                return false;
            }
        }
        return true;
    }
}
