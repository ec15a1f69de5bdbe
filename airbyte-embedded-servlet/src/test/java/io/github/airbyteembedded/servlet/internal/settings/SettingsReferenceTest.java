package io.github.airbyteembedded.servlet.internal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The settings reference, {@code docs/settings.md}, between {@code <!-- settings:start -->} and
 * {@code <!-- settings:end -->}, is generated from the table of {@link Settings}: this test fails when
 * the page differs, and prints the text to paste (also written to {@code target/settings-reference.md}).
 */
class SettingsReferenceTest {

    /** The settings reference; tests run in this module's directory. */
    static final Path DOCUMENT = Path.of("..", "docs", "settings.md");
    static final String START = "<!-- settings:start -->";
    static final String END = "<!-- settings:end -->";

    @Test
    void theSettingsReferenceIsTheTable() throws IOException {
        String generated = reference();
        Files.writeString(Path.of("target", "settings-reference.md"), generated, StandardCharsets.UTF_8);
        List<String> lines = Files.readAllLines(DOCUMENT, StandardCharsets.UTF_8);
        int start = lines.indexOf(START);
        int end = lines.indexOf(END);
        String documented = start < 0 || end < start ? "(no " + START + " ... " + END + " in docs/settings.md)"
                : String.join("\n", lines.subList(start + 1, end));
        assertEquals(generated, documented, "docs/settings.md is not the table of Settings; put this between "
                + START + " and " + END + ":\n" + generated + "\n");
    }

    /** The Markdown table: one row per setting, in the table's order. */
    static String reference() {
        List<String> rows = new ArrayList<>();
        rows.add("| Setting | In code | Default | Description |");
        rows.add("|---|---|---|---|");
        for (Setting<?> setting : Settings.ALL) {
            String inCode = setting.builderMethod().equals("–") ? "–" : "`" + setting.builderMethod() + "`";
            rows.add("| " + names(setting) + " | " + inCode + " | " + defaultCell(setting) + " | " + description(setting) + " |");
        }
        return String.join("\n", rows);
    }

    private static String names(Setting<?> setting) {
        String key = "`" + setting.key() + "`";
        return switch (setting.kind()) {
            case VALUE -> key;
            case VALUE_OR_ENVIRONMENT -> key + " (or `" + setting.key() + "-env`)";
            case SECRET -> key + " (secret: `" + setting.key() + "-env` or `" + setting.key() + "-property`)";
        };
    }

    private static String defaultCell(Setting<?> setting) {
        return setting.hasDefaultValue() && !setting.defaultText().isEmpty() ? "`" + setting.defaultText() + "`"
                : setting.defaultValue() != null && setting.defaultText().isEmpty() ? "none" : setting.defaultText();
    }

    private static String description(Setting<?> setting) {
        String formerly = setting.aliases().isEmpty() ? ""
                : " Older name: " + setting.aliases().stream().map(alias -> "`" + alias + "`").collect(Collectors.joining(", ")) + ".";
        return setting.description() + formerly;
    }
}
