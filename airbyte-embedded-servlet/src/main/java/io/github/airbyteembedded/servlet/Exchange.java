package io.github.airbyteembedded.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request to a route and its answer, which is written exactly once: on the request's own thread
 * while the route works synchronously, or, once the request went asynchronous, by whichever comes
 * first of the route's work, the body's arrival and a deadline, on whatever thread that happens.
 */
final class Exchange {

    private static final Logger LOG = System.getLogger(Exchange.class.getName());

    /** Writes an answer. */
    @FunctionalInterface
    interface Writer {
        void write(HttpServletResponse response) throws IOException;
    }

    /** Told when the container's own timeout of an asynchronous request answers it. */
    @FunctionalInterface
    interface TimeoutAnswer {
        void answer(Exchange exchange) throws IOException;
    }

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final long startedNanos;
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile AsyncContext async;

    Exchange(HttpServletRequest request, HttpServletResponse response, long startedNanos) {
        this.request = request;
        this.response = response;
        this.startedNanos = startedNanos;
    }

    HttpServletRequest request() {
        return request;
    }

    long startedNanos() {
        return startedNanos;
    }

    boolean isAsync() {
        return async != null;
    }

    /**
     * Releases the request's thread: from now on the answer is written from another thread, and the
     * container answers with {@code onTimeout} after {@code timeout} if nothing else did. Called at
     * most once, on the request's thread.
     */
    void startAsync(Duration timeout, TimeoutAnswer onTimeout) {
        AsyncContext context = request.startAsync();
        context.setTimeout(timeout.toMillis());
        context.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                onTimeout.answer(Exchange.this);
            }

            @Override
            public void onError(AsyncEvent event) {
                answered.set(true);
            }

            @Override
            public void onComplete(AsyncEvent event) {
                answered.set(true);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        this.async = context;
    }

    /**
     * Writes the answer unless one was written already, then completes an asynchronous request.
     *
     * @return whether this answer was written
     */
    boolean answer(Writer writer) throws IOException {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        AsyncContext context = async;
        try {
            writer.write(context == null ? response : (HttpServletResponse) context.getResponse());
        } finally {
            if (context != null) {
                complete(context);
            }
        }
        return true;
    }

    /** Ends an asynchronous request without an answer of ours (the client went away). */
    void abandon() {
        AsyncContext context = async;
        if (context != null && answered.compareAndSet(false, true)) {
            complete(context);
        }
    }

    private static void complete(AsyncContext context) {
        try {
            context.complete();
        } catch (IllegalStateException e) {
            LOG.log(Level.DEBUG, "The request was already complete");
        }
    }
}
