package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.redis.RedisRateLimitStore;
import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import io.github.airbyteembedded.servlet.RateLimitStore;
import io.github.airbyteembedded.servlet.SourceConnectedListener;
import io.github.airbyteembedded.servlet.TokenRouteListener;
import io.github.airbyteembedded.servlet.WidgetScript;
import io.github.airbyteembedded.servlet.WorkspaceResolver;
import io.github.airbyteembedded.servlet.internal.settings.Settings;
import io.github.airbyteembedded.servlet.internal.settings.Values;
import io.github.airbyteembedded.spring.security.AuthenticationWorkspaceResolver;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.thymeleaf.AirbyteEmbeddedDialect;
import jakarta.servlet.DispatcherType;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.util.ClassUtils;
import org.thymeleaf.dialect.IDialect;

/**
 * Auto-configures Airbyte Embedded in a servlet web application from {@code airbyte.embedded.*}
 * properties: the {@link AirbyteEmbeddedConfig}, the running {@link AirbyteEmbedded} integration, and
 * the {@link AirbyteEmbeddedFilter} registered after Spring Security's filter.
 *
 * <p>Active when {@code airbyte.embedded.client-id} is set, when {@code
 * airbyte.embedded.emulator=true}, or when the application defines its own {@code
 * AirbyteEmbeddedConfig} or {@code AirbyteEmbedded} bean; otherwise it registers nothing and logs one
 * INFO line saying so. Every bean backs off when the application defines its own. Loaded only through
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}:
 *
 * <pre>{@code
 * airbyte.embedded.client-id=${AIRBYTE_CLIENT_ID}
 * airbyte.embedded.client-secret=${AIRBYTE_CLIENT_SECRET}
 * airbyte.embedded.allowed-origins=https://app.example.com
 * }</pre>
 *
 * <p>With Spring Security on the classpath, the routes answer anonymous users with the filter's JSON
 * {@code 401} (never a login redirect) and are exempt from Spring Security's CSRF token check, their
 * exact-origin check being their CSRF defence ({@code airbyte.embedded.security.require-csrf-token=true}
 * keeps the check on). With {@code airbyte.embedded.emulator=true} and the testkit on the
 * classpath, an in-process emulator is started and used. With Thymeleaf and
 * airbyte-embedded-thymeleaf, templates get the {@code airbyte:} dialect. With {@code
 * airbyte.embedded.rate-limit-store=redis} and airbyte-embedded-redis, the per-user limits are kept in
 * Redis, through the application's own {@code LettuceConnectionFactory} when it has one.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(AirbyteEmbeddedFilter.class)
@EnableConfigurationProperties(AirbyteEmbeddedProperties.class)
public final class AirbyteEmbeddedAutoConfiguration {

    /**
     * The default order of the filter registration: just after Spring Security's filter ({@code
     * SecurityFilterProperties.DEFAULT_FILTER_ORDER}, -100), so that {@code getUserPrincipal()} is set,
     * and before the framework's request-wrapping filters.
     */
    public static final int DEFAULT_FILTER_ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10;

    /** The name of the filter registration, as the servlet container knows it. */
    public static final String FILTER_NAME = "airbyteEmbeddedFilter";

    static final String EMULATOR_CLASS = "io.github.airbyteembedded.testkit.AirbyteEmulator";

    private static final Logger LOG = System.getLogger(AirbyteEmbeddedAutoConfiguration.class.getName());

    AirbyteEmbeddedAutoConfiguration() {
    }

    /** The configuration, the integration and the filter registration. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(AirbyteEmbeddedConditions.Active.class)
    static class IntegrationConfiguration {

        @Bean
        @ConditionalOnMissingBean({AirbyteEmbeddedConfig.class, AirbyteEmbedded.class})
        AirbyteEmbeddedConfig airbyteEmbeddedConfig(AirbyteEmbeddedProperties properties,
                ObjectProvider<WorkspaceResolver> workspaceResolvers,
                ObjectProvider<TokenRouteListener> listeners,
                ObjectProvider<SourceConnectedListener> sourceListeners,
                ObjectProvider<AirbyteEmbeddedConfigCustomizer> customizers, ObjectProvider<RateLimitStore> rateLimitStores,
                ResourceLoader resourceLoader, Environment environment) {
            Values values = SettingsBinding.bind(environment);
            if (Boolean.TRUE.equals(values.get(Settings.EMULATOR)) && !ClassUtils.isPresent(EMULATOR_CLASS, resourceLoader.getClassLoader())) {
                throw new AirbyteEmbeddedConfigException(Settings.EMULATOR.key(),
                        "is true, but the emulator (io.github.airbyteembedded:airbyte-embedded-testkit) is not on the classpath");
            }
            AirbyteEmbeddedConfig.Builder builder = PropertiesMapping.builderFrom(values);
            builder.workspaceResolver(PropertiesMapping.workspaceResolver(values, properties, workspaceResolvers.getIfAvailable()));
            builder.rateLimitStore(PropertiesMapping.rateLimitStore(values, rateLimitStores.getIfAvailable()));
            List<TokenRouteListener> all = listeners.orderedStream().toList();
            if (!all.isEmpty()) {
                builder.listener(all.size() == 1 ? all.get(0) : new CompositeTokenRouteListener(all));
            }
            List<SourceConnectedListener> sources = sourceListeners.orderedStream().toList();
            if (!sources.isEmpty()) {
                builder.sourceConnectedListener(sources.size() == 1 ? sources.get(0) : new CompositeSourceConnectedListener(sources));
            }
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            return builder.build();
        }

        @Bean
        @ConditionalOnMissingBean
        AirbyteEmbedded airbyteEmbedded(AirbyteEmbeddedConfig config) {
            return AirbyteEmbedded.create(config);
        }

        @Bean
        @ConditionalOnMissingFilterBean(AirbyteEmbeddedFilter.class)
        FilterRegistrationBean<AirbyteEmbeddedFilter> airbyteEmbeddedFilter(AirbyteEmbedded airbyte,
                AirbyteEmbeddedProperties properties) {
            FilterRegistrationBean<AirbyteEmbeddedFilter> registration =
                    new FilterRegistrationBean<>(new AirbyteEmbeddedFilter(airbyte));
            registration.setName(FILTER_NAME);
            registration.setOrder(properties.getFilterOrder());
            // The routes complete their asynchronous responses themselves (AsyncContext.complete), never
            // by an ASYNC dispatch, so REQUEST is the only dispatch the filter needs to see.
            registration.setAsyncSupported(true);
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            registration.addUrlPatterns("/*");
            return registration;
        }
    }

    /** Says once, at INFO, why nothing was registered. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(AirbyteEmbeddedConditions.Inactive.class)
    static class InactiveConfiguration {

        @Bean
        InactiveNotice airbyteEmbeddedInactiveNotice() {
            return new InactiveNotice();
        }
    }

    /**
     * With {@code airbyte.embedded.emulator=true} and the testkit on the classpath: starts an
     * in-process emulator of the Airbyte API on loopback and points the configuration at it.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = EMULATOR_CLASS)
    @Conditional(AirbyteEmbeddedConditions.EmulatorEnabled.class)
    static class EmulatorConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        AirbyteEmulator airbyteEmbeddedEmulator(AirbyteEmbeddedProperties properties, Environment environment) {
            int port = SettingsBinding.emulatorPort(environment, properties);
            AirbyteEmulator emulator = AirbyteEmulator.builder().port(port).build();
            try {
                emulator.start();
            } catch (UncheckedIOException | IllegalArgumentException e) {
                throw new AirbyteEmbeddedConfigException("emulator-port",
                        "the emulator could not listen on loopback port " + port + " (" + e.getClass().getSimpleName() + ")");
            }
            return emulator;
        }

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        AirbyteEmbeddedConfigCustomizer airbyteEmbeddedEmulatorCustomizer(AirbyteEmulator emulator, Environment environment) {
            String clientId = SettingsBinding.bind(environment, Settings.CLIENT_ID);
            if (clientId != null && !clientId.isBlank() && !clientId.strip().equals(AirbyteEmulator.DEFAULT_CLIENT_ID)) {
                // A real client id next to the emulator: a development setting left on, or a real one in the
                // wrong profile. Either way nothing goes to Airbyte, which is worth more than an INFO line.
                LOG.log(Level.WARNING, "airbyte.embedded.emulator=true while a client id is configured: "
                        + "airbyte.embedded.client-id is ignored (with client-secret and api-base-url) and every call goes "
                        + "to the local emulator, not to Airbyte. Turn the emulator off where the real service is meant.");
            }
            LOG.log(Level.INFO, "Airbyte Embedded uses the local emulator at {0}", emulator.baseUri());
            // The emulator serves its own widget script at the CDN's layout: offline, the vendor's CDN is
            // out of reach. A widget-cdn-base of the application's own is kept.
            String cdnBase = SettingsBinding.bind(environment, Settings.WIDGET_CDN_BASE);
            boolean ownScript = cdnBase != null && !WidgetScript.DEFAULT_CDN_BASE.equals(cdnBase);
            return builder -> {
                builder.apiBaseUri(emulator.baseUri())
                        .clientId(emulator.clientId())
                        .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                        .widgetPageOrigin(emulator.widgetPageOrigin()); // its own port, as app.airbyte.ai beside the API
                if (!ownScript) {
                    builder.widgetScript(WidgetScript.builder()
                            .version(AirbyteEmulator.WIDGET_VERSION)
                            .cdnBase(emulator.baseUri() + "/npm")
                            .integrity(AirbyteEmulator.widgetScriptIntegrity())
                            .styleHash(AirbyteEmulator.widgetStyleCspHash())
                            .build());
                }
            };
        }
    }

    /**
     * {@code airbyte.embedded.rate-limit-store=redis} with airbyte-embedded-redis: the per-user rate limits
     * and the confirmed sources in Redis, shared by every instance, through the application's own Spring
     * Data Redis {@code LettuceConnectionFactory} when it has one, else through {@code
     * airbyte.embedded.rate-limit-store-uri}. An application's own {@link RateLimitStore} bean wins.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisRateLimitStore.class)
    @ConditionalOnProperty(name = "airbyte.embedded.rate-limit-store", havingValue = "redis")
    @Conditional(AirbyteEmbeddedConditions.Active.class)
    static class RedisRateLimitStoreConfiguration {

        @Bean
        @ConditionalOnMissingBean(RateLimitStore.class)
        RedisRateLimitStore airbyteEmbeddedRateLimitStore(Environment environment) {
            return RedisStores.fromUri(environment);
        }

        /** With Spring Data Redis: the application's {@code LettuceConnectionFactory}, when it has exactly one. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(LettuceConnectionFactory.class)
        static class SpringDataRedisConfiguration {

            @Bean
            @ConditionalOnMissingBean(RateLimitStore.class)
            RedisRateLimitStore airbyteEmbeddedRateLimitStore(ObjectProvider<LettuceConnectionFactory> connectionFactories,
                    Environment environment) {
                LettuceConnectionFactory connectionFactory = connectionFactories.getIfUnique();
                return connectionFactory == null ? RedisStores.fromUri(environment)
                        : RedisStores.onApplicationConnection(connectionFactory, environment);
            }
        }
    }

    /**
     * With Spring Security: anonymous requests to the routes get the JSON 401, and the routes are exempt
     * from the CSRF token check unless {@code airbyte.embedded.security.require-csrf-token=true}. Spring
     * Security 7 applies every {@code Customizer<HttpSecurity>} bean to each {@code HttpSecurity} it
     * creates, before the application's own chain configuration, so the application keeps its chain.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HttpSecurity.class)
    @Conditional(AirbyteEmbeddedConditions.Active.class)
    static class SpringSecurityConfiguration {

        @Bean
        RoutesHttpSecurityCustomizer airbyteEmbeddedHttpSecurityCustomizer(AirbyteEmbedded airbyte,
                AirbyteEmbeddedProperties properties) {
            return new RoutesHttpSecurityCustomizer(AirbyteEmbeddedRoutes.of(airbyte),
                    properties.getSecurity().isRequireCsrfToken());
        }

        /** {@code airbyte.embedded.security.workspace-claim}: the workspace is an OAuth2/OIDC claim. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(OAuth2AuthenticatedPrincipal.class)
        @ConditionalOnProperty("airbyte.embedded.security.workspace-claim")
        static class ClaimWorkspaceResolverConfiguration {

            @Bean
            @ConditionalOnMissingBean(WorkspaceResolver.class)
            AuthenticationWorkspaceResolver airbyteEmbeddedWorkspaceResolver(AirbyteEmbeddedProperties properties) {
                return AuthenticationWorkspaceResolver.claim(properties.getSecurity().getWorkspaceClaim());
            }
        }
    }

    /**
     * With Thymeleaf and airbyte-embedded-thymeleaf: the {@code airbyte:} dialect as an {@code IDialect}
     * bean, which Boot's Thymeleaf auto-configuration adds to its template engine.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({IDialect.class, AirbyteEmbeddedDialect.class})
    @Conditional(AirbyteEmbeddedConditions.Active.class)
    static class ThymeleafConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AirbyteEmbeddedDialect airbyteEmbeddedDialect(AirbyteEmbedded airbyte) {
            return new AirbyteEmbeddedDialect(airbyte);
        }
    }

    /**
     * With Thymeleaf but without airbyte-embedded-thymeleaf: templates would render the {@code airbyte:}
     * tags as they are written, with no script, no policy and a button that does nothing. Says so once.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.thymeleaf.dialect.IDialect")
    @ConditionalOnMissingClass("io.github.airbyteembedded.thymeleaf.AirbyteEmbeddedDialect")
    @Conditional(AirbyteEmbeddedConditions.Active.class)
    static class ThymeleafWithoutDialectConfiguration {

        @Bean
        MissingDialectNotice airbyteEmbeddedMissingDialectNotice() {
            return new MissingDialectNotice();
        }
    }

    /** Warns once that the application uses Thymeleaf without the {@code airbyte:} dialect, and what to add. */
    static final class MissingDialectNotice implements SmartInitializingSingleton {

        @Override
        public void afterSingletonsInstantiated() {
            LOG.log(Level.WARNING, "Thymeleaf is on the classpath, but the airbyte: dialect is not: templates render "
                    + "<airbyte:widget-script/> and airbyte:connect-button as they are written (no widget script, no "
                    + "Content-Security-Policy, a button that does nothing). Add the dependency "
                    + "io.github.airbyteembedded:airbyte-embedded-thymeleaf, of the same version as the starter.");
        }
    }

    /** Logs once that Airbyte Embedded is off, and how to turn it on. */
    static final class InactiveNotice implements SmartInitializingSingleton {

        @Override
        public void afterSingletonsInstantiated() {
            LOG.log(Level.INFO, "Airbyte Embedded is off: airbyte.embedded.client-id is not set. Set it with "
                    + "client-secret and allowed-origins, or set airbyte.embedded.emulator=true "
                    + "to use the local emulator");
        }
    }
}
