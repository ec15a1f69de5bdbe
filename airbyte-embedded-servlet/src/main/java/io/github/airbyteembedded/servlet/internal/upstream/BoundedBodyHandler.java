package io.github.airbyteembedded.servlet.internal.upstream;

import io.github.airbyteembedded.servlet.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads the body of one call to Airbyte as a string, with a cap, and can abort it: a success (2xx) body
 * over {@value #MAX_SUCCESS_BODY_BYTES} bytes or any other body over {@value #MAX_ERROR_BODY_BYTES}
 * bytes is not read further ({@code upstream_error}), and {@link #abort(Throwable)} ends a body that is
 * still arriving (the call's deadline). Both cancel the body's subscription, which on the JDK's HTTP/1.1
 * client closes the connection rather than returning it to the pool.
 *
 * <p>One instance per call; {@link #apply} may be called more than once (only the latest body counts).
 */
final class BoundedBodyHandler implements HttpResponse.BodyHandler<String> {

    /** The largest success body read (1 MiB); the documented answers are a few kilobytes. */
    static final int MAX_SUCCESS_BODY_BYTES = 1 << 20;

    /** The largest error body read (64 KiB); only its status and headers are used. */
    static final int MAX_ERROR_BODY_BYTES = 64 << 10;

    private final String call;
    private volatile Subscriber current;
    private volatile Throwable aborted;

    BoundedBodyHandler(String call) {
        this.call = call;
    }

    @Override
    public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
        int status = info.statusCode();
        int cap = status >= 200 && status < 300 ? MAX_SUCCESS_BODY_BYTES : MAX_ERROR_BODY_BYTES;
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        Subscriber subscriber = new Subscriber(status, cap, declared > cap);
        current = subscriber;
        Throwable abort = aborted;
        if (abort != null) {
            subscriber.fail(abort);
        }
        return subscriber;
    }

    /** Ends the body being read, or the one about to be, with {@code failure}; closes its connection. */
    void abort(Throwable failure) {
        aborted = failure;
        Subscriber subscriber = current;
        if (subscriber != null) {
            subscriber.fail(failure);
        }
    }

    private UpstreamException tooLarge(int status, int cap) {
        return UpstreamException.failure(ErrorCode.UPSTREAM_ERROR,
                call + " answered HTTP " + status + " with a body over " + cap + " bytes; not read further", null, null);
    }

    /** Collects the bytes of one body up to the cap. */
    private final class Subscriber implements HttpResponse.BodySubscriber<String> {

        private final int status;
        private final int cap;
        private final boolean declaredTooLarge;
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;
        private boolean failed;

        Subscriber(int status, int cap, boolean declaredTooLarge) {
            this.status = status;
            this.cap = cap;
            this.declaredTooLarge = declaredTooLarge;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            boolean cancel;
            synchronized (this) {
                this.subscription = subscription;
                cancel = failed;
            }
            if (cancel) {
                subscription.cancel();
            } else if (declaredTooLarge) {
                fail(tooLarge(status, cap));
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            Throwable overflow = null;
            synchronized (this) {
                if (failed) {
                    return;
                }
                for (ByteBuffer buffer : buffers) {
                    if (bytes.size() + (long) buffer.remaining() > cap) {
                        overflow = tooLarge(status, cap);
                        break;
                    }
                    byte[] chunk = new byte[buffer.remaining()];
                    buffer.get(chunk);
                    bytes.write(chunk, 0, chunk.length);
                }
            }
            if (overflow != null) {
                fail(overflow);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            synchronized (this) {
                failed = true;
                bytes = null;
            }
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            String text;
            synchronized (this) {
                if (failed) {
                    return;
                }
                text = bytes.toString(StandardCharsets.UTF_8);
                bytes = null;
            }
            body.complete(text);
        }

        /** Stops reading: cancels the subscription (closing the connection) and fails the body. */
        void fail(Throwable failure) {
            Flow.Subscription toCancel;
            synchronized (this) {
                if (failed) {
                    return;
                }
                failed = true;
                toCancel = subscription;
                bytes = null;
            }
            if (toCancel != null) {
                toCancel.cancel();
            }
            body.completeExceptionally(failure);
        }
    }
}
