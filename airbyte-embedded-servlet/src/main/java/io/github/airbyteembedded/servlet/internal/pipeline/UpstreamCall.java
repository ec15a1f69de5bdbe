package io.github.airbyteembedded.servlet.internal.pipeline;

import io.github.airbyteembedded.servlet.ErrorCode;
import io.github.airbyteembedded.servlet.internal.upstream.Deadlines;
import io.github.airbyteembedded.servlet.internal.upstream.Failures;
import io.github.airbyteembedded.servlet.internal.upstream.UpstreamException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A route's call to Airbyte and its answer: admission (at once, after a wait in the queue that holds no
 * container thread, or {@code 503 overloaded}), one deadline for the whole work, the answer written
 * asynchronously when the request allows it, and the mapping of failures to error codes ({@link
 * UpstreamException}'s own, {@code 504 upstream_timeout} at the deadline, {@code 500 internal_error}
 * otherwise).
 */
public final class UpstreamCall {

    /** Retry-After of a request refused because too many are waiting on Airbyte (queue full, or its wait ended). */
    static final Duration OVERLOADED_RETRY_AFTER = Duration.ofSeconds(1);

    /** How much longer than the deadline the container's own timeout of an asynchronous request is set. */
    static final Duration CONTAINER_TIMEOUT_MARGIN = Duration.ofSeconds(5);

    private static final Logger LOG = System.getLogger(UpstreamCall.class.getName());

    /** Writes the answer of a completed call to Airbyte. */
    @FunctionalInterface
    interface Answer<T> {
        void write(HttpServletResponse response, T value) throws IOException;
    }

    private final Admission admission;
    private final Duration deadline;
    private final Duration maxQueueWait;
    private final AtomicBoolean warnedAboutBlocking = new AtomicBoolean();

    /**
     * @param deadline the deadline of the work, from its start
     * @param maxQueueWait the longest a request waits for its admission, before the work starts
     */
    public UpstreamCall(Admission admission, Duration deadline, Duration maxQueueWait) {
        this.admission = admission;
        this.deadline = deadline;
        this.maxQueueWait = maxQueueWait;
    }

    /**
     * The deadline of a route's work: in the worst case an operator-token fetch with its retries and the
     * call, then both once more after Airbyte refused the token.
     */
    public static Duration deadline(Duration connectTimeout, Duration requestTimeout) {
        return connectTimeout.plus(requestTimeout).multipliedBy(4).plusSeconds(2);
    }

    /** The longest a request waits on Airbyte: its turn in the queue, then the deadline of its work. */
    public Duration longestWait() {
        return maxQueueWait.plus(deadline);
    }

    /**
     * Calls Airbyte and answers with the result, asynchronously when the request allows it. First gets
     * its admission: at once; or after waiting its turn, with the request gone asynchronous so that no
     * container thread waits; or not, and then answers {@code 503 overloaded} with {@code Retry-After}.
     * The admission is released when the work completes, whatever happens to the request, and at once
     * if starting the work fails.
     */
    <T> void call(Exchange exchange, Supplier<CompletableFuture<T>> work, Answer<T> answer) throws IOException {
        CompletableFuture<Boolean> turn = admission.admit();
        if (turn.isDone()) {
            startOrRefuse(turn.join(), exchange, work, answer);
        } else if (exchange.request().isAsyncSupported()) {
            if (!exchange.isAsync()) {
                exchange.startAsync(longestWait().plus(CONTAINER_TIMEOUT_MARGIN));
            }
            turn.thenAccept(admitted -> exchange.continueAsync(() -> startOrRefuse(admitted, exchange, work, answer)));
        } else {
            startOrRefuse(awaitBlocking(turn), exchange, work, answer);
        }
    }

    private <T> void startOrRefuse(boolean admitted, Exchange exchange, Supplier<CompletableFuture<T>> work, Answer<T> answer)
            throws IOException {
        if (admitted) {
            start(exchange, work, answer);
        } else {
            exchange.refuse(ErrorCode.OVERLOADED, OVERLOADED_RETRY_AFTER);
        }
    }

    /** Waits for a turn on the request's own thread (a request without async support); an interrupt gives the turn up. */
    private boolean awaitBlocking(CompletableFuture<Boolean> turn) {
        warnAboutBlocking();
        try {
            return turn.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (turn.complete(false)) {
                return false;
            }
            admission.release(); // admitted just now: the permit is not used
            return false;
        } catch (ExecutionException e) {
            return false; // never happens: a turn never completes exceptionally
        }
    }

    private <T> void start(Exchange exchange, Supplier<CompletableFuture<T>> work, Answer<T> answer) throws IOException {
        CompletableFuture<T> started;
        try {
            started = work.get();
        } catch (RuntimeException e) {
            admission.release();
            throw e;
        }
        started.whenComplete((value, failure) -> admission.release());
        CompletableFuture<T> bounded = Deadlines.within(started, deadline);
        if (exchange.request().isAsyncSupported()) {
            if (!exchange.isAsync()) {
                exchange.startAsync(deadline.plus(CONTAINER_TIMEOUT_MARGIN));
            }
            bounded.whenComplete((value, failure) -> exchange.continueAsync(() -> write(exchange, value, failure, answer)));
        } else {
            answerBlocking(exchange, bounded, answer);
        }
    }

    private void warnAboutBlocking() {
        if (warnedAboutBlocking.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Async is not supported for the Airbyte routes, so a container thread waits on Airbyte; "
                    + "mark the filter and every filter before it async-supported (<async-supported>true</async-supported>)");
        }
    }

    private <T> void answerBlocking(Exchange exchange, CompletableFuture<T> work, Answer<T> answer) throws IOException {
        warnAboutBlocking();
        T value = null;
        Throwable failure = null;
        try {
            value = work.get();
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        }
        write(exchange, value, failure, answer);
    }

    private <T> void write(Exchange exchange, T value, Throwable failure, Answer<T> answer) throws IOException {
        if (failure == null) {
            exchange.answer(response -> answer.write(response, value));
            return;
        }
        Throwable cause = Failures.cause(failure);
        if (cause instanceof UpstreamException upstream) {
            exchange.refuse(upstream.errorCode(), upstream.retryAfter().orElse(null));
        } else if (cause instanceof TimeoutException) {
            LOG.log(Level.WARNING, "A call to Airbyte took longer than the deadline of its route, {0} s", deadline.toSeconds());
            exchange.refuse(ErrorCode.UPSTREAM_TIMEOUT, null);
        } else {
            LOG.log(Level.ERROR, "Unexpected failure in a route: " + cause.getClass().getName());
            exchange.refuse(ErrorCode.INTERNAL_ERROR, null);
        }
    }
}
