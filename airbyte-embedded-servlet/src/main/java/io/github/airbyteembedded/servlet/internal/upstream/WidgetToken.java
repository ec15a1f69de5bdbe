package io.github.airbyteembedded.servlet.internal.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A widget token as Airbyte returns it: base64 of JSON {@code {"token": <JWT>, "widgetUrl": <URL>}},
 * with what the route reads from it (the inner JWT's {@code exp}, the widget page URL).
 *
 * @param value the opaque token handed to the browser; printed redacted
 * @param expiresAt the {@code exp} of the inner JWT, or the documented lifetime from when it was received
 *     when the inner token has no readable {@code exp}
 * @param widgetUrl the URL of the widget page the iframe loads
 * @param expiryAssumed whether {@code expiresAt} is the documented lifetime rather than the token's own {@code exp}
 */
public record WidgetToken(Secret value, Instant expiresAt, URI widgetUrl, boolean expiryAssumed) {

    /** The lifetime Airbyte documents for widget tokens (as for scoped tokens), assumed when the token has no readable {@code exp}. */
    public static final Duration DOCUMENTED_LIFETIME = Duration.ofMinutes(20);

    public WidgetToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(widgetUrl, "widgetUrl");
    }

    /** A token whose expiry is its own {@code exp}. */
    public WidgetToken(Secret value, Instant expiresAt, URI widgetUrl) {
        this(value, expiresAt, widgetUrl, false);
    }

    /**
     * Reads a widget token the way the widget does (standard or URL-safe base64, padding optional): only
     * an absolute {@code widgetUrl} is required, as the widget requires only that. The expiry is the inner
     * JWT's {@code exp}; when there is no readable one (no inner token, not a JWT, no {@code exp}, one an
     * {@link Instant} cannot hold), {@link #DOCUMENTED_LIFETIME} from {@code receivedAt}. Returns empty
     * when it is not a widget token at all; never throws, and the reason is never the token's content.
     */
    static Optional<WidgetToken> decode(String token, Instant receivedAt) {
        Optional<JsonNode> outer = JwtClaims.base64Json(token);
        Optional<String> widgetUrl = outer.flatMap(node -> Json.text(node, "widgetUrl"));
        if (widgetUrl.isEmpty()) {
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
        Optional<Instant> exp = Json.text(outer.get(), "token").flatMap(JwtClaims::expiry);
        return Optional.of(new WidgetToken(Secret.of(token), exp.orElse(receivedAt.plus(DOCUMENTED_LIFETIME)), url,
                exp.isEmpty()));
    }

    @Override
    public String toString() {
        return "WidgetToken{value=" + value + ", expiresAt=" + expiresAt + (expiryAssumed ? " (assumed)" : "")
                + ", widgetUrl=" + widgetUrl + "}";
    }
}
