package com.example.springbootthymeleaf;

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
 * Two users, alice and bob (password {@code password}), who sign in with Spring Security's login form (or
 * HTTP Basic, for curl). Each gets an Airbyte workspace of their own, named after them.
 *
 * <p>Nothing here is about Airbyte: the starter makes the widget's routes answer anonymous requests with
 * a JSON 401 and exempts them from the CSRF token check (their exact-origin check is their CSRF defence).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) {
        return http
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults())
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
