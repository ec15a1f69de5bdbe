package io.github.airbyteembedded.servlet.page.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The bootstrap script shipped in this jar ({@code airbyte-embedded-bootstrap.js}), read once: its
 * bytes, its path (which contains the first 16 hex digits of its SHA-256, so that a new version of the
 * library gets a new URL and the old one can be cached forever) and its Subresource Integrity value.
 */
public final class BootstrapScript {

    static final String RESOURCE = "airbyte-embedded-bootstrap.js";
    static final String PATH_PREFIX = "/airbyte-embedded/bootstrap-";

    static final BootstrapScript INSTANCE = load();

    private final byte[] bytes;
    private final String path;
    private final String integrity;

    private BootstrapScript(byte[] bytes, String path, String integrity) {
        this.bytes = bytes;
        this.path = path;
        this.integrity = integrity;
    }

    static BootstrapScript of(byte[] bytes) {
        String hash = HexFormat.of().formatHex(digest("SHA-256", bytes)).substring(0, 16);
        return new BootstrapScript(bytes.clone(), PATH_PREFIX + hash + ".js",
                "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", bytes)));
    }

    private static BootstrapScript load() {
        try (InputStream in = BootstrapScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the airbyte-embedded-servlet jar");
            }
            return of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    /** The path relative to the context path, e.g. {@code /airbyte-embedded/bootstrap-0123456789abcdef.js}. */
    String path() {
        return path;
    }

    /** {@code sha384-<base64>}. */
    String integrity() {
        return integrity;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    int length() {
        return bytes.length;
    }

    void writeTo(java.io.OutputStream out) throws IOException {
        out.write(bytes);
    }
}
