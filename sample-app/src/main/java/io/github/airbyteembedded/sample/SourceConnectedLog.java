package io.github.airbyteembedded.sample;

import io.github.airbyteembedded.servlet.ConnectedSource;
import io.github.airbyteembedded.servlet.SourceConnectedListener;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The server-side signal that a user connected a source: logs "alice connected GitHub" at INFO once
 * Airbyte has confirmed the source in that user's workspace (the browser's word alone never reaches
 * a {@link SourceConnectedListener}). The auto-configuration hands every such bean to the filter. Only
 * the user, the connector and the source id are logged; a source never carries credentials.
 */
@Component
class SourceConnectedLog implements SourceConnectedListener {

    private static final Logger LOG = LoggerFactory.getLogger(SourceConnectedLog.class);

    @Override
    public void onSourceConnected(Principal principal, String workspaceName, ConnectedSource source) {
        String user = principal != null ? principal.getName() : workspaceName;
        LOG.info("{} connected {} (source {})", user, source.connector(), source.id());
    }
}
