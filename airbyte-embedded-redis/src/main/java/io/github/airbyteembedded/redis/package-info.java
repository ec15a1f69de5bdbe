/**
 * The Redis store of Airbyte Embedded's per-user rate limits and confirmed sources ({@link
 * io.github.airbyteembedded.redis.RedisRateLimitStore}), shared by every instance of an application.
 */
package io.github.airbyteembedded.redis;
