package io.github.airbyteembedded.servlet.internal.pipeline;

import io.github.airbyteembedded.servlet.WorkspaceResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/** The default {@link WorkspaceResolver}: the authenticated principal's name. */
public enum PrincipalNameWorkspaceResolver implements WorkspaceResolver {
    INSTANCE;

    @Override
    public Optional<String> resolveWorkspaceName(HttpServletRequest request) {
        Objects.requireNonNull(request, "request");
        Principal principal = request.getUserPrincipal();
        return principal == null ? Optional.empty() : Optional.ofNullable(principal.getName());
    }

    @Override
    public String toString() {
        return "WorkspaceResolver.principalName()";
    }
}
