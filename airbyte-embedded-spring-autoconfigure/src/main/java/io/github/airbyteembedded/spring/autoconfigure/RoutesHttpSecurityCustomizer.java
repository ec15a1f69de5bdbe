package io.github.airbyteembedded.spring.autoconfigure;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Adapts every {@link HttpSecurity} to Airbyte Embedded's routes without taking over the chain:
 * adds an {@link UnauthenticatedRouteFilter} right after Spring Security's exception translation, so
 * that an anonymous request the chain's authorization refuses gets the routes' JSON 401 instead of a
 * login redirect; and, unless the CSRF token is required, exempts the routes from the CSRF check.
 *
 * <p>Spring Security 7 applies {@code Customizer<HttpSecurity>} beans to each {@code HttpSecurity}
 * before the application's own {@code SecurityFilterChain} method configures it, so an application
 * that disables CSRF or adds its own rules still has the last word. The chain's entry points are left
 * alone: registering ours with {@code defaultAuthenticationEntryPointFor} would make it the default
 * for every other request of chains configured after it.
 */
final class RoutesHttpSecurityCustomizer implements Customizer<HttpSecurity> {

    private final AirbyteEmbeddedRoutes routes;
    private final boolean requireCsrfToken;

    RoutesHttpSecurityCustomizer(AirbyteEmbeddedRoutes routes, boolean requireCsrfToken) {
        this.routes = routes;
        this.requireCsrfToken = requireCsrfToken;
    }

    @Override
    public void customize(HttpSecurity http) {
        RequestMatcher matcher = routes::matches;
        http.addFilterAfter(new UnauthenticatedRouteFilter(routes), ExceptionTranslationFilter.class);
        if (!requireCsrfToken) {
            // The routes' exact Origin check is their CSRF defence: a cross-site request carries the
            // attacker's origin and is refused before any call to Airbyte.
            http.csrf(csrf -> csrf.ignoringRequestMatchers(matcher));
        }
    }

    @Override
    public String toString() {
        return "RoutesHttpSecurityCustomizer{" + routes + ", requireCsrfToken=" + requireCsrfToken + "}";
    }
}
