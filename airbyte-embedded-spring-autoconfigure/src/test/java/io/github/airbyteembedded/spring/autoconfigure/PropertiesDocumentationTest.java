package io.github.airbyteembedded.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Keeps the property table of {@code PROPERTIES.md} (folded into the README) in step with the
 * metadata that {@code spring-boot-configuration-processor} generates: the same keys, the same
 * defaults, and a hint for every enumerated value.
 */
class PropertiesDocumentationTest {

    static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    static final Path DOCUMENT = Path.of("PROPERTIES.md");
    private static final String NONE = "–";

    @Test
    void tableListsExactlyTheGeneratedProperties() {
        Set<String> generated = new TreeSet<>(metadataProperties().keySet());
        Set<String> documented = new TreeSet<>(documentedDefaults().keySet());
        assertEquals(generated, documented, "PROPERTIES.md table vs " + METADATA);
    }

    @Test
    void tableGivesTheGeneratedDefaults() {
        Map<String, String> documented = documentedDefaults();
        List<String> wrong = new ArrayList<>();
        metadataProperties().forEach((name, property) -> {
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
        metadataProperties().forEach((name, property) -> assertTrue(
                property.hasNonNull("description") && !property.get("description").asText().isBlank(), name));
    }

    @Test
    void enumeratedValuesHaveHints() throws IOException {
        JsonNode metadata = new ObjectMapper().readTree(METADATA.toFile());
        Set<String> hinted = new TreeSet<>();
        metadata.path("hints").forEach(hint -> hinted.add(hint.get("name").asText()));
        assertTrue(hinted.containsAll(List.of("airbyte.embedded.source-template-tags-mode",
                "airbyte.embedded.connection-template-tags-mode", "airbyte.embedded.region-id")), hinted.toString());
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

    /** Property name to its Default cell, from the rows of the table that start with a property key. */
    static Map<String, String> documentedDefaults() {
        try {
            Map<String, String> defaults = new LinkedHashMap<>();
            for (String line : Files.readAllLines(DOCUMENT, StandardCharsets.UTF_8)) {
                if (!line.startsWith("| `airbyte.embedded.")) {
                    continue;
                }
                String[] cells = line.split("\\|");
                String name = cells[1].strip().replace("`", "");
                String previous = defaults.put(name, cells[2].strip());
                assertEquals(null, previous, name + " is listed twice");
            }
            return defaults;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT.toAbsolutePath(), e);
        }
    }
}
