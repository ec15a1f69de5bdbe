package io.github.airbyteembedded.servlet.internal.pipeline;

import io.github.airbyteembedded.servlet.WorkspaceResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;

/** {@link WorkspaceResolver#requestAttribute(String)}: a request attribute set by the app's security layer. */
public final class RequestAttributeWorkspaceResolver implements WorkspaceResolver {

    private final String attributeName;

    public RequestAttributeWorkspaceResolver(String attributeName) {
        Objects.requireNonNull(attributeName, "attributeName");
        if (attributeName.isBlank()) {
            throw new IllegalArgumentException("attributeName is blank");
        }
        this.attributeName = attributeName;
    }

    @Override
    public Optional<String> resolveWorkspaceName(HttpServletRequest request) {
        Object value = request.getAttribute(attributeName);
        return value instanceof CharSequence text ? Optional.of(text.toString()) : Optional.empty();
    }

    @Override
    public String toString() {
        return "WorkspaceResolver.requestAttribute(" + attributeName + ")";
    }
}
