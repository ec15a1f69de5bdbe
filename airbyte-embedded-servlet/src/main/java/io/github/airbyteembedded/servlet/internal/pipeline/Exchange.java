package io.github.airbyteembedded.servlet.internal.pipeline;

import io.github.airbyteembedded.servlet.ErrorCode;
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
 * Every refusal goes through {@link #refuse}, which also counts the outcome.
 */
public final class Exchange {

    private static final Logger LOG = System.getLogger(Exchange.class.getName());

    /** Writes an answer. */
    @FunctionalInterface
    interface Writer {
        void write(HttpServletResponse response) throws IOException;
    }

    /** Work of a request gone asynchronous: nothing may escape it unanswered ({@link #continueAsync}). */
    @FunctionalInterface
    interface Continuation {
        void run() throws IOException;
    }

    /** Told the outcome of every answered request (preflights excepted): an error code, or {@code ok}. */
    @FunctionalInterface
    interface Outcomes {

        /** Counts nothing. */
        Outcomes NONE = (outcome, startedNanos) -> {
        };

        void outcome(String outcome, long startedNanos);
    }

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final long startedNanos;
    private final Outcomes outcomes;
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile AsyncContext async;

    Exchange(HttpServletRequest request, HttpServletResponse response, long startedNanos, Outcomes outcomes) {
        this.request = request;
        this.response = response;
        this.startedNanos = startedNanos;
        this.outcomes = outcomes;
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
     * container's own timeout answers {@code 504 upstream_timeout} after {@code timeout} if nothing else
     * did (it is set beyond every deadline of ours). Called at most once, on the request's thread.
     */
    void startAsync(Duration timeout) {
        AsyncContext context = request.startAsync();
        context.setTimeout(timeout.toMillis());
        context.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                refuse(ErrorCode.UPSTREAM_TIMEOUT, null);
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

    /** Counts an outcome of this request (the success of a route; refusals count themselves). */
    void count(String outcome) {
        outcomes.outcome(outcome, startedNanos);
    }

    /** Answers with an error and counts the outcome, unless the request was answered already. */
    void refuse(ErrorCode code, Duration retryAfter) throws IOException {
        answer(out -> {
            count(code.code());
            JsonResponses.error(out, code, retryAfter);
        });
    }

    /** {@link #refuse} for a request whose body was not read whole: the connection is not reused. */
    void refuseAndClose(ErrorCode code) throws IOException {
        answer(out -> {
            count(code.code());
            out.setHeader("Connection", "close");
            JsonResponses.error(out, code, null);
        });
    }

    /**
     * Runs work of the request once it went asynchronous: a failure that escapes it is answered with
     * {@code 500 internal_error}, or the request is abandoned when even that cannot be written.
     */
    void continueAsync(Continuation continuation) {
        try {
            continuation.run();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "A route failed after its request went asynchronous: {0}", e.getClass().getName());
            try {
                refuse(ErrorCode.INTERNAL_ERROR, null);
            } catch (IOException | RuntimeException ignored) {
                abandon();
            }
        }
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
