package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and verifies the emulator's two kinds of JWT: operator (application) tokens and scoped tokens
 * (inside widget tokens, or from the scoped-token endpoint). Both are HS256 with one per-emulator key; they differ by {@code typ}.
 */
final class Tokens {

    static final String OPERATOR_TYPE = "io.airbyte.auth.application_v1";
    static final String SCOPED_TYPE = "io.airbyte.auth.embedded_v1";

    /** Who called: an operator (application) token, or a scoped token for one workspace. */
    record Principal(boolean operator, JsonNode claims, UUID workspaceId) {
        @Override
        public String toString() {
            return operator ? "Principal{operator}" : "Principal{workspace " + workspaceId + "}";
        }
    }

    private final Jwt jwt = Jwt.withRandomKey();
    private final Clock clock;
    private final IssuedSecrets issued;
    private final Set<String> liveOperatorTokenIds = ConcurrentHashMap.newKeySet();

    Tokens(Clock clock, IssuedSecrets issued) {
        this.clock = clock;
        this.issued = issued;
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    String issueOperatorToken(String issuer, String clientId, UUID organizationId, Duration lifetime) {
        long now = now();
        String id = UUID.randomUUID().toString();
        ObjectNode claims = Json.object()
                .put("iss", issuer)
                .put("sub", clientId)
                .put("typ", OPERATOR_TYPE)
                .put("iat", now)
                .put("exp", now + lifetime.toSeconds())
                .put("jti", id)
                .put("organization_id", organizationId.toString());
        liveOperatorTokenIds.add(id);
        return issued(jwt.sign(claims));
    }

    String issueScopedToken(ObjectNode claims) {
        return issued(jwt.sign(claims));
    }

    /** Notes a token handed out (a JWT, or a widget token wrapping one) for leak scanners; returns it. */
    String issued(String token) {
        issued.record(token);
        return token;
    }

    /** Revokes every operator token issued so far. */
    void revokeOperatorTokens() {
        liveOperatorTokenIds.clear();
    }

    /** Verifies signature, type, expiry and (for operator tokens) that it was not revoked. */
    Optional<Principal> verify(String token) {
        return jwt.verify(token).flatMap(claims -> {
            if (!claims.path("exp").canConvertToLong() || claims.get("exp").asLong() <= now()) {
                return Optional.empty();
            }
            String type = claims.path("typ").asText("");
            if (OPERATOR_TYPE.equals(type)) {
                return liveOperatorTokenIds.contains(claims.path("jti").asText(""))
                        ? Optional.of(new Principal(true, claims, null))
                        : Optional.empty();
            }
            if (SCOPED_TYPE.equals(type)) {
                try {
                    UUID workspaceId = UUID.fromString(
                            claims.path(WidgetToken.WORKSPACE_SCOPE_CLAIM).path("workspaceId").asText(""));
                    return Optional.of(new Principal(false, claims, workspaceId));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        });
    }

    /**
     * The 401 for a request whose Bearer token was refused, with an {@code X-Emulator-Auth-Error} header
     * saying why ({@code missing}, {@code invalid}, {@code expired}, {@code revoked} or
     * {@code wrong-type}) so that the widget page and test authors can tell; never the token itself.
     */
    Response unauthorized(Request request) {
        return Errors.unauthorized().header("X-Emulator-Auth-Error", request.bearerToken().map(this::rejectionReason).orElse("missing"));
    }

    private String rejectionReason(String token) {
        Optional<JsonNode> claims = jwt.verify(token);
        if (claims.isEmpty()) {
            return "invalid";
        }
        if (!claims.get().path("exp").canConvertToLong() || claims.get().get("exp").asLong() <= now()) {
            return "expired";
        }
        if (OPERATOR_TYPE.equals(claims.get().path("typ").asText(""))
                && !liveOperatorTokenIds.contains(claims.get().path("jti").asText(""))) {
            return "revoked";
        }
        return "wrong-type";
    }
}
