package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.TokenRouteListener;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * Tells several listeners, in order, about each event; the core holds one listener, and the
 * application's {@link TokenRouteListener} beans join the Micrometer one. A listener that throws is
 * logged and skipped, so it cannot keep the others from hearing.
 */
final class CompositeTokenRouteListener implements TokenRouteListener {

    private static final Logger LOG = System.getLogger(CompositeTokenRouteListener.class.getName());

    private final List<TokenRouteListener> listeners;

    CompositeTokenRouteListener(List<TokenRouteListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onOutcome(String outcome, Duration elapsed) {
        for (TokenRouteListener listener : listeners) {
            try {
                listener.onOutcome(outcome, elapsed);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, listener.getClass().getName() + ".onOutcome threw " + e.getClass().getName() + "; ignored");
            }
        }
    }

    @Override
    public void onUpstreamCall(String call, int status, Duration elapsed) {
        for (TokenRouteListener listener : listeners) {
            try {
                listener.onUpstreamCall(call, status, elapsed);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, listener.getClass().getName() + ".onUpstreamCall threw " + e.getClass().getName() + "; ignored");
            }
        }
    }

    @Override
    public void onQueued(int queued) {
        for (TokenRouteListener listener : listeners) {
            try {
                listener.onQueued(queued);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, listener.getClass().getName() + ".onQueued threw " + e.getClass().getName() + "; ignored");
            }
        }
    }

    @Override
    public void onDequeued(boolean admitted, Duration waited, int queued) {
        for (TokenRouteListener listener : listeners) {
            try {
                listener.onDequeued(admitted, waited, queued);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, listener.getClass().getName() + ".onDequeued threw " + e.getClass().getName() + "; ignored");
            }
        }
    }

    @Override
    public String toString() {
        return "CompositeTokenRouteListener" + listeners;
    }
}
