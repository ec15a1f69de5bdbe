package io.github.airbyteembedded.servlet.internal.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * A token bucket per user: {@code permits} per {@code period}, refilled continuously. The buckets live
 * in a Caffeine cache bounded to {@code maxTrackedUsers} entries, and a bucket idle for a whole period
 * (full again) is dropped, so memory stays bounded whatever the number of users. Forgetting a bucket
 * only ever gives its user a fresh allowance.
 */
public final class UserRateLimiter implements RateLimiter {

    private final Cache<String, Bucket> buckets;
    private final Ticker ticker;
    private final double permits;
    private final long periodNanos;

    public UserRateLimiter(int permits, Duration period, int maxTrackedUsers, Ticker ticker) {
        this.permits = permits;
        this.periodNanos = period.toNanos();
        this.ticker = ticker;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxTrackedUsers)
                .expireAfterAccess(period)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Optional<Duration> tryAcquire(String user) {
        Bucket bucket = buckets.get(user, key -> new Bucket(permits, ticker.read()));
        return bucket.tryAcquire(ticker.read(), permits, periodNanos);
    }

    long trackedUsers() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private static final class Bucket {
        private double available;
        private long updatedNanos;

        Bucket(double available, long nowNanos) {
            this.available = available;
            this.updatedNanos = nowNanos;
        }

        synchronized Optional<Duration> tryAcquire(long nowNanos, double capacity, long periodNanos) {
            long elapsed = Math.max(0, nowNanos - updatedNanos);
            available = Math.min(capacity, available + elapsed * capacity / periodNanos);
            updatedNanos = nowNanos;
            if (available >= 1) {
                available -= 1;
                return Optional.empty();
            }
            long waitNanos = (long) Math.ceil((1 - available) * periodNanos / capacity);
            return Optional.of(Duration.ofNanos(waitNanos));
        }
    }
}
