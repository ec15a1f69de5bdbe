package io.github.airbyteembedded.servlet.internal.pipeline;

import java.time.Duration;
import java.util.Optional;

/**
 * A per-user rate limit of one kind of request. The routes only take permits; where the state lives
 * (in this instance's memory, {@link UserRateLimiter}, or in a store shared by every instance, {@link
 * SharedStoreCalls}) is the implementation's business.
 */
public interface RateLimiter {

    /**
     * Takes one permit for a user.
     *
     * @param user the user's key (see {@link RequestUser#rateLimitKey()})
     * @return empty when granted; otherwise how long until the next permit
     * @throws StoreUnavailableException when a shared store is unavailable and the routes fail closed
     */
    Optional<Duration> tryAcquire(String user);
}
