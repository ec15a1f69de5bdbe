package io.github.airbyteembedded.servlet.internal.pipeline;

import java.security.Principal;

/**
 * Who sent a request: the authenticated principal, read from the request once, and the workspace name
 * the configured resolver gives for it, in normal form (see {@link WorkspaceNames}).
 *
 * @param principal the principal, or {@code null} when the resolver does not need one (a request
 *     attribute set by the application's own authentication, for example)
 * @param workspaceName the workspace name
 */
public record RequestUser(Principal principal, String workspaceName) {

    /**
     * The user's key in the per-user rate limits: the principal's name, or the workspace name when the
     * resolver does not use a principal.
     */
    String rateLimitKey() {
        return principal != null && principal.getName() != null ? "principal:" + principal.getName() : "workspace:" + workspaceName;
    }
}
