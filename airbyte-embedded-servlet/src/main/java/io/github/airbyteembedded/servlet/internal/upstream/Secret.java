package io.github.airbyteembedded.servlet.internal.upstream;

import java.util.Objects;

/**
 * A credential (the client secret, an operator token, a widget token) that must never be printed.
 *
 * <p>{@link #toString()} always returns a fixed placeholder; the value is only available to this
 * package through {@link #reveal()}, which is called where the value goes on the wire and nowhere
 * else.
 */
public final class Secret {

    static final String REDACTED = "[redacted]";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value);
    }

    /** Returns the secret value, for putting on the wire. Never log or concatenate the result. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
