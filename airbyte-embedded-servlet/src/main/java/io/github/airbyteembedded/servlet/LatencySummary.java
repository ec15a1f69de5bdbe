package io.github.airbyteembedded.servlet;

import java.time.Duration;

/**
 * A summary of the durations of calls to Airbyte since startup: count, mean, maximum and
 * approximate percentiles.
 *
 * <p>Percentiles come from a histogram with buckets growing by about 20% (so each is an upper bound
 * within 20% of the true value); count, mean and maximum are exact.
 *
 * <pre>{@code
 * LatencySummary latency = airbyteEmbedded.statistics().upstreamLatency();
 * log.info("Airbyte p99 {} ms over {} calls", latency.p99().toMillis(), latency.count());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LatencySummary {

    private final long count;
    private final Duration mean;
    private final Duration max;
    private final Duration p50;
    private final Duration p90;
    private final Duration p99;

    LatencySummary(long count, Duration mean, Duration max, Duration p50, Duration p90, Duration p99) {
        this.count = count;
        this.mean = mean;
        this.max = max;
        this.p50 = p50;
        this.p90 = p90;
        this.p99 = p99;
    }

    /**
     * Returns how many calls were measured.
     *
     * @return the number of calls
     */
    public long count() {
        return count;
    }

    /**
     * Returns the mean duration.
     *
     * @return the mean, zero when no call was measured
     */
    public Duration mean() {
        return mean;
    }

    /**
     * Returns the longest duration.
     *
     * @return the maximum, zero when no call was measured
     */
    public Duration max() {
        return max;
    }

    /**
     * Returns the median duration (approximate, an upper bound).
     *
     * @return the 50th percentile
     */
    public Duration p50() {
        return p50;
    }

    /**
     * Returns the 90th percentile of the durations (approximate, an upper bound).
     *
     * @return the 90th percentile
     */
    public Duration p90() {
        return p90;
    }

    /**
     * Returns the 99th percentile of the durations (approximate, an upper bound).
     *
     * @return the 99th percentile
     */
    public Duration p99() {
        return p99;
    }

    @Override
    public String toString() {
        return "LatencySummary{count=" + count + ", mean=" + mean.toMillis() + "ms, p50=" + p50.toMillis()
                + "ms, p90=" + p90.toMillis() + "ms, p99=" + p99.toMillis() + "ms, max=" + max.toMillis() + "ms}";
    }
}
