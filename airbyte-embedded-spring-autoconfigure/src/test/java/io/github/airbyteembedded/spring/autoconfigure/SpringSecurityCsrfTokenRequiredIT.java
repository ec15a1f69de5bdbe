package io.github.airbyteembedded.spring.autoconfigure;

import static io.github.airbyteembedded.spring.autoconfigure.Browser.basic;
import static io.github.airbyteembedded.spring.autoconfigure.Browser.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code airbyte.embedded.security.require-csrf-token=true}: the routes keep Spring Security's CSRF
 * check, and a page that sends the session's token (as the bootstrap script does from the {@code
 * _csrf} meta tags) gets its widget token.
 */
@SpringBootTest(classes = SpringSecurityCsrfTokenRequiredIT.Application.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
                "airbyte.embedded.emulator=true",
                "airbyte.embedded.allowed-origins=" + Browser.ORIGIN,
                "airbyte.embedded.security.require-csrf-token=true"})
class SpringSecurityCsrfTokenRequiredIT {

    @LocalServerPort
    int port;

    @Autowired
    AirbyteEmulator emulator;

    private Browser browser;

    @BeforeEach
    void newBrowser() {
        browser = new Browser(port);
        emulator.reset();
    }

    @Test
    void refusesATokenRequestWithoutTheCsrfToken() {
        HttpResponse<String> response = browser.postToken(basic(browser.request("/api/airbyte/widget-token"), "alice"));
        assertEquals(403, response.statusCode(), response.body());
        assertEquals(0, emulator.calls().size(), "refused before any call to Airbyte");
    }

    @Test
    void givesATokenToARequestCarryingTheSessionsCsrfToken() {
        browser.signInWithForm("alice");
        HttpResponse<String> page = browser.send(browser.request("/csrf"));
        assertEquals(200, page.statusCode(), page.body());
        String[] header = page.body().split("=", 2);
        HttpResponse<String> response = browser.postToken(browser.request("/api/airbyte/widget-token").header(header[0], header[1]));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(json(response).hasNonNull("token"));
        assertTrue(emulator.workspace("alice").isPresent());
    }

    @Test
    void stillAnswersAnonymousReadsWithJson401() {
        HttpResponse<String> response = browser.send(browser.request("/api/airbyte/sources").header("Accept", "text/html"));
        assertEquals(401, response.statusCode());
        assertEquals("unauthenticated", json(response).get("error").asText());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) {
            return http.authorizeHttpRequests(requests -> requests.requestMatchers("/error").permitAll().anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .httpBasic(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}password").roles("USER").build());
        }

        @Bean
        CsrfController csrfController() {
            return new CsrfController();
        }
    }

    /** Stands in for the page's {@code _csrf_header} and {@code _csrf} meta tags. */
    @RestController
    static class CsrfController {

        @GetMapping(path = "/csrf", produces = "text/plain")
        String csrf(CsrfToken token) {
            return token.getHeaderName() + "=" + token.getToken();
        }
    }
}
