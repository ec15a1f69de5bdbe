package io.github.airbyteembedded.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The store's Redis keys: {@code <prefix><kind>:<hash>}, where the hash is the first 128 bits of the
 * SHA-256 of the user's key or of the (workspace, source) pair, in hex, so that no user name, e-mail
 * address or workspace name is written to Redis.
 */
final class Keys {

    private static final HexFormat HEX = HexFormat.of();

    private Keys() {
    }

    static byte[] of(byte[] prefix, String kind, String identity) {
        byte[] digest = sha256(identity);
        String hash = HEX.formatHex(digest, 0, 16);
        byte[] rest = (kind + hash).getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[prefix.length + rest.length];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        System.arraycopy(rest, 0, key, prefix.length, rest.length);
        return key;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required algorithm of every JDK", e);
        }
    }
}
