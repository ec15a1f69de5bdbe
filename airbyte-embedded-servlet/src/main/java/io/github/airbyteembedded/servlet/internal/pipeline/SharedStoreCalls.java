package io.github.airbyteembedded.servlet.internal.pipeline;

import io.github.airbyteembedded.servlet.RateLimitStore;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The routes' calls to a {@link RateLimitStore} shared by every instance, behind the seams the routes
 * already use ({@link RateLimiter}, {@link NotifiedSources}): each call waits at most the timeout, and a
 * call that fails, throws or takes longer means the store is unavailable. Then the request is served as
 * if the limit allowed it and the source were new (fail open), or refused with {@code 503
 * rate_limit_store_unavailable} (fail closed, {@link StoreUnavailableException}). Every such request
 * is counted; the first of an outage is logged as a WARNING, and the first answer after it at INFO.
 */
public final class SharedStoreCalls {

    /** The name of the token route's limit in the store. */
    public static final String TOKEN_LIMIT = "token";

    /** The name of the limit of listing sources in the store. */
    public static final String SOURCES_LIST_LIMIT = "sources-list";

    /** The name of the limit of disconnecting sources and of source events in the store. */
    public static final String SOURCES_CHANGE_LIMIT = "sources-change";

    private static final Logger LOG = System.getLogger(SharedStoreCalls.class.getName());

    private final RateLimitStore store;
    private final long timeoutNanos;
    private final boolean failOpen;
    private final Runnable counter;
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private final AtomicLong failedDuringOutage = new AtomicLong();

    /**
     * @param timeout how long a call may take
     * @param failOpen whether requests are served while the store is unavailable
     * @param counter told about every request that found the store unavailable
     */
    public SharedStoreCalls(RateLimitStore store, Duration timeout, boolean failOpen, Runnable counter) {
        this.store = store;
        this.timeoutNanos = timeout.toNanos();
        this.failOpen = failOpen;
        this.counter = counter;
    }

    /** A per-user limit of {@code permits} per {@code period} kept in the store under {@code name}. */
    public RateLimiter limiter(String name, int permits, Duration period) {
        return user -> call(() -> store.tryAcquire(name, user, permits, period), Optional.empty());
    }

    /** The record of notified sources, each pair remembered for {@code remember}. */
    public NotifiedSources notifiedSources(Duration remember) {
        return (workspaceName, sourceId) -> call(() -> store.markNotified(workspaceName, sourceId, remember), Boolean.TRUE);
    }

    /**
     * The store's answer within the timeout; otherwise {@code whenFailedOpen}, or a {@link
     * StoreUnavailableException} when failing closed.
     */
    private <T> T call(Supplier<CompletionStage<T>> call, T whenFailedOpen) {
        Throwable failure;
        try {
            T value = call.get().toCompletableFuture().get(timeoutNanos, TimeUnit.NANOSECONDS);
            if (value != null) {
                answered();
                return value;
            }
            failure = new NullPointerException("the store answered null");
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (TimeoutException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (RuntimeException e) {
            failure = e;
        }
        unavailable(failure);
        if (failOpen) {
            return whenFailedOpen;
        }
        throw new StoreUnavailableException();
    }

    private void answered() {
        if (unavailable.get() && unavailable.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "The rate-limit store answers again; {0} request(s) were {1} while it did not",
                    failedDuringOutage.getAndSet(0), failOpen ? "served without the per-user limits" : "refused");
        }
    }

    /** Counts the request, and logs the first of an outage; only the failure's class, never its message. */
    private void unavailable(Throwable failure) {
        counter.run();
        failedDuringOutage.incrementAndGet();
        if (unavailable.compareAndSet(false, true)) {
            String cause = failure instanceof TimeoutException ? "no answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                    + " ms" : failure == null ? "no answer" : failure.getClass().getName();
            LOG.log(Level.WARNING, "The rate-limit store is unavailable ({0}); until it answers, requests are {1}", cause,
                    failOpen ? "served without the per-user limits (rate-limit-store-fail-open=true)"
                            : "refused with 503 rate_limit_store_unavailable (rate-limit-store-fail-open=false)");
        }
    }
}
