package io.github.airbyteembedded.spring.autoconfigure;

import static io.github.airbyteembedded.spring.autoconfigure.Browser.basic;
import static io.github.airbyteembedded.spring.autoconfigure.Browser.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
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

/** {@code /actuator/health} shows the Airbyte component; {@code /actuator/metrics} the route's timers. */
@SpringBootTest(classes = ActuatorIT.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "airbyte.embedded.emulator=true",
                "airbyte.embedded.allowed-origins=" + Browser.ORIGIN,
                "management.endpoints.web.exposure.include=health,metrics",
                "management.endpoint.health.show-details=always"})
class ActuatorIT {

    @LocalServerPort
    int port;

    @Autowired
    AirbyteEmbedded airbyte;

    @Test
    void healthShowsTheAirbyteComponentUpAndNoSecret() {
        Browser browser = new Browser(port);
        airbyte.checkOperatorToken().join();
        HttpResponse<String> response = browser.send(browser.request("/actuator/health"));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode component = json(response).path("components").path("airbyteEmbedded");
        assertEquals("UP", component.path("status").asText(), response.body());
        assertEquals("available", component.path("details").path("operatorToken").asText());
        assertFalse(response.body().contains(AirbyteEmulator.DEFAULT_CLIENT_SECRET), response.body());
        assertFalse(response.body().contains("eyJ"), "no token in " + response.body());
    }

    @Test
    void metricsShowTheTokenRoutesTimerByOutcomeAfterRequests() {
        Browser browser = new Browser(port);
        assertEquals(200, browser.postToken(basic(browser.request("/api/airbyte/widget-token"), "alice")).statusCode());
        assertEquals(403, browser.send(basic(browser.request("/api/airbyte/widget-token"), "alice")
                .header("Origin", "https://evil.example").POST(java.net.http.HttpRequest.BodyPublishers.noBody())).statusCode());

        HttpResponse<String> timer = browser.send(browser.request("/actuator/metrics/airbyte.embedded.token?tag=outcome:ok"));
        assertEquals(200, timer.statusCode(), timer.body());
        assertTrue(count(json(timer)) >= 1, timer.body());
        List<String> outcomes = tagValues(json(browser.send(browser.request("/actuator/metrics/airbyte.embedded.token"))), "outcome");
        assertTrue(outcomes.containsAll(List.of("ok", "origin_not_allowed")), outcomes.toString());

        HttpResponse<String> upstream = browser.send(browser.request("/actuator/metrics/airbyte.embedded.upstream"));
        assertEquals(200, upstream.statusCode(), upstream.body());
        assertTrue(tagValues(json(upstream), "call").contains("POST /api/v1/account/applications/widget-token"), upstream.body());
    }

    private static double count(JsonNode metric) {
        for (JsonNode measurement : metric.path("measurements")) {
            if (measurement.path("statistic").asText().equals("COUNT")) {
                return measurement.path("value").asDouble();
            }
        }
        return 0;
    }

    private static List<String> tagValues(JsonNode metric, String tag) {
        List<String> values = new ArrayList<>();
        for (JsonNode available : metric.path("availableTags")) {
            if (available.path("tag").asText().equals(tag)) {
                available.path("values").forEach(value -> values.add(value.asText()));
            }
        }
        return values;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) {
            return http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/**", "/error").permitAll()
                            .anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}password").roles("USER").build());
        }
    }
}
