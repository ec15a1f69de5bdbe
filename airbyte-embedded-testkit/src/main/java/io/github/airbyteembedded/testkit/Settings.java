package io.github.airbyteembedded.testkit;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The emulator's configuration, fixed at {@code build()}. The secret is never printed. */
record Settings(InetAddress bindAddress, int port, String clientId, String clientSecret,
        Duration operatorTokenLifetime, Duration widgetTokenLifetime, UUID organizationId, Clock clock,
        List<SourceTemplate> sourceTemplates, List<ConnectionTemplate> connectionTemplates, EventFamily eventFamily,
        Duration widgetAuthTimeout, Fidelity fidelity) {

    @Override
    public String toString() {
        return "Settings{bindAddress=" + bindAddress.getHostAddress() + ", port=" + port + ", clientId=" + clientId
                + ", clientSecret=<redacted>, operatorTokenLifetime=" + operatorTokenLifetime
                + ", widgetTokenLifetime=" + widgetTokenLifetime + ", organizationId=" + organizationId
                + ", sourceTemplates=" + sourceTemplates.size() + ", connectionTemplates=" + connectionTemplates.size()
                + ", eventFamily=" + eventFamily + ", " + fidelity + "}";
    }
}
