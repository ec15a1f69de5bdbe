package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.ConnectedSource;
import io.github.airbyteembedded.servlet.SourceConnectedListener;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.util.List;

/**
 * Tells every {@link SourceConnectedListener} bean, in order, about each confirmed source; the core
 * holds one listener. A listener that throws is logged and skipped, so the others still hear.
 */
final class CompositeSourceConnectedListener implements SourceConnectedListener {

    private static final Logger LOG = System.getLogger(CompositeSourceConnectedListener.class.getName());

    private final List<SourceConnectedListener> listeners;

    CompositeSourceConnectedListener(List<SourceConnectedListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onSourceConnected(Principal principal, String workspaceName, ConnectedSource source) {
        for (SourceConnectedListener listener : listeners) {
            try {
                listener.onSourceConnected(principal, workspaceName, source);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, listener.getClass().getName() + ".onSourceConnected threw " + e.getClass().getName() + "; ignored");
            }
        }
    }

    @Override
    public String toString() {
        return "CompositeSourceConnectedListener" + listeners;
    }
}
