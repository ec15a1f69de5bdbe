package io.github.airbyteembedded.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The store's one connection to Redis, opened on a background thread as soon as the store is created and
 * whenever a call finds none (so that no request waits for a connect), tried again at most once per {@link #RETRY_PAUSE} while Redis cannot be reached,
 * and, once open, kept open by Lettuce's auto-reconnect. A call made while the connection is not open
 * fails at once, whatever the client's options, rather than queueing behind a reconnect.
 */
final class Connector implements AutoCloseable {

    /** How long after a failed connect the next one is tried. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private static final Logger LOG = System.getLogger(Connector.class.getName());

    private final Supplier<StatefulConnection<byte[], byte[]>> connect;
    private final Runnable shutdown;
    private final ExecutorService connecting = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "airbyte-embedded-redis-connect");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Attempt> attempt = new AtomicReference<>();
    private volatile boolean closed;

    /** One connect and when it failed (0 while going or once it succeeded). */
    private record Attempt(CompletableFuture<RedisRateLimitStore.Connection> connection, long startedNanos) {
    }

    private Connector(Supplier<StatefulConnection<byte[], byte[]>> connect, Runnable shutdown) {
        this.connect = connect;
        this.shutdown = shutdown;
    }

    /** A connector of a client; {@code owned}: {@link #close()} shuts the client down too. */
    static Connector of(AbstractRedisClient client, boolean owned) {
        return of(client, owned, null);
    }

    static Connector of(AbstractRedisClient client, boolean owned, ClientResources ownResources) {
        Supplier<StatefulConnection<byte[], byte[]>> connect;
        if (client instanceof RedisClusterClient cluster) {
            connect = () -> cluster.connect(ByteArrayCodec.INSTANCE);
        } else if (client instanceof RedisClient single) {
            connect = () -> single.connect(ByteArrayCodec.INSTANCE);
        } else {
            throw new IllegalArgumentException("a RedisClient or a RedisClusterClient is needed, not " + client.getClass().getName());
        }
        Runnable shutdown = owned ? () -> {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            if (ownResources != null) {
                ownResources.shutdown(0, 2, TimeUnit.SECONDS);
            }
        } : () -> { };
        return new Connector(connect, shutdown);
    }

    /** The open connection, or a stage that fails when there is none now. */
    CompletableFuture<RedisRateLimitStore.Connection> connection() {
        Attempt current = attempt.get();
        if (current != null && current.connection().isDone() && !current.connection().isCompletedExceptionally()) {
            RedisRateLimitStore.Connection open = current.connection().join();
            if (open.stateful().isOpen()) {
                return current.connection();
            }
            return CompletableFuture.failedFuture(new RedisConnectionException("the connection to Redis is not open"));
        }
        if (current != null && (!current.connection().isDone() || System.nanoTime() - current.startedNanos() < RETRY_PAUSE.toNanos())) {
            return current.connection();
        }
        Attempt next = new Attempt(new CompletableFuture<>(), System.nanoTime());
        if (!attempt.compareAndSet(current, next)) {
            return attempt.get().connection();
        }
        try {
            connecting.execute(() -> open(next.connection()));
        } catch (RejectedExecutionException e) {
            next.connection().completeExceptionally(new IllegalStateException("the rate-limit store is closed"));
        }
        return next.connection();
    }

    /** Whether the connection is open now. */
    boolean isOpen() {
        Attempt current = attempt.get();
        return current != null && current.connection().isDone() && !current.connection().isCompletedExceptionally()
                && current.connection().join().stateful().isOpen();
    }

    private void open(CompletableFuture<RedisRateLimitStore.Connection> connection) {
        if (closed) {
            connection.completeExceptionally(new IllegalStateException("the rate-limit store is closed"));
            return;
        }
        try {
            connection.complete(RedisRateLimitStore.Connection.of(connect.get()));
            LOG.log(Level.DEBUG, "The rate-limit store is connected to Redis");
        } catch (RuntimeException e) {
            // Never the exception's message: Lettuce's may name the URI.
            LOG.log(Level.DEBUG, "The rate-limit store could not connect to Redis: {0}", e.getClass().getName());
            connection.completeExceptionally(e);
        }
    }

    /** Closes the connection, and the client when it is the store's own. */
    @Override
    public void close() {
        closed = true;
        connecting.shutdown();
        Attempt last = attempt.getAndSet(null);
        try {
            connecting.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (last != null && last.connection().isDone() && !last.connection().isCompletedExceptionally()) {
            last.connection().join().stateful().close();
        }
        shutdown.run();
    }
}
