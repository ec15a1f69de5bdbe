package io.github.airbyteembedded.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@link WorkspaceResolver#pseudonymized(byte[], String)}: prefix + HMAC-SHA256(key, name), 128 bits in hex. */
final class PseudonymousWorkspaceResolver implements WorkspaceResolver {

    static final int MIN_KEY_BYTES = 32;
    static final int MAX_PREFIX_LENGTH = 64;
    private static final String ALGORITHM = "HmacSHA256";

    private final WorkspaceResolver delegate;
    private final SecretKeySpec key;
    private final String prefix;

    PseudonymousWorkspaceResolver(WorkspaceResolver delegate, byte[] key, String prefix) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(key, "key");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonym key must have at least " + MIN_KEY_BYTES + " bytes, had " + key.length);
        }
        if (prefix.length() > MAX_PREFIX_LENGTH || prefix.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the pseudonym prefix must be at most " + MAX_PREFIX_LENGTH
                    + " characters without control characters");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), ALGORITHM);
    }

    @Override
    public Optional<String> resolveWorkspaceName(HttpServletRequest request) {
        return delegate.resolveWorkspaceName(request).map(this::pseudonym);
    }

    String pseudonym(String name) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WorkspaceResolver.pseudonymized(" + delegate + ", key=[redacted], prefix=" + prefix + ")";
    }
}
