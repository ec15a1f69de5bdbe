package io.github.airbyteembedded.servlet.internal.pipeline;

/**
 * The shared rate-limit store did not answer in time and the routes fail closed: the request is
 * answered {@code 503 rate_limit_store_unavailable} ({@link SharedStoreCalls}).
 */
final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StoreUnavailableException() {
        super("the rate-limit store is unavailable", null, false, false);
    }
}
