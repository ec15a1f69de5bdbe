package io.github.airbyteembedded.servlet.internal.pipeline;

import io.github.airbyteembedded.servlet.WorkspaceResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link WorkspaceResolver#pseudonymized(byte[], String)}: prefix + HMAC-SHA256(key, name), 128 bits in
 * hex, of the delegate's name in normal form ({@link WorkspaceNames}): a name that breaks the rules is
 * refused, never hashed.
 */
public final class PseudonymousWorkspaceResolver implements WorkspaceResolver {

    static final int MIN_KEY_BYTES = 32;
    static final int MAX_PREFIX_LENGTH = 64;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int PSEUDONYM_BYTES = 16;

    private final WorkspaceResolver delegate;
    private final SecretKeySpec key;
    private final String prefix;

    public PseudonymousWorkspaceResolver(WorkspaceResolver delegate, byte[] key, String prefix) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(key, "key");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonym key must have at least " + MIN_KEY_BYTES + " bytes, had " + key.length);
        }
        if (prefix.length() > MAX_PREFIX_LENGTH || !WorkspaceNames.isNormal(prefix + "0".repeat(2 * PSEUDONYM_BYTES))) {
            throw new IllegalArgumentException("the pseudonym prefix must be at most " + MAX_PREFIX_LENGTH
                    + " characters in Unicode NFC, without control or format characters, and must not start with a space");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), ALGORITHM);
    }

    /**
     * The pseudonym of the delegate's name in normal form, without case folding (the routes fold case
     * first when configured to).
     *
     * @throws WorkspaceNames.InvalidWorkspaceNameException when the delegate's name breaks the rules
     */
    @Override
    public Optional<String> resolveWorkspaceName(HttpServletRequest request) {
        return WorkspaceNames.EXACT_CASE.resolve(this, request);
    }

    WorkspaceResolver delegate() {
        return delegate;
    }

    /** The pseudonym of a name already in normal form. */
    String pseudonym(String name) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest, 0, PSEUDONYM_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WorkspaceResolver.pseudonymized(" + delegate + ", key=[redacted], prefix=" + prefix + ")";
    }
}
