package io.github.airbyteembedded.redis;

import io.github.airbyteembedded.servlet.RateLimitStore;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.remote.Request;
import io.github.bucket4j.distributed.remote.commands.CreateInitialStateAndExecuteCommand;
import io.github.bucket4j.distributed.remote.commands.TryConsumeAndReturnRemainingTokensCommand;
import io.github.bucket4j.distributed.versioning.Versions;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RateLimitStore} in Redis, shared by every instance of the application that uses the same
 * Redis: the token buckets of the per-user rate limits are Bucket4j's ({@code bucket4j_jdk17-lettuce},
 * compare-and-swap over Lettuce: two round trips per token, a {@code GET} of the bucket and an {@code EVAL}
 * of Bucket4j's compare-and-swap script, more when instances race on one user's bucket), and the record
 * of confirmed sources is a {@code SET NX PX} per (workspace, source), one round trip.
 *
 * <pre>{@code
 * AirbyteEmbeddedConfig.builder()
 *         ...
 *         .rateLimitStore(RedisRateLimitStore.create(System.getenv("REDIS_URL")))   // redis://:password@host:6379/0
 *         .build();
 * }</pre>
 *
 * <p>Keys start with the key prefix ({@value #DEFAULT_KEY_PREFIX} unless set) and never hold a user's
 * name or a workspace name, only a SHA-256 of it; every key expires: a bucket when it would be full again
 * (at most the limit's period after its last use), a confirmed source after the time the routes ask for
 * (the period of the sources-change limit). Applications that share one Redis tell their keys apart by
 * the prefix or by the database of the URI ({@code redis://host:6379/2}).
 *
 * <p>The connection is opened in the background as soon as the store is created, and reopened by Lettuce after Redis went
 * away; while Redis cannot be reached every call fails at once (the routes then fail open or closed, as
 * configured), and a new connection is tried at most once a second. Nothing here ever logs or prints the
 * URI, which may hold a password. Thread-safe.
 *
 * @since 0.2.0
 */
public final class RedisRateLimitStore implements RateLimitStore {

    /** The prefix of every key, when none is set. */
    public static final String DEFAULT_KEY_PREFIX = "airbyte-embedded:";

    /** How long a Redis command of this store may take before Lettuce cancels it (the routes wait less). */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    /** The connect timeout of a connection this store opens from a URI. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final byte[] NOTIFIED = {'1'};

    /** A bucket's key lives until the bucket would be full again: never longer than the limit's period. */
    private static final ExpirationAfterWriteStrategy EXPIRATION = ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO);

    private final Connector connector;
    private final byte[] prefix;
    private final String description;
    private final ConcurrentMap<LimitShape, BucketConfiguration> configurations = new ConcurrentHashMap<>();

    private RedisRateLimitStore(Connector connector, String keyPrefix, String description) {
        this.connector = connector;
        this.prefix = keyPrefix.getBytes(StandardCharsets.UTF_8);
        this.description = description;
        connector.connection(); // starts connecting now, in the background, so that the first request finds it open
    }

    /**
     * A store in the Redis of a URI, with a Lettuce client of its own that {@link #close()} shuts down.
     *
     * @param redisUri {@code redis://[[user]:password@]host[:port][/database]}, {@code rediss://...} for TLS,
     *     or a Sentinel URI ({@code redis-sentinel://...}); it may hold a password and is never printed
     * @return a new store, connecting in the background
     * @throws IllegalArgumentException if it is not a Redis URI (the message does not repeat it)
     */
    public static RedisRateLimitStore create(String redisUri) {
        return builder().uri(redisUri).build();
    }

    /**
     * A store that opens its connection with an application's own Lettuce client (for example the one of
     * Spring Data Redis's {@code LettuceConnectionFactory}), with that client's URI, options and resources.
     * {@link #close()} closes the store's connection, never the client.
     *
     * @param client a {@link RedisClient} created with a URI, or a {@link RedisClusterClient}
     * @return a new store, connecting in the background
     */
    public static RedisRateLimitStore create(AbstractRedisClient client) {
        return builder().client(client).build();
    }

    /**
     * Returns a builder, to set the key prefix.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<Optional<Duration>> tryAcquire(String limit, String user, int permits, Duration period) {
        BucketConfiguration configuration = configurations.computeIfAbsent(new LimitShape(permits, period), LimitShape::configuration);
        // The limit's shape is part of the key: a new permits/period starts fresh buckets rather than reading old ones.
        byte[] key = Keys.of(prefix, "limit:" + limit + ":" + permits + "/" + period.toMillis() + ":", user);
        // Bucket4j's own command "create the bucket if it is missing, then take a token", sent at once: one read
        // and one compare-and-swap per token. (Its bucket proxy would first try without the configuration and,
        // for a bucket not in Redis, which is a user's first token after a quiet period, read a second time.)
        Request<ConsumptionProbe> request = new Request<>(
                new CreateInitialStateAndExecuteCommand<>(configuration, new TryConsumeAndReturnRemainingTokensCommand(1)),
                Versions.getLatest(), null, EXPIRATION);
        return connector.connection()
                .thenCompose(connection -> connection.buckets().executeAsync(key, request))
                .thenApply(result -> waitOf(result.getData()));
    }

    @Override
    public CompletionStage<Boolean> markNotified(String workspaceName, String sourceId, Duration remember) {
        byte[] key = Keys.of(prefix, "notified:", workspaceName + '\u0000' + sourceId);
        long millis = Math.max(1, remember.toMillis());
        return connector.connection()
                .thenCompose(connection -> connection.commands().set(key, NOTIFIED, SetArgs.Builder.nx().px(millis)))
                .thenApply(Objects::nonNull);
    }

    /** Whether the connection to Redis is open now. */
    boolean connected() {
        return connector.isOpen();
    }

    /** Closes the connection; shuts the client down too when this store created it from a URI. */
    @Override
    public void close() {
        connector.close();
    }

    /** Names the Redis host (never the password), for the configuration's {@code toString()}. */
    @Override
    public String toString() {
        return "RedisRateLimitStore{" + description + ", keyPrefix=" + new String(prefix, StandardCharsets.UTF_8) + "}";
    }

    private static Optional<Duration> waitOf(ConsumptionProbe probe) {
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())));
    }

    /** Builds a {@link RedisRateLimitStore}: from a URI or an application's client, and a key prefix. */
    public static final class Builder {

        private String uri;
        private AbstractRedisClient client;
        private String keyPrefix = DEFAULT_KEY_PREFIX;

        private Builder() {
        }

        /**
         * Uses the Redis of a URI, with a client of the store's own; see {@link #create(String)}.
         *
         * @param redisUri the URI, which may hold a password
         * @return this builder
         */
        public Builder uri(String redisUri) {
            this.uri = Objects.requireNonNull(redisUri, "redisUri");
            this.client = null;
            return this;
        }

        /**
         * Uses an application's own Lettuce client; see {@link #create(AbstractRedisClient)}.
         *
         * @param client the client
         * @return this builder
         */
        public Builder client(AbstractRedisClient client) {
            this.client = Objects.requireNonNull(client, "client");
            this.uri = null;
            return this;
        }

        /**
         * Sets the prefix of every key (default {@value #DEFAULT_KEY_PREFIX}), to tell apart applications
         * that share one Redis database.
         *
         * @param keyPrefix a non-blank prefix, such as {@code shop:airbyte:}
         * @return this builder
         */
        public Builder keyPrefix(String keyPrefix) {
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            if (keyPrefix.isBlank()) {
                throw new IllegalArgumentException("keyPrefix must not be blank");
            }
            this.keyPrefix = keyPrefix;
            return this;
        }

        /**
         * Builds the store, which starts connecting in the background.
         *
         * @return a new store
         * @throws IllegalArgumentException without a URI or a client, or for a URI that is not a Redis URI
         *     (the message does not repeat it)
         */
        public RedisRateLimitStore build() {
            if (client != null) {
                return new RedisRateLimitStore(Connector.of(client, false), keyPrefix, "the application's Lettuce client");
            }
            if (uri == null) {
                throw new IllegalArgumentException("set a Redis URI or a Lettuce client");
            }
            RedisURI redisUri = parse(uri);
            ClientResources resources = ClientResources.builder()
                    // Back within a second of Redis coming back, rather than Lettuce's default of up to 30 s.
                    .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                    .build();
            RedisClient own = RedisClient.create(resources, redisUri);
            own.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    // While disconnected, fail at once instead of queueing: the routes must not wait on Redis.
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                    .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                    .build());
            return new RedisRateLimitStore(Connector.of(own, true, resources), keyPrefix,
                    redisUri.getHost() == null ? "redis (sentinel or socket)" : "redis at " + redisUri.getHost() + ":" + redisUri.getPort());
        }

        /** Parses a URI; the error never repeats it, since it may hold a password. */
        private static RedisURI parse(String text) {
            RedisURI parsed;
            try {
                parsed = RedisURI.create(text.strip());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("is not a Redis URI; expected redis://[:password@]host[:port][/database]"
                        + " (rediss:// for TLS, or redis-sentinel://)");
            }
            if (parsed.getHost() == null && parsed.getSentinels().isEmpty() && parsed.getSocket() == null) {
                throw new IllegalArgumentException("names no Redis host; expected redis://[:password@]host[:port][/database]");
            }
            return parsed;
        }
    }

    /** A limit's permits and period, whose Bucket4j configuration is made once. */
    private record LimitShape(int permits, Duration period) {

        BucketConfiguration configuration() {
            return BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(permits).refillGreedy(permits, period))
                    .build();
        }
    }

    /** An open connection, its commands and Bucket4j's compare-and-swap proxy manager over it. */
    record Connection(StatefulConnection<byte[], byte[]> stateful, RedisClusterAsyncCommands<byte[], byte[]> commands,
            LettuceBasedProxyManager<byte[]> buckets) {

        static Connection of(StatefulConnection<byte[], byte[]> stateful) {
            if (stateful instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster) {
                return new Connection(stateful, cluster.async(), proxyManager(Bucket4jLettuce.casBasedBuilder(cluster)));
            }
            StatefulRedisConnection<byte[], byte[]> single = (StatefulRedisConnection<byte[], byte[]>) stateful;
            return new Connection(stateful, single.async(), proxyManager(Bucket4jLettuce.casBasedBuilder(single)));
        }

        private static LettuceBasedProxyManager<byte[]> proxyManager(Bucket4jLettuce.LettuceBasedProxyManagerBuilder<byte[]> builder) {
            return builder.expirationAfterWrite(EXPIRATION).requestTimeout(COMMAND_TIMEOUT).build();
        }
    }
}
