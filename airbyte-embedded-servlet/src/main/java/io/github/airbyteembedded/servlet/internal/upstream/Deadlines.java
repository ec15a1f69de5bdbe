package io.github.airbyteembedded.servlet.internal.upstream;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deadlines of the library's futures, like {@link CompletableFuture#orTimeout} but fired off the JDK's
 * shared delay thread. {@code orTimeout} completes the future on that one thread, which then runs
 * everything that follows (the failure's handling, writing the answer, the application's listeners):
 * one of those that blocks (a client slow to read, a slow listener) would hold back every other
 * deadline of the JVM, and requests would stay in flight past theirs. Here one timer thread only hands
 * each expired deadline to a pool of threads that complete the futures, so one that blocks holds one
 * thread and no other deadline.
 */
public final class Deadlines {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    /** Threads that complete expired futures; idle ones end after a minute. */
    private static final ExecutorService EXPIRY = Executors.newCachedThreadPool(daemon("airbyte-embedded-deadline-"));

    private Deadlines() {
    }

    /**
     * Completes {@code future} exceptionally with a {@link TimeoutException} if it has not completed
     * within {@code timeout}.
     *
     * @return {@code future}
     */
    public static <T> CompletableFuture<T> within(CompletableFuture<T> future, Duration timeout) {
        if (future.isDone()) {
            return future;
        }
        ScheduledFuture<?> timer = TIMER.schedule(() -> EXPIRY.execute(() -> future.completeExceptionally(new TimeoutException())),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        future.whenComplete((value, failure) -> timer.cancel(false));
        return future;
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("airbyte-embedded-deadlines"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name.endsWith("-") ? name + count.incrementAndGet() : name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
