package io.github.airbyteembedded.servlet.internal.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A widget token as Airbyte returns it: base64 of JSON {@code {"token": <JWT>, "widgetUrl": <URL>}},
 * with what the route reads from it (the inner JWT's {@code exp}, the widget page URL).
 *
 * @param value the opaque token handed to the browser; printed redacted
 * @param expiresAt the {@code exp} of the inner JWT
 * @param widgetUrl the URL of the widget page the iframe loads
 */
public record WidgetToken(Secret value, Instant expiresAt, URI widgetUrl) {

    public WidgetToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(widgetUrl, "widgetUrl");
    }

    /**
     * Reads a widget token the way the widget does (standard or URL-safe base64, padding optional).
     * Returns empty when it is not in the documented format (a wrong type, a missing field, an {@code
     * exp} that is not a number of seconds an {@link Instant} holds); never throws, and the reason is
     * never the token's content.
     */
    static Optional<WidgetToken> decode(String token) {
        Optional<JsonNode> outer = JwtClaims.base64Json(token);
        if (outer.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> jwt = Json.text(outer.get(), "token");
        Optional<String> widgetUrl = Json.text(outer.get(), "widgetUrl");
        if (jwt.isEmpty() || widgetUrl.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> exp = JwtClaims.expiry(jwt.get());
        if (exp.isEmpty()) {
            return Optional.empty();
        }
        URI url;
        try {
            url = URI.create(widgetUrl.get());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!url.isAbsolute() || url.getHost() == null) {
            return Optional.empty();
        }
        return Optional.of(new WidgetToken(Secret.of(token), exp.get(), url));
    }

    @Override
    public String toString() {
        return "WidgetToken{value=" + value + ", expiresAt=" + expiresAt + ", widgetUrl=" + widgetUrl + "}";
    }
}
