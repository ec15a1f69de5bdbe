package io.github.airbyteembedded.servlet.internal.pipeline;

import java.util.Optional;

/**
 * A request that passed {@link RequestChecks}: who sent it, the allowed origin it came from, and its
 * body once read.
 *
 * @param user the user
 * @param origin the request's origin, exactly one of the allowed ones; empty only for a same-origin
 *     {@code GET}, which browsers send without {@code Origin}
 * @param body the body, at most {@link RequestBody#MAX_BYTES} bytes of JSON; empty when there is none
 */
record CheckedRequest(RequestUser user, Optional<Origin> origin, byte[] body) {

    private static final byte[] NO_BODY = new byte[0];

    CheckedRequest(RequestUser user, Optional<Origin> origin) {
        this(user, origin, NO_BODY);
    }

    String workspaceName() {
        return user.workspaceName();
    }

    CheckedRequest withBody(byte[] bytes) {
        return new CheckedRequest(user, origin, bytes);
    }
}
