package io.github.airbyteembedded.spring.autoconfigure;

import static io.github.airbyteembedded.spring.autoconfigure.Browser.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import java.net.http.HttpResponse;
import java.security.Principal;
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
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** A Thymeleaf page of a Boot app renders the {@code airbyte:} dialect with no registration of its own. */
@SpringBootTest(classes = ThymeleafIT.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"airbyte.embedded.emulator=true", "airbyte.embedded.allowed-origins=" + Browser.ORIGIN})
class ThymeleafIT {

    @LocalServerPort
    int port;

    @Autowired
    AirbyteEmbedded airbyte;

    @Test
    void rendersTheWidgetScriptsAndTheConnectButtonThroughTheAutoConfiguredDialect() {
        Browser browser = new Browser(port);
        HttpResponse<String> page = browser.send(basic(browser.request("/connect"), "alice").header("Accept", "text/html"));
        assertEquals(200, page.statusCode(), page.body());
        String html = page.body();
        assertTrue(html.contains("src=\"" + airbyte.config().widgetScript().scriptUrl("") + "\""), html);
        assertTrue(html.contains(airbyte.bootstrapScriptPath()), "the bootstrap script: " + html);
        assertTrue(html.contains("data-airbyte-connect"), html);
        assertFalse(html.contains("airbyte:"), "no dialect markup is left: " + html);
        assertTrue(html.contains(">alice<"), html);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) {
            return http.authorizeHttpRequests(requests -> requests.requestMatchers("/error").permitAll().anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}password").roles("USER").build());
        }

        @Bean
        ConnectController connectController() {
            return new ConnectController();
        }
    }

    @Controller
    static class ConnectController {

        @GetMapping("/connect")
        String connect(Principal principal, Model model) {
            model.addAttribute("user", principal.getName());
            return "airbyte-connect";
        }
    }
}
