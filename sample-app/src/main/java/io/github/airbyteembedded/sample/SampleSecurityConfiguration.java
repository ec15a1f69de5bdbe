package io.github.airbyteembedded.sample;

import org.springframework.beans.factory.annotation.Value;
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
 * Basic; each gets their own Airbyte workspace.
 *
 * <p>The token route is let through Spring Security's authorization and CSRF checks so that the
 * Airbyte filter itself answers: anonymous requests get its JSON 401, and its exact-origin check is
 * the route's CSRF defence (a cross-site POST carries the attacker's {@code Origin} and is refused
 * before any call to Airbyte).
 */
@Configuration(proxyBeanMethods = false)
class SampleSecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http,
            @Value("${sample.airbyte.token-path:/api/airbyte/widget-token}") String tokenPath) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(tokenPath).permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(tokenPath))
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
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
