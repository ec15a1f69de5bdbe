package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A decoded widget token: the opaque string that {@code POST /api/v1/account/applications/widget-token}
 * returns, opened the way the widget opens it. The string is base64 of JSON
 * {@code {"token": <JWT>, "widgetUrl": <URL>}}; this class accepts standard and URL-safe base64, with or
 * without padding, and reads the inner JWT's claims <em>without</em> verifying its signature.
 *
 * <pre>{@code
 * WidgetToken token = WidgetToken.decode(responseJson.get("token").asText());
 * assertEquals("https://app.example.com", token.allowedOrigin());
 * assertTrue(token.expiresAt().isAfter(Instant.now()));
 * }</pre>
 *
 * <p>Works on tokens from the emulator and from the real service. {@link #toString()} never prints the
 * JWT.
 *
 * @since 0.1.0
 */
public final class WidgetToken {

    /** The claim that carries {@code {"workspaceId": ...}} in the inner JWT. */
    public static final String WORKSPACE_SCOPE_CLAIM = "io.airbyte.auth.workspace_scope";

    private final String jwt;
    private final URI widgetUrl;
    private final Map<String, Object> claims;
    private final JsonNode claimsNode;

    private WidgetToken(String jwt, URI widgetUrl, JsonNode claimsNode) {
        this.jwt = jwt;
        this.widgetUrl = widgetUrl;
        this.claimsNode = claimsNode;
        this.claims = Collections.unmodifiableMap(
                Json.MAPPER.convertValue(claimsNode, new TypeReference<LinkedHashMap<String, Object>>() { }));
    }

    /**
     * Decodes a widget token.
     *
     * @param token the opaque token string, in standard or URL-safe base64, padding optional
     * @return the decoded token
     * @throws NullPointerException if {@code token} is null
     * @throws IllegalArgumentException if the string is not a widget token: not base64, not a JSON
     *     object, {@code token} or {@code widgetUrl} missing, the JWT not three base64url parts with a
     *     JSON object payload, or {@code widgetUrl} not an absolute URL. The message never contains the
     *     token.
     */
    public static WidgetToken decode(String token) {
        Objects.requireNonNull(token, "token");
        JsonNode outer = base64Json(token)
                .orElseThrow(() -> new IllegalArgumentException("not a widget token: not base64 of a JSON object"));
        JsonNode jwtNode = outer.get("token");
        JsonNode urlNode = outer.get("widgetUrl");
        if (jwtNode == null || !jwtNode.isTextual() || urlNode == null || !urlNode.isTextual()) {
            throw new IllegalArgumentException("not a widget token: 'token' and 'widgetUrl' strings are required");
        }
        String[] parts = jwtNode.asText().split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a widget token: the inner token is not a JWT");
        }
        JsonNode claims = base64Json(parts[1])
                .orElseThrow(() -> new IllegalArgumentException("not a widget token: the JWT payload is not JSON"));
        URI url;
        try {
            url = new URI(urlNode.asText());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a widget token: widgetUrl is not a URL");
        }
        if (!url.isAbsolute() || url.getHost() == null) {
            throw new IllegalArgumentException("not a widget token: widgetUrl is not an absolute URL");
        }
        return new WidgetToken(jwtNode.asText(), url, claims);
    }

    private static Optional<JsonNode> base64Json(String text) {
        String normalized = text.strip().replace('-', '+').replace('_', '/');
        int remainder = normalized.length() % 4;
        if (remainder == 1) {
            return Optional.empty();
        }
        if (remainder != 0 && !normalized.endsWith("=")) {
            normalized = normalized + "=".repeat(4 - remainder);
        }
        try {
            return Json.parse(Base64.getDecoder().decode(normalized)).filter(JsonNode::isObject);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The scoped JWT inside the token, the value the widget posts to its iframe as {@code scopedAuthToken}.
     *
     * @return the JWT
     */
    public String jwt() {
        return jwt;
    }

    /**
     * The widget page the widget's iframe loads.
     *
     * @return the absolute {@code widgetUrl}
     */
    public URI widgetUrl() {
        return widgetUrl;
    }

    /**
     * The workspace the token is scoped to: the JWT's {@code io.airbyte.auth.workspace_scope.workspaceId},
     * else the {@code workspaceId} query parameter of {@link #widgetUrl()}.
     *
     * @return the workspace id
     * @throws IllegalStateException if neither is present or it is not a UUID
     */
    public UUID workspaceId() {
        String value = claimsNode.path(WORKSPACE_SCOPE_CLAIM).path("workspaceId").asText(null);
        if (value == null) {
            value = queryParameter("workspaceId").orElse(null);
        }
        if (value == null) {
            throw new IllegalStateException("the token names no workspace");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the token's workspace id is not a UUID");
        }
    }

    /**
     * The origin the widget page will talk to: the decoded {@code allowedOrigin} query parameter of
     * {@link #widgetUrl()}.
     *
     * @return the allowed origin, for example {@code http://localhost:8080}
     * @throws IllegalStateException if the widget URL has no {@code allowedOrigin}
     */
    public String allowedOrigin() {
        return queryParameter("allowedOrigin")
                .orElseThrow(() -> new IllegalStateException("the widget URL has no allowedOrigin"));
    }

    /**
     * When the inner JWT expires (its {@code exp}).
     *
     * @return the expiry instant
     * @throws IllegalStateException if the JWT has no numeric {@code exp}
     */
    public Instant expiresAt() {
        return instantClaim("exp");
    }

    /**
     * When the inner JWT was issued (its {@code iat}).
     *
     * @return the issue instant
     * @throws IllegalStateException if the JWT has no numeric {@code iat}
     */
    public Instant issuedAt() {
        return instantClaim("iat");
    }

    /**
     * All claims of the inner JWT, as plain Java values (maps, lists, strings, numbers, booleans).
     *
     * @return an unmodifiable map of the claims
     */
    public Map<String, Object> claims() {
        return claims;
    }

    /**
     * One claim of the inner JWT.
     *
     * @param name the claim name, for example {@code "selected_source_template_tags"}
     * @return the claim's value, or empty when absent or null
     */
    public Optional<Object> claim(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(claims.get(name));
    }

    private Instant instantClaim(String name) {
        JsonNode node = claimsNode.get(name);
        if (node == null || !node.canConvertToLong()) {
            throw new IllegalStateException("the JWT has no numeric '" + name + "' claim");
        }
        return Instant.ofEpochSecond(node.asLong());
    }

    private Optional<String> queryParameter(String name) {
        String query = widgetUrl.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** Describes the token without its JWT. */
    @Override
    public String toString() {
        return "WidgetToken{widgetUrl=" + widgetUrl + ", jwt=<redacted>}";
    }
}
