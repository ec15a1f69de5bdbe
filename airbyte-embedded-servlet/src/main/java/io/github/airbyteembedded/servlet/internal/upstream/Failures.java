package io.github.airbyteembedded.servlet.internal.upstream;

import java.util.concurrent.CompletionException;

/** What a failed future failed with: the one place that sees through {@link CompletionException}. */
public final class Failures {

    private Failures() {
    }

    /** The failure without the {@link CompletionException}s that wrap it on its way through futures. */
    public static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
