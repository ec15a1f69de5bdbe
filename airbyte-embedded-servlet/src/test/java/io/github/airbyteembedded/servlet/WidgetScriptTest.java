package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.testkit.AirbyteEmulator;
import jakarta.servlet.ServletContext;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WidgetScriptTest {

    private static final String HASH = "sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC";

    @Test
    void neverUsesTheAutoMinifiedDefaultUrl() {
        String url = WidgetScript.builder().version("0.4.4").build().scriptUrl("");
        assertTrue(url.endsWith("@0.4.4/dist/airbyte-embedded-widget.iife.js"), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"^0.4", "^0.4.5", "~0.4.5", "0.4", "0.x", "0.4.x", "latest", "*", ">=0.4.5", "0.4.5 || 0.4.6", "v0.4.5", ""})
    void refusesVersionRangesAndTags(String version) {
        AirbyteEmbeddedConfigException e = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> WidgetScript.builder().version(version).build());
        assertEquals("widget-version", e.setting());
        assertTrue(e.getMessage().contains("exact version"), e.getMessage());
    }

    @Test
    void acceptsAnExactPreReleaseVersion() {
        assertEquals("0.5.0-beta.1", WidgetScript.builder().version("0.5.0-beta.1").build().version());
    }

    @Test
    void selfHostedBaseIsRelativeToTheContextPath() {
        WidgetScript script = WidgetScript.builder().cdnBase("/vendor/npm/").build();
        assertTrue(script.selfHosted());
        assertEquals("/shop/vendor/npm/@airbyte-embedded/airbyte-embedded-widget@0.4.5/dist/airbyte-embedded-widget.iife.js",
                script.scriptUrl("/shop"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://cdn.example.com/npm", "ftp://cdn.example.com", "cdn.example.com/npm", "//cdn.example.com",
            "https://cdn.example.com/npm?x=1", "https://user@cdn.example.com/npm", "/a b", "/a\"b", "https://cdn.example.com/a;b"})
    void refusesUnsafeCdnBases(String base) {
        assertEquals("widget-cdn-base", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> WidgetScript.builder().cdnBase(base).build()).setting());
    }

    @Test
    void acceptsHttpOnlyOnLoopback() {
        assertEquals("http://127.0.0.1:8181/npm", WidgetScript.builder().cdnBase("http://127.0.0.1:8181/npm").build().cdnBase());
        assertEquals("http://localhost:8181/npm", WidgetScript.builder().cdnBase("http://localhost:8181/npm").build().cdnBase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha1-abc", "md5-xyz", "sha384", "sha384-not base64!", "\"sha384-abc\""})
    void refusesMalformedIntegrity(String integrity) {
        assertEquals("widget-integrity", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> WidgetScript.builder().integrity(integrity).build()).setting());
    }

    @Test
    void acceptsSeveralHashes() {
        String two = HASH + "  sha512-" + "A".repeat(86) + "==";
        assertEquals(Optional.of(HASH + " sha512-" + "A".repeat(86) + "=="), WidgetScript.builder().integrity(two).build().integrity());
    }

    @Test
    void computesIntegrityFromBytesAndFromAFile(@TempDir Path dir) throws Exception {
        byte[] bytes = "window.AirbyteEmbeddedWidget = function () {};".getBytes(StandardCharsets.UTF_8);
        String expected = "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(bytes));
        Path file = Files.write(dir.resolve("widget.js"), bytes);

        assertEquals(Optional.of(expected), WidgetScript.builder().integrityOf(bytes).build().integrity());
        assertEquals(Optional.of(expected), WidgetScript.builder().integrityOf(file).build().integrity());
        assertFalse(WidgetScript.builder().integrityOf(file).build().integrityMissing());
    }

    @Test
    void computesIntegrityFromTheEmulatorAndAgreesWithIt() {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            WidgetScript script = WidgetScript.builder().cdnBase(emulator.baseUri() + "/npm").computeIntegrity().build();

            assertEquals(Optional.of(AirbyteEmulator.widgetScriptIntegrity()), script.integrity());
            assertEquals(emulator.widgetScriptUri("0.4.5").toString(), script.scriptUrl(""));
        }
    }

    @Test
    void refusesToComputeIntegrityFromARemoteCdn() {
        AirbyteEmbeddedConfigException e = assertThrows(AirbyteEmbeddedConfigException.class,
                () -> WidgetScript.builder().computeIntegrity().build());
        assertEquals("widget-integrity", e.setting());
        assertTrue(e.getMessage().contains("pins nothing"), e.getMessage());
    }

    @Test
    void computesASelfHostedCopysIntegrityFromTheWebApplication() {
        byte[] bytes = "self-hosted".getBytes(StandardCharsets.UTF_8);
        String path = "/vendor/@airbyte-embedded/airbyte-embedded-widget@0.4.5/dist/airbyte-embedded-widget.iife.js";
        ServletContext context = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class}, (self, method, args) ->
                        method.getName().equals("getResourceAsStream") && path.equals(args[0]) ? new ByteArrayInputStream(bytes) : null);
        WidgetScript pending = WidgetScript.builder().cdnBase("/vendor").computeIntegrity().build();
        assertTrue(pending.integrity().isEmpty());

        WidgetScript resolved = pending.resolvedWith(context);

        assertEquals(Optional.of(WidgetScript.sri(bytes)), resolved.integrity());
        WidgetScript configured = WidgetScript.builder().integrity(HASH).build();
        assertSame(configured, configured.resolvedWith(context));
        assertEquals("widget-integrity", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> WidgetScript.builder().cdnBase("/elsewhere").computeIntegrity().build().resolvedWith(context)).setting());
    }

    @Test
    void withoutIntegrityIsAChoiceThatSilencesTheWarning() {
        WidgetScript script = WidgetScript.builder().withoutIntegrity().build();
        assertTrue(script.integrity().isEmpty());
        assertFalse(script.integrityMissing());
    }

    @Test
    void styleSourceIsTheVendorHashFor045AndUnsafeInlineOtherwise() {
        assertEquals("'" + WidgetScript.VENDOR_0_4_5_STYLE_HASH + "'", WidgetScript.defaults().styleSource());
        assertFalse(WidgetScript.defaults().styleHashMissing());
        WidgetScript other = WidgetScript.builder().version("0.4.6").build();
        assertEquals("'unsafe-inline'", other.styleSource());
        assertTrue(other.styleHashMissing());
        assertEquals("'sha256-abc='", WidgetScript.builder().styleHash("'sha256-abc='").build().styleSource());
        assertEquals("'sha256-abc='", WidgetScript.builder().version("0.4.6").styleHash("sha256-abc=").build().styleSource());
        assertFalse(WidgetScript.builder().version("0.4.6").unsafeInlineStyles().build().styleHashMissing());
        assertEquals("widget-style-hash", assertThrows(AirbyteEmbeddedConfigException.class,
                () -> WidgetScript.builder().styleHash("unsafe-eval").build()).setting());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        WidgetScript script = WidgetScript.builder().version("0.4.4").cdnBase("/vendor").integrity(HASH)
                .styleHash("sha256-abc=").build();
        assertEquals(script, script.toBuilder().build());
    }
}
