package io.github.airbyteembedded.servlet.internal.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * {@link NotifiedSources} in a Caffeine cache bounded to {@value #MAX_REMEMBERED} pairs, so that memory
 * stays bounded whatever the number of users and sources. Past the bound the pairs least likely to be
 * reported again are forgotten; a report of a forgotten pair tells the listener again. Repeats come
 * from one page reporting one source twice or from several tabs, within moments, so a pair is
 * forgotten long after its repeats ended.
 */
public final class InMemoryNotifiedSources implements NotifiedSources {

    /** How many (workspace, source) pairs are remembered at most. */
    public static final int MAX_REMEMBERED = 10_000;

    private final Cache<Pair, Boolean> notified;

    public InMemoryNotifiedSources(int maxRemembered) {
        this.notified = Caffeine.newBuilder().maximumSize(maxRemembered).executor(Runnable::run).build();
    }

    @Override
    public boolean markNotified(String workspaceName, String sourceId) {
        return notified.asMap().putIfAbsent(new Pair(workspaceName, sourceId), Boolean.TRUE) == null;
    }

    long remembered() {
        notified.cleanUp();
        return notified.estimatedSize();
    }

    private record Pair(String workspaceName, String sourceId) {
    }
}
