package io.github.airbyteembedded.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.airbyteembedded.servlet.internal.settings.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps the property table of {@code docs/spring-boot.md} (between {@code <!-- properties:start -->}
 * and {@code <!-- properties:end -->}) in step with the metadata of this module's own properties, which
 * {@code spring-boot-configuration-processor} generates from {@link AirbyteEmbeddedProperties}: the
 * same keys, the same defaults, and a hint for every enumerated value. The core's settings are {@code
 * airbyte.embedded.<key>}, documented by the settings reference, {@code docs/settings.md} ({@link SettingsMetadataTest}).
 */
class PropertiesDocumentationTest {

    static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    /** The Spring Boot page; tests run in this module's directory. */
    static final Path DOCUMENT = Path.of("..", "docs", "spring-boot.md");
    static final String TABLE_START = "<!-- properties:start -->";
    static final String TABLE_END = "<!-- properties:end -->";
    private static final String NONE = "–";

    @Test
    void tableListsExactlyTheGeneratedProperties() {
        Set<String> generated = new TreeSet<>(ownProperties().keySet());
        Set<String> documented = new TreeSet<>(documentedDefaults().keySet());
        assertEquals(generated, documented, "docs/spring-boot.md property table vs " + METADATA);
    }

    @Test
    void tableGivesTheGeneratedDefaults() {
        Map<String, String> documented = documentedDefaults();
        List<String> wrong = new ArrayList<>();
        ownProperties().forEach((name, property) -> {
            JsonNode value = property.get("defaultValue");
            String expected = value == null || value.isNull() ? NONE : "`" + value.asText() + "`";
            if (!expected.equals(documented.get(name))) {
                wrong.add(name + ": table says " + documented.get(name) + ", metadata " + expected);
            }
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everyPropertyHasADescriptionInTheMetadata() {
        metadataProperties().forEach((name, property) -> assertTrue(property.has("deprecation")
                || property.hasNonNull("description") && !property.get("description").asText().isBlank(), name));
    }

    @Test
    void enumeratedValuesHaveHints() throws IOException {
        JsonNode metadata = new ObjectMapper().readTree(METADATA.toFile());
        Set<String> hinted = new TreeSet<>();
        metadata.path("hints").forEach(hint -> hinted.add(hint.get("name").asText()));
        assertTrue(hinted.containsAll(List.of("airbyte.embedded.source-template-tags-mode",
                "airbyte.embedded.connection-template-tags-mode", "airbyte.embedded.region-id")), hinted.toString());
    }

    /** This module's own properties: neither a setting of the core's table nor an older name. */
    static Map<String, JsonNode> ownProperties() {
        Map<String, JsonNode> own = new LinkedHashMap<>(metadataProperties());
        own.values().removeIf(property -> property.has("deprecation"));
        Settings.ALL.forEach(setting -> own.remove(setting.springProperty()));
        return own;
    }

    static Map<String, JsonNode> metadataProperties() {
        try {
            JsonNode metadata = new ObjectMapper().readTree(METADATA.toFile());
            Map<String, JsonNode> properties = new LinkedHashMap<>();
            metadata.path("properties").forEach(property -> properties.put(property.get("name").asText(), property));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + METADATA.toAbsolutePath(), e);
        }
    }

    @Test
    void theTableIsBetweenOneStartAndOneEndMarker() {
        List<String> lines = readme();
        assertEquals(1, lines.stream().filter(TABLE_START::equals).count(), TABLE_START);
        assertEquals(1, lines.stream().filter(TABLE_END::equals).count(), TABLE_END);
        assertTrue(lines.indexOf(TABLE_START) < lines.indexOf(TABLE_END), "start before end");
        assertTrue(tableLines().stream().anyMatch(line -> line.startsWith("| Property | Default |")), "a header row");
    }

    private static List<String> readme() {
        try {
            return Files.readAllLines(DOCUMENT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT.toAbsolutePath(), e);
        }
    }

    /** The lines between the markers; none when a marker is missing (the marker test then says so). */
    private static List<String> tableLines() {
        List<String> lines = readme();
        int start = lines.indexOf(TABLE_START);
        int end = lines.indexOf(TABLE_END);
        return start < 0 || end < start ? List.of() : lines.subList(start + 1, end);
    }

    /** Property name to its Default cell, from the rows of the table that start with a property key. */
    static Map<String, String> documentedDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String line : tableLines()) {
            if (!line.startsWith("| `airbyte.embedded.")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String name = cells[1].strip().replace("`", "");
            String previous = defaults.put(name, cells[2].strip());
            assertEquals(null, previous, name + " is listed twice");
        }
        return defaults;
    }
}
