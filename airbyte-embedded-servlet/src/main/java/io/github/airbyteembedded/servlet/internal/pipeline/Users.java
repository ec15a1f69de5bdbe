package io.github.airbyteembedded.servlet.internal.pipeline;

import io.github.airbyteembedded.servlet.WorkspaceResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who is the user of a request: the one answer the routes and {@link
 * AirbyteEmbedded#workspaceName(HttpServletRequest)} share. The configured {@link WorkspaceResolver}
 * names the workspace, and the name is put in normal form (or refused) by {@link WorkspaceNames}
 * before anything else is made of it.
 */
public final class Users {

    private final WorkspaceResolver resolver;
    private final WorkspaceNames names;

    public Users(WorkspaceResolver resolver, WorkspaceNames names) {
        this.resolver = resolver;
        this.names = names;
    }

    /**
     * Identifies the user of a request.
     *
     * @return the user; empty when the request has no authenticated user
     * @throws WorkspaceNames.InvalidWorkspaceNameException when the resolver's name breaks the rules
     * @throws RuntimeException whatever the application's resolver throws
     */
    public Optional<RequestUser> identify(HttpServletRequest request) {
        return names.resolve(resolver, request).map(name -> new RequestUser(request.getUserPrincipal(), name));
    }

    /** The class of the configured resolver, for log lines that must not hold a user's name. */
    String resolverClass() {
        return resolver.getClass().getName();
    }
}
