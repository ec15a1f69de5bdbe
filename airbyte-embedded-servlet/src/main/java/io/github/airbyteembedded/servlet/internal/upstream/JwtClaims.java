package io.github.airbyteembedded.servlet.internal.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads what the library needs from the tokens Airbyte issues, without verifying them (Airbyte does
 * that): base64 JSON, and a JWT's {@code exp}. Never logs or keeps what it reads.
 */
final class JwtClaims {

    private JwtClaims() {
    }

    /** The {@code exp} of a JWT ({@code header.payload.signature}); empty when it has none or is no JWT. */
    static Optional<Instant> expiry(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Optional<JsonNode> claims = base64Json(parts[1]);
        if (claims.isEmpty() || !claims.get().path("exp").isNumber() || !claims.get().path("exp").canConvertToLong()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(claims.get().get("exp").asLong()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A JSON object encoded in standard or URL-safe base64, padding optional; empty when it is not one. */
    static Optional<JsonNode> base64Json(String text) {
        String normalized = text.strip().replace('-', '+').replace('_', '/');
        int padding = (4 - normalized.length() % 4) % 4;
        normalized = normalized + "=".repeat(padding == 3 ? 0 : padding);
        try {
            byte[] bytes = Base64.getDecoder().decode(normalized);
            return Json.parseObject(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
