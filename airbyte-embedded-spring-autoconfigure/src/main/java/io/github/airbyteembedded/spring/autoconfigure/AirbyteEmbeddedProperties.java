package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.TagSelectionMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code airbyte.embedded.*} properties of a Spring Boot application, mapped onto {@link
 * io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig} by {@link AirbyteEmbeddedAutoConfiguration}.
 *
 * <p>Four properties are enough for the real service:
 *
 * <pre>{@code
 * airbyte.embedded.client-id=${AIRBYTE_CLIENT_ID}
 * airbyte.embedded.client-secret=${AIRBYTE_CLIENT_SECRET}
 * airbyte.embedded.allowed-origins=https://app.example.com
 * airbyte.embedded.organization-id=${AIRBYTE_ORGANIZATION_ID}   # when the account has several organizations
 * }</pre>
 *
 * <p>A binding object only: it holds no logic and no fallbacks, and every value is validated once,
 * when the configuration is built. Settings that properties cannot express (a clock, a custom
 * listener) go through an {@link AirbyteEmbeddedConfigCustomizer}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("airbyte.embedded")
public final class AirbyteEmbeddedProperties {

    /**
     * Airbyte application client id. Without it (and with the emulator off) the auto-configuration
     * does nothing.
     */
    private String clientId;

    /**
     * Airbyte application client secret. Set it from the environment, never in a committed file.
     */
    private String clientSecret;

    /**
     * Base URL of the Airbyte API: https, or http on a loopback host for a local emulator.
     */
    private String apiBaseUrl = "https://api.airbyte.ai";

    /**
     * Organization id (a UUID) sent as X-Organization-Id, needed when the account belongs to several
     * organizations.
     */
    private String organizationId;

    /**
     * Comma-separated list of origins allowed to host the widget, each scheme://host[:port] with no
     * path, trailing slash or wildcard, such as https://app.example.com.
     */
    private List<String> allowedOrigins = new ArrayList<>();

    /**
     * Path of the token route, relative to the context path.
     */
    private String tokenPath = "/api/airbyte/widget-token";

    /**
     * How long before its expiry the cached operator token is replaced, between 0 and 10 minutes.
     */
    private Duration operatorTokenRefreshSkew = Duration.ofSeconds(60);

    /**
     * Connect timeout of calls to Airbyte.
     */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /**
     * Deadline of each call to Airbyte, from sending the request to the last byte of the answer's body.
     */
    private Duration requestTimeout = Duration.ofSeconds(10);

    /**
     * How long a route waits for a request body to arrive before answering 408 request_timeout; the
     * user and the origin are checked before, and no container thread waits meanwhile.
     */
    private Duration bodyReadTimeout = Duration.ofSeconds(10);

    /**
     * Region (a UUID) in which Airbyte creates new workspaces; Airbyte's default (US) when unset.
     */
    private String regionId;

    /**
     * Comma-separated list of tags selecting the connectors (source templates) the widget offers;
     * every enabled connector when empty.
     */
    private List<String> sourceTemplateTags = new ArrayList<>();

    /**
     * Whether a connector needs any or all of the source template tags.
     */
    private TagSelectionMode sourceTemplateTagsMode = TagSelectionMode.ANY;

    /**
     * Comma-separated list of tags selecting the connection templates applied to new sources; every
     * template when empty.
     */
    private List<String> connectionTemplateTags = new ArrayList<>();

    /**
     * Whether a connection template needs any or all of the connection template tags.
     */
    private TagSelectionMode connectionTemplateTagsMode = TagSelectionMode.ANY;

    /**
     * Maximum number of calls to Airbyte in flight at once; past it the routes answer 503 overloaded
     * at once.
     */
    private int maxConcurrentUpstreamCalls = 128;

    /**
     * Order of the filter registration; keep it after Spring Security's filter (-100) so that the
     * authenticated principal is set.
     */
    private int filterOrder = -90;

    /**
     * Whether pages that render the widget's tags get a Content-Security-Policy header with what the
     * widget needs, merged into the header the application already set, if any.
     */
    private boolean addContentSecurityPolicy;

    private final RateLimit rateLimit = new RateLimit();

    private final Sources sources = new Sources();

    private final Widget widget = new Widget();

    private final Workspace workspace = new Workspace();

    private final Security security = new Security();

    private final Emulator emulator = new Emulator();

    /**
     * Returns the Airbyte application client id.
     *
     * @return the client id, or {@code null} when unset
     */
    public String getClientId() {
        return clientId;
    }

    /**
     * Sets the Airbyte application client id.
     *
     * @param clientId the client id
     */
    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    /**
     * Returns the Airbyte application client secret.
     *
     * @return the secret, or {@code null} when unset
     */
    public String getClientSecret() {
        return clientSecret;
    }

    /**
     * Sets the Airbyte application client secret.
     *
     * @param clientSecret the secret
     */
    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    /**
     * Returns the base URL of the Airbyte API.
     *
     * @return the base URL
     */
    public String getApiBaseUrl() {
        return apiBaseUrl;
    }

    /**
     * Sets the base URL of the Airbyte API.
     *
     * @param apiBaseUrl the base URL
     */
    public void setApiBaseUrl(String apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl;
    }

    /**
     * Returns the organization id sent as {@code X-Organization-Id}.
     *
     * @return the organization id, or {@code null} when unset
     */
    public String getOrganizationId() {
        return organizationId;
    }

    /**
     * Sets the organization id sent as {@code X-Organization-Id}.
     *
     * @param organizationId the organization UUID
     */
    public void setOrganizationId(String organizationId) {
        this.organizationId = organizationId;
    }

    /**
     * Returns the origins allowed to host the widget.
     *
     * @return the origins, possibly empty
     */
    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    /**
     * Sets the origins allowed to host the widget.
     *
     * @param allowedOrigins the origins
     */
    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    /**
     * Returns the path of the token route.
     *
     * @return the path
     */
    public String getTokenPath() {
        return tokenPath;
    }

    /**
     * Sets the path of the token route.
     *
     * @param tokenPath the path, starting with {@code /}
     */
    public void setTokenPath(String tokenPath) {
        this.tokenPath = tokenPath;
    }

    /**
     * Returns how long before its expiry the operator token is replaced.
     *
     * @return the skew
     */
    public Duration getOperatorTokenRefreshSkew() {
        return operatorTokenRefreshSkew;
    }

    /**
     * Sets how long before its expiry the operator token is replaced.
     *
     * @param operatorTokenRefreshSkew the skew
     */
    public void setOperatorTokenRefreshSkew(Duration operatorTokenRefreshSkew) {
        this.operatorTokenRefreshSkew = operatorTokenRefreshSkew;
    }

    /**
     * Returns the connect timeout of calls to Airbyte.
     *
     * @return the timeout
     */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /**
     * Sets the connect timeout of calls to Airbyte.
     *
     * @param connectTimeout the timeout
     */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /**
     * Returns the timeout of each call to Airbyte.
     *
     * @return the timeout
     */
    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    /**
     * Sets the timeout of each call to Airbyte.
     *
     * @param requestTimeout the timeout
     */
    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    /**
     * Returns how long a route waits for a request body.
     *
     * @return the timeout
     */
    public Duration getBodyReadTimeout() {
        return bodyReadTimeout;
    }

    /**
     * Sets how long a route waits for a request body.
     *
     * @param bodyReadTimeout the timeout
     */
    public void setBodyReadTimeout(Duration bodyReadTimeout) {
        this.bodyReadTimeout = bodyReadTimeout;
    }

    /**
     * Returns the region of new workspaces.
     *
     * @return the region UUID, or {@code null} for Airbyte's default
     */
    public String getRegionId() {
        return regionId;
    }

    /**
     * Sets the region of new workspaces.
     *
     * @param regionId the region UUID
     */
    public void setRegionId(String regionId) {
        this.regionId = regionId;
    }

    /**
     * Returns the tags selecting the connectors the widget offers.
     *
     * @return the tags, possibly empty
     */
    public List<String> getSourceTemplateTags() {
        return sourceTemplateTags;
    }

    /**
     * Sets the tags selecting the connectors the widget offers.
     *
     * @param sourceTemplateTags the tags
     */
    public void setSourceTemplateTags(List<String> sourceTemplateTags) {
        this.sourceTemplateTags = sourceTemplateTags;
    }

    /**
     * Returns how the source template tags select connectors.
     *
     * @return the mode
     */
    public TagSelectionMode getSourceTemplateTagsMode() {
        return sourceTemplateTagsMode;
    }

    /**
     * Sets how the source template tags select connectors.
     *
     * @param sourceTemplateTagsMode the mode
     */
    public void setSourceTemplateTagsMode(TagSelectionMode sourceTemplateTagsMode) {
        this.sourceTemplateTagsMode = sourceTemplateTagsMode;
    }

    /**
     * Returns the tags selecting the connection templates.
     *
     * @return the tags, possibly empty
     */
    public List<String> getConnectionTemplateTags() {
        return connectionTemplateTags;
    }

    /**
     * Sets the tags selecting the connection templates.
     *
     * @param connectionTemplateTags the tags
     */
    public void setConnectionTemplateTags(List<String> connectionTemplateTags) {
        this.connectionTemplateTags = connectionTemplateTags;
    }

    /**
     * Returns how the connection template tags select templates.
     *
     * @return the mode
     */
    public TagSelectionMode getConnectionTemplateTagsMode() {
        return connectionTemplateTagsMode;
    }

    /**
     * Sets how the connection template tags select templates.
     *
     * @param connectionTemplateTagsMode the mode
     */
    public void setConnectionTemplateTagsMode(TagSelectionMode connectionTemplateTagsMode) {
        this.connectionTemplateTagsMode = connectionTemplateTagsMode;
    }

    /**
     * Returns the bound on calls to Airbyte in flight at once.
     *
     * @return the bound
     */
    public int getMaxConcurrentUpstreamCalls() {
        return maxConcurrentUpstreamCalls;
    }

    /**
     * Sets the bound on calls to Airbyte in flight at once.
     *
     * @param maxConcurrentUpstreamCalls the bound, between 1 and 10000
     */
    public void setMaxConcurrentUpstreamCalls(int maxConcurrentUpstreamCalls) {
        this.maxConcurrentUpstreamCalls = maxConcurrentUpstreamCalls;
    }

    /**
     * Returns the order of the filter registration.
     *
     * @return the order
     */
    public int getFilterOrder() {
        return filterOrder;
    }

    /**
     * Sets the order of the filter registration.
     *
     * @param filterOrder the order
     */
    public void setFilterOrder(int filterOrder) {
        this.filterOrder = filterOrder;
    }

    /**
     * Returns whether pages that render the widget get a Content-Security-Policy header.
     *
     * @return {@code false} unless turned on
     */
    public boolean isAddContentSecurityPolicy() {
        return addContentSecurityPolicy;
    }

    /**
     * Sets whether pages that render the widget get a Content-Security-Policy header.
     *
     * @param addContentSecurityPolicy whether they do
     */
    public void setAddContentSecurityPolicy(boolean addContentSecurityPolicy) {
        this.addContentSecurityPolicy = addContentSecurityPolicy;
    }

    /**
     * Returns the connected-sources routes.
     *
     * @return the sources properties
     */
    public Sources getSources() {
        return sources;
    }

    /**
     * Returns the widget's script as pages render it.
     *
     * @return the widget properties
     */
    public Widget getWidget() {
        return widget;
    }

    /**
     * Returns the per-user rate limit of the token route.
     *
     * @return the rate-limit properties
     */
    public RateLimit getRateLimit() {
        return rateLimit;
    }

    /**
     * Returns how users map to Airbyte workspaces.
     *
     * @return the workspace properties
     */
    public Workspace getWorkspace() {
        return workspace;
    }

    /**
     * Returns the Spring Security integration.
     *
     * @return the security properties
     */
    public Security getSecurity() {
        return security;
    }

    /**
     * Returns the in-process emulator.
     *
     * @return the emulator properties
     */
    public Emulator getEmulator() {
        return emulator;
    }

    /**
     * The per-user rate limit of the token route ({@code airbyte.embedded.rate-limit.*}).
     *
     * @since 0.1.0
     */
    public static final class RateLimit {

        /**
         * Whether each user's widget-token requests are rate limited.
         */
        private boolean enabled = true;

        /**
         * Number of widget tokens one user may obtain per period, between 1 and 1000000.
         */
        private int permits = 10;

        /**
         * Period over which the permits refill, between 1 second and 1 day.
         */
        private Duration period = Duration.ofMinutes(1);

        /**
         * Maximum number of users whose rate-limit state is kept; the least recently seen are
         * forgotten first.
         */
        private int maxTrackedUsers = 10_000;

        /**
         * Returns whether the rate limit applies.
         *
         * @return {@code true} unless turned off
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the rate limit applies.
         *
         * @param enabled whether it applies
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the permits per period.
         *
         * @return the permits
         */
        public int getPermits() {
            return permits;
        }

        /**
         * Sets the permits per period.
         *
         * @param permits the permits
         */
        public void setPermits(int permits) {
            this.permits = permits;
        }

        /**
         * Returns the refill period.
         *
         * @return the period
         */
        public Duration getPeriod() {
            return period;
        }

        /**
         * Sets the refill period.
         *
         * @param period the period
         */
        public void setPeriod(Duration period) {
            this.period = period;
        }

        /**
         * Returns the bound on tracked users.
         *
         * @return the bound
         */
        public int getMaxTrackedUsers() {
            return maxTrackedUsers;
        }

        /**
         * Sets the bound on tracked users.
         *
         * @param maxTrackedUsers the bound
         */
        public void setMaxTrackedUsers(int maxTrackedUsers) {
            this.maxTrackedUsers = maxTrackedUsers;
        }
    }

    /**
     * The connected-sources routes ({@code airbyte.embedded.sources.*}): the user's sources, disconnecting
     * one, and confirming a source the widget reports as created.
     *
     * @since 0.1.0
     */
    public static final class Sources {

        /**
         * Whether the filter serves the sources routes beside the token route.
         */
        private boolean enabled = true;

        /**
         * Path of the sources routes (GET lists the user's sources, DELETE path/{id} disconnects one),
         * relative to the context path.
         */
        private String path = "/api/airbyte/sources";

        /**
         * Path of the route that confirms a source the widget reported as created, relative to the
         * context path.
         */
        private String eventsPath = "/api/airbyte/source-events";

        /**
         * Per-user rate limit of listing sources (GET path).
         */
        private final RateLimit listRateLimit = RateLimit.withPermits(60);

        /**
         * Per-user rate limit of disconnecting sources (DELETE path/{id}) and of source events, together.
         */
        private final RateLimit changeRateLimit = RateLimit.withPermits(30);

        /**
         * Returns whether the sources routes are served.
         *
         * @return {@code true} unless turned off
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the sources routes are served.
         *
         * @param enabled whether they are
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the path of the sources routes.
         *
         * @return the path
         */
        public String getPath() {
            return path;
        }

        /**
         * Sets the path of the sources routes.
         *
         * @param path the path, starting with {@code /}
         */
        public void setPath(String path) {
            this.path = path;
        }

        /**
         * Returns the path of the source-events route.
         *
         * @return the path
         */
        public String getEventsPath() {
            return eventsPath;
        }

        /**
         * Sets the path of the source-events route.
         *
         * @param eventsPath the path, starting with {@code /}
         */
        public void setEventsPath(String eventsPath) {
            this.eventsPath = eventsPath;
        }

        /**
         * Returns the per-user rate limit of listing sources.
         *
         * @return the rate-limit properties
         * @since 0.2.0
         */
        public RateLimit getListRateLimit() {
            return listRateLimit;
        }

        /**
         * Returns the per-user rate limit of disconnecting sources and of source events.
         *
         * @return the rate-limit properties
         * @since 0.2.0
         */
        public RateLimit getChangeRateLimit() {
            return changeRateLimit;
        }

        /**
         * A per-user rate limit of the sources routes ({@code airbyte.embedded.sources.list-rate-limit.*}
         * and {@code airbyte.embedded.sources.change-rate-limit.*}); users are told apart as by the token
         * route's limit, whose {@code max-tracked-users} bounds these too.
         *
         * @since 0.2.0
         */
        public static final class RateLimit {

            /**
             * Whether the rate limit applies (429 rate_limited with Retry-After past it).
             */
            private boolean enabled = true;

            /**
             * Number of requests one user may make per period, between 1 and 1000000.
             */
            private int permits;

            /**
             * Period over which the permits refill, between 1 second and 1 day.
             */
            private Duration period = Duration.ofMinutes(1);

            static RateLimit withPermits(int permits) {
                RateLimit limit = new RateLimit();
                limit.permits = permits;
                return limit;
            }

            /**
             * Returns whether the rate limit applies.
             *
             * @return {@code true} unless turned off
             */
            public boolean isEnabled() {
                return enabled;
            }

            /**
             * Sets whether the rate limit applies.
             *
             * @param enabled whether it applies
             */
            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

            /**
             * Returns the permits per period.
             *
             * @return the permits
             */
            public int getPermits() {
                return permits;
            }

            /**
             * Sets the permits per period.
             *
             * @param permits the permits
             */
            public void setPermits(int permits) {
                this.permits = permits;
            }

            /**
             * Returns the refill period.
             *
             * @return the period
             */
            public Duration getPeriod() {
                return period;
            }

            /**
             * Sets the refill period.
             *
             * @param period the period
             */
            public void setPeriod(Duration period) {
                this.period = period;
            }
        }
    }

    /**
     * The widget's script as pages render it ({@code airbyte.embedded.widget.*}): pinned version,
     * where it is loaded from, its integrity, and what the page's CSP must allow.
     *
     * @since 0.1.0
     */
    public static final class Widget {

        /**
         * Exact version of the vendor's widget; ranges and tags such as latest are refused.
         */
        private String version = "0.4.5";

        /**
         * Where the widget script is loaded from: a jsDelivr-shaped base URL (https, or http on
         * loopback), or a path starting with / for a copy the application serves itself.
         */
        private String cdnBase = "https://cdn.jsdelivr.net/npm";

        /**
         * Subresource Integrity of the widget script (sha384-...), "compute" to compute it at startup
         * from a self-hosted or loopback copy, or "none" to render no integrity without a warning.
         */
        private String integrity;

        /**
         * CSP hash (sha256-...) of the style element the widget injects, or "unsafe-inline"; the
         * vendor's hash for version 0.4.5 when unset.
         */
        private String styleHash;

        /**
         * Origin of the widget's iframe page, for the CSP frame-src of pages that host the widget;
         * learned from the widget tokens when unset.
         */
        private String pageOrigin;

        /**
         * Returns the widget version.
         *
         * @return the exact version
         */
        public String getVersion() {
            return version;
        }

        /**
         * Sets the widget version.
         *
         * @param version an exact version such as {@code 0.4.5}
         */
        public void setVersion(String version) {
            this.version = version;
        }

        /**
         * Returns where the widget script is loaded from.
         *
         * @return the CDN base URL or path
         */
        public String getCdnBase() {
            return cdnBase;
        }

        /**
         * Sets where the widget script is loaded from.
         *
         * @param cdnBase the CDN base URL or path
         */
        public void setCdnBase(String cdnBase) {
            this.cdnBase = cdnBase;
        }

        /**
         * Returns the integrity setting.
         *
         * @return a hash, {@code compute}, {@code none}, or {@code null} when unset
         */
        public String getIntegrity() {
            return integrity;
        }

        /**
         * Sets the integrity setting.
         *
         * @param integrity a hash, {@code compute} or {@code none}
         */
        public void setIntegrity(String integrity) {
            this.integrity = integrity;
        }

        /**
         * Returns the CSP source of the widget's injected style.
         *
         * @return a hash, {@code unsafe-inline}, or {@code null} for the default
         */
        public String getStyleHash() {
            return styleHash;
        }

        /**
         * Sets the CSP source of the widget's injected style.
         *
         * @param styleHash a hash or {@code unsafe-inline}
         */
        public void setStyleHash(String styleHash) {
            this.styleHash = styleHash;
        }

        /**
         * Returns the origin of the widget's iframe page.
         *
         * @return the origin, or {@code null} to learn it
         */
        public String getPageOrigin() {
            return pageOrigin;
        }

        /**
         * Sets the origin of the widget's iframe page.
         *
         * @param pageOrigin an origin such as {@code https://app.airbyte.ai}
         */
        public void setPageOrigin(String pageOrigin) {
            this.pageOrigin = pageOrigin;
        }
    }

    /**
     * How the authenticated user maps to an Airbyte workspace name ({@code
     * airbyte.embedded.workspace.*}). By default the workspace is the principal's name; a {@link
     * io.github.airbyteembedded.servlet.WorkspaceResolver} bean replaces that.
     *
     * @since 0.1.0
     */
    public static final class Workspace {

        /**
         * Name of a request attribute, set by the application's own authentication filter, that holds
         * the workspace name; used instead of the principal's name when set.
         */
        private String requestAttribute;

        /**
         * Secret key (at least 32 bytes of UTF-8) with which workspace names are replaced by keyed
         * pseudonyms, so that e-mail addresses never reach Airbyte. Keep it stable: changing it moves
         * every user to a new, empty workspace.
         */
        private String pseudonymKey;

        /**
         * Prefix of every pseudonymous workspace name, at most 64 characters.
         */
        private String pseudonymPrefix;

        /**
         * Whether workspace names are case folded, so that "Alice" and "alice" are one workspace (for
         * logins that keep the case the user typed). Folded before a pseudonym is made.
         */
        private boolean foldCase;

        /**
         * Returns the name of the request attribute holding the workspace name.
         *
         * @return the attribute name, or {@code null} when unset
         */
        public String getRequestAttribute() {
            return requestAttribute;
        }

        /**
         * Sets the name of the request attribute holding the workspace name.
         *
         * @param requestAttribute the attribute name
         */
        public void setRequestAttribute(String requestAttribute) {
            this.requestAttribute = requestAttribute;
        }

        /**
         * Returns the pseudonym key.
         *
         * @return the key, or {@code null} when workspace names are not pseudonymized
         */
        public String getPseudonymKey() {
            return pseudonymKey;
        }

        /**
         * Sets the pseudonym key.
         *
         * @param pseudonymKey the key
         */
        public void setPseudonymKey(String pseudonymKey) {
            this.pseudonymKey = pseudonymKey;
        }

        /**
         * Returns the pseudonym prefix.
         *
         * @return the prefix, or {@code null} for none
         */
        public String getPseudonymPrefix() {
            return pseudonymPrefix;
        }

        /**
         * Sets the pseudonym prefix.
         *
         * @param pseudonymPrefix the prefix
         */
        public void setPseudonymPrefix(String pseudonymPrefix) {
            this.pseudonymPrefix = pseudonymPrefix;
        }

        /**
         * Returns whether workspace names are case folded.
         *
         * @return {@code false} unless turned on
         * @since 0.2.0
         */
        public boolean isFoldCase() {
            return foldCase;
        }

        /**
         * Sets whether workspace names are case folded.
         *
         * @param foldCase whether to fold case
         * @since 0.2.0
         */
        public void setFoldCase(boolean foldCase) {
            this.foldCase = foldCase;
        }
    }

    /**
     * The Spring Security integration ({@code airbyte.embedded.security.*}), used when Spring Security
     * is on the classpath.
     *
     * @since 0.1.0
     */
    public static final class Security {

        /**
         * Claim or attribute of an OAuth2/OIDC user (or JWT) whose value is the workspace name, such as
         * "sub" or "tenant_id". Needs spring-security-oauth2-core; users without the claim get 401.
         */
        private String workspaceClaim;

        /**
         * Whether the routes also require Spring Security's CSRF token. Off by default: their exact
         * Origin check already refuses cross-site requests. When on, the page must send the token.
         */
        private boolean requireCsrfToken;

        /**
         * Returns the claim holding the workspace name.
         *
         * @return the claim name, or {@code null} when unset
         */
        public String getWorkspaceClaim() {
            return workspaceClaim;
        }

        /**
         * Sets the claim holding the workspace name.
         *
         * @param workspaceClaim the claim name
         */
        public void setWorkspaceClaim(String workspaceClaim) {
            this.workspaceClaim = workspaceClaim;
        }

        /**
         * Returns whether the routes require Spring Security's CSRF token.
         *
         * @return {@code false} unless turned on
         */
        public boolean isRequireCsrfToken() {
            return requireCsrfToken;
        }

        /**
         * Sets whether the routes require Spring Security's CSRF token.
         *
         * @param requireCsrfToken whether they do
         */
        public void setRequireCsrfToken(boolean requireCsrfToken) {
            this.requireCsrfToken = requireCsrfToken;
        }
    }

    /**
     * The in-process emulator of the Airbyte API for offline development ({@code
     * airbyte.embedded.emulator.*}); needs airbyte-embedded-testkit on the classpath.
     *
     * @since 0.1.0
     */
    public static final class Emulator {

        /**
         * Whether to start a local emulator of the Airbyte API and use it instead of the real service;
         * the client id, client secret and API base URL properties are then ignored.
         */
        private boolean enabled;

        /**
         * Loopback port of the emulator; 0 picks a free port at every start.
         */
        private int port;

        /**
         * Returns whether the emulator is used.
         *
         * @return {@code false} unless turned on
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the emulator is used.
         *
         * @param enabled whether it is used
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the emulator's port.
         *
         * @return the port, 0 for any free port
         */
        public int getPort() {
            return port;
        }

        /**
         * Sets the emulator's port.
         *
         * @param port the port, 0 for any free port
         */
        public void setPort(int port) {
            this.port = port;
        }
    }
}
