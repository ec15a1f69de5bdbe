package io.github.airbyteembedded.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.airbyteembedded.servlet.internal.settings.RateLimit;
import io.github.airbyteembedded.servlet.internal.settings.Setting;
import io.github.airbyteembedded.servlet.internal.settings.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The IDE metadata of the core's settings is generated from their table: the {@code properties} of
 * {@code META-INF/additional-spring-configuration-metadata.json} are one property per setting ({@code
 * airbyte.embedded.<key>}, its type, description and default) and the older names, deprecated in favour
 * of it. This test fails when the file differs, and prints (and writes to {@code
 * target/additional-spring-configuration-metadata.json}) the file to put there; the {@code hints} stay
 * as written, and must name properties that exist.
 */
class SettingsMetadataTest {

    static final Path FILE = Path.of("src/main/resources/META-INF/additional-spring-configuration-metadata.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void theAdditionalMetadataIsGeneratedFromTheTableOfSettings() throws IOException {
        JsonNode file = JSON.readTree(FILE.toFile());
        ObjectNode expected = JSON.createObjectNode();
        expected.set("properties", properties());
        expected.set("hints", file.path("hints"));
        String text = JSON.writeValueAsString(expected) + "\n";
        Files.writeString(Path.of("target", "additional-spring-configuration-metadata.json"), text, StandardCharsets.UTF_8);
        assertEquals(JSON.writeValueAsString(expected.get("properties")), JSON.writeValueAsString(file.path("properties")),
                FILE + " is not generated from the table of settings; replace it with:\n" + text);
    }

    @Test
    void everySettingOfTheTableIsExactlyOnePropertyAndEveryOtherPropertyIsThisModulesOwnOrDeprecated() {
        Map<String, JsonNode> metadata = PropertiesDocumentationTest.metadataProperties();
        Set<String> current = new TreeSet<>();
        metadata.forEach((name, property) -> {
            if (!property.has("deprecation")) {
                current.add(name);
            }
        });
        for (Setting<?> setting : Settings.ALL) {
            assertTrue(current.remove(setting.springProperty()), setting.springProperty() + " is not a property");
        }
        assertEquals(Set.copyOf(PropertiesDocumentationTest.documentedDefaults().keySet()), current,
                "the properties of this module only, which the table of docs/spring-boot.md lists");
    }

    @Test
    void hintsNameProperties() throws IOException {
        Set<String> names = PropertiesDocumentationTest.metadataProperties().keySet();
        for (JsonNode hint : JSON.readTree(FILE.toFile()).path("hints")) {
            assertTrue(names.contains(hint.path("name").asText()), hint.path("name").asText());
        }
    }

    /** One property per setting, then the deprecated older names. */
    static ArrayNode properties() {
        ArrayNode properties = JSON.createArrayNode();
        List<ObjectNode> deprecated = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            ObjectNode property = properties.addObject()
                    .put("name", setting.springProperty())
                    .put("type", type(setting))
                    .put("description", setting.description().replace("`", ""));
            defaultValue(setting, property);
            List<String> old = new ArrayList<>(setting.aliases());
            for (String alias : setting.aliases()) {
                deprecated.add(deprecated(SettingsBinding.PREFIX + alias, type(setting), setting.springProperty()));
            }
            if (setting.type() == RateLimit.class) {
                old.add(0, setting.key());
                for (String group : old) {
                    deprecated.add(deprecated(SettingsBinding.PREFIX + group + ".enabled", "java.lang.Boolean", setting.springProperty()));
                    deprecated.add(deprecated(SettingsBinding.PREFIX + group + ".permits", "java.lang.Integer", setting.springProperty()));
                    deprecated.add(deprecated(SettingsBinding.PREFIX + group + ".period", "java.time.Duration", setting.springProperty()));
                }
            }
        }
        deprecated.add(deprecated(SettingsBinding.PREFIX + "emulator.port", "java.lang.Integer", SettingsBinding.PREFIX + "emulator-port"));
        deprecated.forEach(properties::add);
        return properties;
    }

    private static ObjectNode deprecated(String name, String type, String replacement) {
        ObjectNode property = JSON.createObjectNode().put("name", name).put("type", type);
        property.putObject("deprecation").put("level", "warning").put("replacement", replacement);
        return property;
    }

    private static String type(Setting<?> setting) {
        Class<?> type = setting.type();
        if (type == List.class) {
            return "java.util.List<java.lang.String>";
        }
        return setting.parsedFromText() ? "java.lang.String" : type.getName();
    }

    private static void defaultValue(Setting<?> setting, ObjectNode property) {
        Object value = setting.defaultValue();
        if (!setting.hasDefaultValue() || value instanceof List<?> list && list.isEmpty()) {
            return;
        }
        if (value instanceof Boolean flag) {
            property.put("defaultValue", flag);
        } else if (value instanceof Integer number) {
            property.put("defaultValue", number);
        } else if (value instanceof Duration || value instanceof RateLimit || value instanceof Enum<?>) {
            property.put("defaultValue", Settings.format(value));
        } else {
            property.put("defaultValue", String.valueOf(value));
        }
    }
}
