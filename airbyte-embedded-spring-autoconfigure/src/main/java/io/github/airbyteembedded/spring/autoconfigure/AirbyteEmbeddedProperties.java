package io.github.airbyteembedded.spring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code airbyte.embedded.*} properties that only the Spring Boot layer has: the order of the filter
 * registration, the Spring Security integration and the port of the development emulator.
 *
 * <p>Every setting of the core is the property {@code airbyte.embedded.<key>} of its key (the settings
 * reference, docs/settings.md, lists them), bound by the core's table of settings rather than by this class, so
 * that the web.xml init-params, the plugin and Spring Boot read each setting the same way; their IDE
 * metadata comes from the same table. Four properties are enough for the real service:
 *
 * <pre>{@code
 * airbyte.embedded.client-id=${AIRBYTE_CLIENT_ID}
 * airbyte.embedded.client-secret=${AIRBYTE_CLIENT_SECRET}
 * airbyte.embedded.allowed-origins=https://app.example.com
 * airbyte.embedded.organization-id=${AIRBYTE_ORGANIZATION_ID}   # when the account has several organizations
 * }</pre>
 *
 * <p>A binding object only: the field comments are the properties' descriptions. Settings that
 * properties cannot express (a clock, a custom listener) go through an {@link
 * AirbyteEmbeddedConfigCustomizer}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("airbyte.embedded")
public final class AirbyteEmbeddedProperties {

    /**
     * Order of the filter registration; keep it after Spring Security's filter (-100) so that the
     * authenticated principal is set.
     */
    private int filterOrder = -90;

    /**
     * Loopback port of the development emulator (airbyte.embedded.emulator=true); 0 picks a free port at
     * every start.
     */
    private int emulatorPort;

    private final Security security = new Security();

    /** Properties at their defaults, for Spring Boot to bind. */
    public AirbyteEmbeddedProperties() {
    }

    /**
     * The order of the filter registration ({@code airbyte.embedded.filter-order}).
     *
     * @return the order
     */
    public int getFilterOrder() {
        return filterOrder;
    }

    /**
     * Sets the order of the filter registration.
     *
     * @param filterOrder the order; after Spring Security's (-100)
     */
    public void setFilterOrder(int filterOrder) {
        this.filterOrder = filterOrder;
    }

    /**
     * The loopback port of the development emulator ({@code airbyte.embedded.emulator-port}).
     *
     * @return the port, 0 for a free one
     */
    public int getEmulatorPort() {
        return emulatorPort;
    }

    /**
     * Sets the loopback port of the development emulator.
     *
     * @param emulatorPort the port, 0 for a free one
     */
    public void setEmulatorPort(int emulatorPort) {
        this.emulatorPort = emulatorPort;
    }

    /**
     * The Spring Security integration ({@code airbyte.embedded.security.*}).
     *
     * @return its properties
     */
    public Security getSecurity() {
        return security;
    }

    /**
     * The Spring Security integration ({@code airbyte.embedded.security.*}).
     *
     * @since 0.1.0
     */
    public static final class Security {

        /**
         * Claim or attribute of the OAuth2/OIDC user (or JWT) that names the workspace, such as sub or
         * tenant_id. Needs Spring Security's OAuth2 support; users without the claim get 401.
         */
        private String workspaceClaim;

        /**
         * Whether the routes also require Spring Security's CSRF token; by default they are exempt, their
         * exact-origin check being their CSRF defence.
         */
        private boolean requireCsrfToken;

        /** The integration's properties at their defaults. */
        public Security() {
        }

        /**
         * The claim that names the workspace ({@code airbyte.embedded.security.workspace-claim}).
         *
         * @return the claim, or null when none is set
         */
        public String getWorkspaceClaim() {
            return workspaceClaim;
        }

        /**
         * Sets the claim that names the workspace.
         *
         * @param workspaceClaim the claim, such as sub or tenant_id
         */
        public void setWorkspaceClaim(String workspaceClaim) {
            this.workspaceClaim = workspaceClaim;
        }

        /**
         * Whether the routes also require Spring Security's CSRF token ({@code airbyte.embedded.security.require-csrf-token}).
         *
         * @return true when they do
         */
        public boolean isRequireCsrfToken() {
            return requireCsrfToken;
        }

        /**
         * Sets whether the routes also require Spring Security's CSRF token.
         *
         * @param requireCsrfToken true to require it
         */
        public void setRequireCsrfToken(boolean requireCsrfToken) {
            this.requireCsrfToken = requireCsrfToken;
        }
    }
}
