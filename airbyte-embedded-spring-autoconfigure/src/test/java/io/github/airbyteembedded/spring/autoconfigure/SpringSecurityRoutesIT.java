package io.github.airbyteembedded.spring.autoconfigure;

import static io.github.airbyteembedded.spring.autoconfigure.Browser.basic;
import static io.github.airbyteembedded.spring.autoconfigure.Browser.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's own chain (form login, HTTP Basic, every request authenticated) with the
 * auto-configuration's defaults: anonymous users get the routes' JSON 401, the routes need no CSRF
 * token, and the rest of the chain behaves as the application wrote it.
 */
@SpringBootTest(classes = SpringSecurityRoutesIT.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"airbyte.embedded.emulator=true", "airbyte.embedded.allowed-origins=" + Browser.ORIGIN})
class SpringSecurityRoutesIT {

    private static final List<String> ROUTES_PATHS = List.of(
            "/api/airbyte/widget-token", "/api/airbyte/sources", "/api/airbyte/sources/3f1d0c5e", "/api/airbyte/source-events");

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
    void anonymousBrowserRequestsToTheRoutesGetJson401InsteadOfTheLoginPage() {
        for (String path : ROUTES_PATHS) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                HttpResponse<String> response = browser.send(browser.request(path).header("Accept", "text/html")
                        .header("Origin", Browser.ORIGIN).method(method, HttpRequest.BodyPublishers.noBody()));
                String what = method + " " + path;
                assertEquals(401, response.statusCode(), what);
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
                assertEquals("unauthenticated", json(response).get("error").asText(), what);
                assertFalse(response.headers().firstValue("Location").isPresent(), what);
                assertFalse(response.headers().firstValue("WWW-Authenticate").isPresent(), what);
            }
        }
        assertEquals(0, emulator.calls().size(), "anonymous requests never reach Airbyte");
    }

    @Test
    void anonymousRequestsElsewhereStillGetTheApplicationsLoginPageOrBasicChallenge() {
        HttpResponse<String> page = browser.send(browser.request("/account").header("Accept", "text/html"));
        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/login"), page.headers().toString());

        HttpResponse<String> api = browser.send(browser.request("/account").header("Accept", "application/json"));
        assertEquals(401, api.statusCode());
        assertTrue(api.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), api.headers().toString());
        assertFalse(api.body().contains("unauthenticated"));

        HttpResponse<String> script = browser.send(browser.request("/account").header("X-Requested-With", "XMLHttpRequest"));
        assertEquals(401, script.statusCode(), "HTTP Basic's own answer to scripts: a bare 401");
        assertEquals("", script.body());
    }

    @Test
    void aRefusedAnonymousRouteCallIsNotWhereTheLoginSendsTheUserBack() {
        browser.send(browser.request("/account").header("Accept", "text/html"));
        browser.send(browser.request("/api/airbyte/sources").header("Accept", "text/html"));
        String afterLogin = browser.signInWithForm("alice");
        assertTrue(afterLogin.contains("/account"), "the page the user asked for: " + afterLogin);
        assertFalse(afterLogin.contains("/api/airbyte"), afterLogin);
    }

    @Test
    void aUserSignedInWithHttpBasicGetsATokenWithoutACsrfToken() {
        HttpResponse<String> response = browser.postToken(basic(browser.request("/api/airbyte/widget-token"), "alice"));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(json(response).hasNonNull("token"));
        assertTrue(emulator.workspace("alice").isPresent(), "the workspace is the authenticated user's");
    }

    @Test
    void aUserSignedInWithTheLoginFormGetsATokenWithoutACsrfToken() {
        browser.signInWithForm("bob");
        HttpResponse<String> response = browser.postToken(browser.request("/api/airbyte/widget-token"));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(emulator.workspace("bob").isPresent());
    }

    @Test
    void aSignedInUserListsAndDisconnectsHerSourcesWithoutACsrfToken() {
        browser.signInWithForm("alice");
        HttpResponse<String> list = browser.send(browser.request("/api/airbyte/sources").header("Origin", Browser.ORIGIN)
                .header("Accept", "application/json"));
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(json(list).path("sources").isArray(), list.body());

        HttpResponse<String> delete = browser.send(browser.request("/api/airbyte/sources/3f1d0c5e-9b7a-4d4c-8e6f-1a0b9c8d7e6f")
                .header("Origin", Browser.ORIGIN).DELETE());
        assertEquals(404, delete.statusCode(), "the route answered, not Spring Security's CSRF check: " + delete.body());
        assertEquals("source_not_found", json(delete).get("error").asText());

        HttpResponse<String> event = browser.send(browser.request("/api/airbyte/source-events").header("Origin", Browser.ORIGIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"source_created\",\"sourceId\":\"3f1d0c5e-9b7a-4d4c-8e6f-1a0b9c8d7e6f\"}")));
        assertEquals(404, event.statusCode(), "a forged event is checked by the route: " + event.body());
        assertEquals("source_not_found", json(event).get("error").asText());
    }

    @Test
    void theExactOriginCheckRefusesACrossSiteRequestOfASignedInUser() {
        HttpResponse<String> response = browser.send(basic(browser.request("/api/airbyte/widget-token"), "alice")
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, response.statusCode());
        assertEquals("origin_not_allowed", json(response).get("error").asText());
        assertEquals(0, emulator.calls().size());
    }

    @Test
    void theApplicationsOwnRoutesKeepSpringSecuritysCsrfProtection() {
        HttpResponse<String> response = browser.send(basic(browser.request("/account/delete"), "alice")
                .header("Origin", Browser.ORIGIN).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, response.statusCode());
        assertFalse(response.body().contains("deleted"));
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
            return new InMemoryUserDetailsManager(
                    User.withUsername("alice").password("{noop}password").roles("USER").build(),
                    User.withUsername("bob").password("{noop}password").roles("USER").build());
        }

        @Bean
        AccountController accountController() {
            return new AccountController();
        }
    }

    @RestController
    static class AccountController {

        @PostMapping("/account/delete")
        String delete() {
            return "deleted";
        }
    }
}
