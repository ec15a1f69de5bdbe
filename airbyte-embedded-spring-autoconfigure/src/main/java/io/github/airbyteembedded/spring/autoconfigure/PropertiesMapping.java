package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.WidgetScript;
import io.github.airbyteembedded.servlet.WorkspaceResolver;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.StringUtils;

/** Maps {@link AirbyteEmbeddedProperties} onto the core's {@link AirbyteEmbeddedConfig.Builder}. */
final class PropertiesMapping {

    private static final Logger LOG = System.getLogger(PropertiesMapping.class.getName());

    /** The class of the claim resolver, compared by name so that Spring Security need not be loaded. */
    private static final String CLAIM_RESOLVER_CLASS =
            "io.github.airbyteembedded.spring.security.AuthenticationWorkspaceResolver";

    private PropertiesMapping() {
    }

    /**
     * Returns a builder holding every property except the workspace resolver; nothing is validated
     * until {@link AirbyteEmbeddedConfig.Builder#build()}.
     */
    static AirbyteEmbeddedConfig.Builder builderFrom(AirbyteEmbeddedProperties properties) {
        AirbyteEmbeddedConfig.Builder builder = AirbyteEmbeddedConfig.builder();
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::getClientId).to(builder::clientId);
        map.from(properties::getClientSecret).to(builder::clientSecret);
        map.from(properties::getApiBaseUrl).to(builder::apiBaseUri);
        map.from(properties::getOrganizationId).whenHasText().to(builder::organizationId);
        map.from(properties::getAllowedOrigins).to(builder::allowedOrigins);
        map.from(properties::getTokenPath).to(builder::tokenPath);
        map.from(properties::getOperatorTokenRefreshSkew).to(builder::operatorTokenRefreshSkew);
        map.from(properties::getConnectTimeout).to(builder::connectTimeout);
        map.from(properties::getRequestTimeout).to(builder::requestTimeout);
        map.from(properties::getBodyReadTimeout).to(builder::bodyReadTimeout);
        map.from(properties.getWorkspace()::isFoldCase).to(builder::foldWorkspaceNameCase);
        map.from(properties::getRegionId).whenHasText().to(builder::regionId);
        map.from(properties::getSourceTemplateTags)
                .to(tags -> builder.sourceTemplateTags(tags, properties.getSourceTemplateTagsMode()));
        map.from(properties::getConnectionTemplateTags)
                .to(tags -> builder.connectionTemplateTags(tags, properties.getConnectionTemplateTagsMode()));
        map.from(properties::getMaxConcurrentUpstreamCalls).to(builder::maxConcurrentUpstreamCalls);
        AirbyteEmbeddedProperties.RateLimit rateLimit = properties.getRateLimit();
        if (rateLimit.isEnabled()) {
            builder.rateLimit(rateLimit.getPermits(), rateLimit.getPeriod());
        } else {
            builder.disableRateLimit();
        }
        map.from(rateLimit::getMaxTrackedUsers).to(builder::rateLimitMaxTrackedUsers);
        AirbyteEmbeddedProperties.Sources sources = properties.getSources();
        map.from(sources::isEnabled).to(builder::sourceRoutes);
        map.from(sources::getPath).to(builder::sourcesPath);
        map.from(sources::getEventsPath).to(builder::sourceEventsPath);
        AirbyteEmbeddedProperties.Sources.RateLimit list = sources.getListRateLimit();
        if (list.isEnabled()) {
            builder.sourcesListRateLimit(list.getPermits(), list.getPeriod());
        } else {
            builder.disableSourcesListRateLimit();
        }
        AirbyteEmbeddedProperties.Sources.RateLimit change = sources.getChangeRateLimit();
        if (change.isEnabled()) {
            builder.sourcesChangeRateLimit(change.getPermits(), change.getPeriod());
        } else {
            builder.disableSourcesChangeRateLimit();
        }
        builder.widgetScript(widgetScript(properties.getWidget()));
        map.from(properties.getWidget()::getPageOrigin).whenHasText().to(builder::widgetPageOrigin);
        map.from(properties::isAddContentSecurityPolicy).to(builder::addContentSecurityPolicy);
        return builder;
    }

    /** The widget script from {@code airbyte.embedded.widget.*}, with the same words as the init-params. */
    static WidgetScript widgetScript(AirbyteEmbeddedProperties.Widget widget) {
        WidgetScript.Builder script = WidgetScript.builder();
        PropertyMapper map = PropertyMapper.get();
        map.from(widget::getVersion).to(script::version);
        map.from(widget::getCdnBase).to(script::cdnBase);
        map.from(widget::getIntegrity).whenHasText().to(integrity -> {
            if (integrity.strip().equalsIgnoreCase("compute")) {
                script.computeIntegrity();
            } else if (integrity.strip().equalsIgnoreCase("none")) {
                script.withoutIntegrity();
            } else {
                script.integrity(integrity);
            }
        });
        map.from(widget::getStyleHash).whenHasText().to(style -> {
            String value = style.strip();
            if (value.equalsIgnoreCase("unsafe-inline") || value.equalsIgnoreCase("'unsafe-inline'")) {
                script.unsafeInlineStyles();
            } else {
                script.styleHash(value);
            }
        });
        return script.build();
    }

    /**
     * Chooses the workspace resolver: the application's {@link WorkspaceResolver} bean (or the claim
     * resolver the Spring Security integration defined as one), else the request attribute, else the
     * principal's name; then, with a pseudonym key, its keyed pseudonyms.
     *
     * @param bean the unique resolver bean, or {@code null}
     * @throws AirbyteEmbeddedConfigException for contradictory or unusable resolver properties
     */
    static WorkspaceResolver workspaceResolver(AirbyteEmbeddedProperties properties, WorkspaceResolver bean) {
        AirbyteEmbeddedProperties.Workspace workspace = properties.getWorkspace();
        String attribute = workspace.getRequestAttribute();
        String claim = properties.getSecurity().getWorkspaceClaim();
        if (attribute != null && claim != null) {
            throw new AirbyteEmbeddedConfigException("workspace.request-attribute",
                    "cannot be combined with airbyte.embedded.security.workspace-claim; set only one of them");
        }
        if (claim != null && !StringUtils.hasText(claim)) {
            throw new AirbyteEmbeddedConfigException("security.workspace-claim", "is blank; name a claim such as sub");
        }
        if (attribute != null && !StringUtils.hasText(attribute)) {
            throw new AirbyteEmbeddedConfigException("workspace.request-attribute", "is blank; name a request attribute");
        }
        WorkspaceResolver resolver;
        if (bean != null) {
            boolean claimResolver = bean.getClass().getName().equals(CLAIM_RESOLVER_CLASS);
            if (attribute != null || (claim != null && !claimResolver)) {
                LOG.log(Level.WARNING, "The application defines a WorkspaceResolver bean, so airbyte.embedded."
                        + (attribute != null ? "workspace.request-attribute" : "security.workspace-claim") + " is ignored");
            }
            resolver = bean;
        } else if (claim != null) {
            throw new AirbyteEmbeddedConfigException("security.workspace-claim",
                    "needs Spring Security's OAuth2 support (spring-security-oauth2-core, brought by "
                            + "spring-boot-starter-oauth2-client or -resource-server) on the classpath");
        } else if (attribute != null) {
            resolver = WorkspaceResolver.requestAttribute(attribute.strip());
        } else {
            resolver = WorkspaceResolver.principalName();
        }
        String key = workspace.getPseudonymKey();
        if (key == null) {
            return resolver;
        }
        String prefix = workspace.getPseudonymPrefix() == null ? "" : workspace.getPseudonymPrefix();
        try {
            return resolver.pseudonymized(key.getBytes(StandardCharsets.UTF_8), prefix);
        } catch (IllegalArgumentException e) {
            // The core's messages name the constraint and never echo the key.
            boolean aboutKey = e.getMessage() != null && e.getMessage().contains("key");
            throw new AirbyteEmbeddedConfigException(aboutKey ? "workspace.pseudonym-key" : "workspace.pseudonym-prefix",
                    aboutKey ? "must be at least 32 bytes of UTF-8 (a random value kept secret and stable)" : e.getMessage());
        }
    }
}
