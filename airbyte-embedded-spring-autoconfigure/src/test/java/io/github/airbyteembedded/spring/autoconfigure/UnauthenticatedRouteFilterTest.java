package io.github.airbyteembedded.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import jakarta.servlet.FilterChain;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

class UnauthenticatedRouteFilterTest {

    private final AirbyteEmbeddedConfig config = AirbyteEmbeddedConfig.builder().clientId("id").clientSecret("secret")
            .allowedOrigin("https://app.example.com").build();
    private final UnauthenticatedRouteFilter filter = new UnauthenticatedRouteFilter(AirbyteEmbeddedRoutes.of(AirbyteEmbedded.create(config)));

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void answersAnAnonymousRefusalOnTheRoutesExactlyAsTheFilterAnswersAnonymousUsers() throws Exception {
        MockHttpServletResponse filters = new MockHttpServletResponse();
        MockHttpServletRequest anonymous = post("/api/airbyte/widget-token");
        anonymous.addHeader("Origin", "https://app.example.com");
        new AirbyteEmbeddedFilter(config).doFilter(anonymous, filters, new MockFilterChain());

        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        MockHttpServletResponse ours = new MockHttpServletResponse();
        filter.doFilter(post("/api/airbyte/widget-token"), ours, denying());

        assertEquals(401, filters.getStatus());
        assertEquals(filters.getStatus(), ours.getStatus());
        assertEquals(filters.getContentAsString(), ours.getContentAsString());
        assertEquals("{\"error\":\"unauthenticated\",\"message\":\"Sign in to connect your data.\"}", ours.getContentAsString());
        for (String header : List.of("Cache-Control", "X-Content-Type-Options")) {
            assertEquals(filters.getHeader(header), ours.getHeader(header), header);
        }
        assertEquals("application/json;charset=UTF-8", ours.getContentType());
    }

    @Test
    void answersRefusalsWithoutAnyAuthenticationToo() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(post("/api/airbyte/sources"), response, denying());
        assertEquals(401, response.getStatus());
    }

    @Test
    void letsRefusalsOfAuthenticatedUsersThroughToSpringSecurity() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("alice",
                null, AuthorityUtils.createAuthorityList("ROLE_USER")));
        assertThrows(AccessDeniedException.class,
                () -> filter.doFilter(post("/api/airbyte/widget-token"), new MockHttpServletResponse(), denying()));
    }

    @Test
    void leavesOtherPathsAlone() {
        assertThrows(AccessDeniedException.class,
                () -> filter.doFilter(post("/account"), new MockHttpServletResponse(), denying()));
    }

    private static MockHttpServletRequest post(String path) {
        return new MockHttpServletRequest("POST", path);
    }

    private static FilterChain denying() {
        return (request, response) -> {
            throw new AuthorizationDeniedException("Access Denied");
        };
    }
}
