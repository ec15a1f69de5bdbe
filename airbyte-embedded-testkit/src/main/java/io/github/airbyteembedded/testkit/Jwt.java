package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 JSON Web Tokens signed with a key that lives only as long as one emulator. Verification checks
 * the header and the signature; expiry and token type are for the caller, which owns the clock.
 */
final class Jwt {

    private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();
    private static final String HEADER = URL_ENCODER.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));

    private final SecretKeySpec key;

    private Jwt(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** A signer with a fresh random 256-bit key. */
    static Jwt withRandomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Jwt(key);
    }

    String sign(ObjectNode claims) {
        String payload = URL_ENCODER.encodeToString(Json.bytes(claims));
        String signingInput = HEADER + "." + payload;
        return signingInput + "." + URL_ENCODER.encodeToString(mac(signingInput));
    }

    /** The claims of a token this signer issued; empty when it is malformed or its signature is wrong. */
    Optional<JsonNode> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !HEADER.equals(parts[0])) {
            return Optional.empty();
        }
        byte[] signature;
        try {
            signature = URL_DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(signature, mac(parts[0] + "." + parts[1]))) {
            return Optional.empty();
        }
        try {
            return Json.parse(URL_DECODER.decode(parts[1])).filter(JsonNode::isObject);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
