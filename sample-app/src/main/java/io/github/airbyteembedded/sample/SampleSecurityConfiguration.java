package io.github.airbyteembedded.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two users, alice and bob (password {@code password}), who sign in with the login form or HTTP
 * Basic; each gets their own Airbyte workspace, named after them.
 *
 * <p>The chain says nothing about the Airbyte routes: the auto-configuration's {@code
 * Customizer<HttpSecurity>} makes them answer anonymous users with the filter's JSON 401 and exempts
 * them from the CSRF token check (their exact-origin check is their CSRF defence). The login page, its
 * stylesheet and the health endpoint are public; everything else, the bootstrap script and the metrics
 * included, needs a signed-in user.
 *
 * <p>Every response gets {@link #CONTENT_SECURITY_POLICY}, which allows no script at all. The home page,
 * which hosts the widget, sets its own policy before it renders: this one with the widget's needs merged
 * in (a per-request nonce, the widget script's URL, its style hash, the widget's frame). Spring
 * Security's CSP writer never replaces a policy the response already has, so each response carries
 * exactly one.
 */
@Configuration(proxyBeanMethods = false)
class SampleSecurityConfiguration {

    /** The application's policy: its own stylesheets and images, no scripts, no frames, no plugins. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'none'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/favicon.svg", "/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").permitAll())
                .httpBasic(Customizer.withDefaults())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }

    @Bean
    UserDetailsService users(PasswordEncoder encoder) {
        String password = encoder.encode("password");
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password(password).roles("USER").build(),
                User.withUsername("bob").password(password).roles("USER").build());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
