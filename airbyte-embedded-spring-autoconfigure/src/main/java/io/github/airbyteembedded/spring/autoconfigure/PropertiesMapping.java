package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.RateLimitStore;
import io.github.airbyteembedded.servlet.WidgetScript;
import io.github.airbyteembedded.servlet.WorkspaceResolver;
import io.github.airbyteembedded.servlet.internal.settings.RateLimitStoreKind;
import io.github.airbyteembedded.servlet.internal.settings.Setting;
import io.github.airbyteembedded.servlet.internal.settings.Settings;
import io.github.airbyteembedded.servlet.internal.settings.SharedStoreSettings;
import io.github.airbyteembedded.servlet.internal.settings.Values;
import io.github.airbyteembedded.servlet.internal.upstream.Secret;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import org.springframework.util.StringUtils;

/**
 * Maps the bound values of the settings ({@link SettingsBinding}) onto the core's builders, by the table
 * of {@link Settings}, and chooses the workspace resolver and the store of the rate limits.
 */
final class PropertiesMapping {

    private static final Logger LOG = System.getLogger(PropertiesMapping.class.getName());

    /** The class of the claim resolver, compared by name so that Spring Security need not be loaded. */
    private static final String CLAIM_RESOLVER_CLASS =
            "io.github.airbyteembedded.spring.security.AuthenticationWorkspaceResolver";

    private PropertiesMapping() {
    }

    /**
     * Returns a builder holding every setting except the workspace resolver; nothing is validated
     * until {@link AirbyteEmbeddedConfig.Builder#build()}, except the widget script, which is built here.
     */
    static AirbyteEmbeddedConfig.Builder builderFrom(Values values) {
        AirbyteEmbeddedConfig.Builder builder = AirbyteEmbeddedConfig.builder();
        WidgetScript.Builder script = WidgetScript.builder();
        Settings.apply(values, new Setting.Target(builder, script));
        return builder.widgetScript(script.build());
    }

    /**
     * Chooses the store of the per-user rate limits: the application's {@link RateLimitStore} bean (or the
     * Redis store the auto-configuration defined as one for {@code rate-limit-store=redis}), else none
     * (each instance's memory).
     *
     * @param bean the unique store bean, or {@code null}
     * @throws AirbyteEmbeddedConfigException for {@code rate-limit-store=redis} without airbyte-embedded-redis,
     *     or a store URI with {@code rate-limit-store=memory}
     */
    static RateLimitStore rateLimitStore(Values values, RateLimitStore bean) {
        RateLimitStoreKind kind = values.getOrDefault(Settings.RATE_LIMIT_STORE);
        if (bean == null && kind == RateLimitStoreKind.REDIS) {
            throw new AirbyteEmbeddedConfigException(Settings.RATE_LIMIT_STORE.key(), "is redis, but airbyte-embedded-redis is"
                    + " not on the classpath: add io.github.airbyteembedded:airbyte-embedded-redis");
        }
        if (kind == RateLimitStoreKind.MEMORY && values.has(Settings.RATE_LIMIT_STORE_URI)) {
            SharedStoreSettings.check(kind, values.get(Settings.RATE_LIMIT_STORE_URI));
        }
        return bean;
    }

    /**
     * Chooses the workspace resolver: the application's {@link WorkspaceResolver} bean (or the claim
     * resolver the Spring Security integration defined as one), else the request attribute, else the
     * principal's name; then, with a pseudonym key, its keyed pseudonyms.
     *
     * @param bean the unique resolver bean, or {@code null}
     * @throws AirbyteEmbeddedConfigException for contradictory or unusable resolver properties
     */
    static WorkspaceResolver workspaceResolver(Values values, AirbyteEmbeddedProperties properties, WorkspaceResolver bean) {
        String attribute = values.get(Settings.WORKSPACE_REQUEST_ATTRIBUTE);
        WorkspaceResolver named = values.get(Settings.WORKSPACE_RESOLVER);
        String claim = properties.getSecurity().getWorkspaceClaim();
        if (attribute != null && named != null) {
            throw new AirbyteEmbeddedConfigException(Settings.WORKSPACE_RESOLVER.key(), "cannot be combined with "
                    + Settings.WORKSPACE_REQUEST_ATTRIBUTE.springProperty() + "; set only one of them");
        }
        if ((attribute != null || named != null) && claim != null) {
            throw new AirbyteEmbeddedConfigException((attribute != null ? Settings.WORKSPACE_REQUEST_ATTRIBUTE : Settings.WORKSPACE_RESOLVER).key(),
                    "cannot be combined with airbyte.embedded.security.workspace-claim; set only one of them");
        }
        if (claim != null && !StringUtils.hasText(claim)) {
            throw new AirbyteEmbeddedConfigException("security.workspace-claim", "is blank; name a claim such as sub");
        }
        WorkspaceResolver resolver;
        if (bean != null) {
            boolean claimResolver = bean.getClass().getName().equals(CLAIM_RESOLVER_CLASS);
            if (attribute != null || named != null || (claim != null && !claimResolver)) {
                LOG.log(Level.WARNING, "The application defines a WorkspaceResolver bean, so "
                        + (attribute != null ? Settings.WORKSPACE_REQUEST_ATTRIBUTE.springProperty()
                                : named != null ? Settings.WORKSPACE_RESOLVER.springProperty()
                                        : "airbyte.embedded.security.workspace-claim") + " is ignored");
            }
            resolver = bean;
        } else if (claim != null) {
            throw new AirbyteEmbeddedConfigException("security.workspace-claim",
                    "needs Spring Security's OAuth2 support (spring-security-oauth2-core, brought by "
                            + "spring-boot-starter-oauth2-client or -resource-server) on the classpath");
        } else if (named != null) {
            resolver = named;
        } else if (attribute != null) {
            resolver = WorkspaceResolver.requestAttribute(attribute);
        } else {
            resolver = WorkspaceResolver.principalName();
        }
        Secret key = values.get(Settings.WORKSPACE_PSEUDONYM_KEY);
        if (key == null) {
            return resolver;
        }
        String prefix = values.has(Settings.WORKSPACE_PSEUDONYM_PREFIX) ? values.get(Settings.WORKSPACE_PSEUDONYM_PREFIX) : "";
        try {
            return resolver.pseudonymized(key.reveal().getBytes(StandardCharsets.UTF_8), prefix);
        } catch (IllegalArgumentException e) {
            // The core's messages name the constraint and never echo the key.
            boolean aboutKey = e.getMessage() != null && e.getMessage().contains("key");
            throw new AirbyteEmbeddedConfigException(
                    (aboutKey ? Settings.WORKSPACE_PSEUDONYM_KEY : Settings.WORKSPACE_PSEUDONYM_PREFIX).key(),
                    aboutKey ? "must be at least 32 bytes of UTF-8 (a random value kept secret and stable)" : e.getMessage());
        }
    }
}
