package io.github.airbyteembedded.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The widget script, the widget page and its assets, read once from the classpath. The script's bytes
 * are the same in every emulator of one testkit version, so a Subresource Integrity hash of it holds;
 * the {@code <style>} text it injects is fixed, so a CSP hash of it holds too.
 */
final class WidgetAssets {

    private static final String BASE = "widget/";

    static final String STYLE_TEXT = read("widget.css").strip();
    static final byte[] SCRIPT = read("airbyte-embedded-widget.iife.js")
            .replace("\"@@STYLE_TEXT@@\"", Json.write(STYLE_TEXT))
            .getBytes(StandardCharsets.UTF_8);
    static final String SCRIPT_INTEGRITY = "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", SCRIPT));
    static final String STYLE_CSP_HASH = "sha256-" + Base64.getEncoder()
            .encodeToString(digest("SHA-256", STYLE_TEXT.getBytes(StandardCharsets.UTF_8)));
    static final byte[] PAGE_SCRIPT = read("widget-page.js").getBytes(StandardCharsets.UTF_8);
    static final byte[] PAGE_STYLE = read("widget-page.css").getBytes(StandardCharsets.UTF_8);
    static final String PAGE_TEMPLATE = read("widget-page.html");

    private WidgetAssets() {
    }

    private static String read(String name) {
        try (InputStream in = WidgetAssets.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException(BASE + name + " is missing from the testkit jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
