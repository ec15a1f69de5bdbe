package io.github.airbyteembedded.spring.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

class AuthenticationWorkspaceResolverTest {

    private final AuthenticationWorkspaceResolver tenant = AuthenticationWorkspaceResolver.claim("tenant_id");

    @Test
    void readsTheClaimOfAnOidcUser() {
        OidcIdToken idToken = new OidcIdToken("id-token", Instant.EPOCH, Instant.EPOCH.plusSeconds(60),
                Map.of("sub", "248289761001", "tenant_id", "acme"));
        DefaultOidcUser user = new DefaultOidcUser(AuthorityUtils.createAuthorityList("OIDC_USER"), idToken);
        assertEquals(Optional.of("acme"), tenant.resolveWorkspaceName(signedIn(user)));
        assertEquals(Optional.of("248289761001"), AuthenticationWorkspaceResolver.claim("sub").resolveWorkspaceName(signedIn(user)));
    }

    @Test
    void readsTheAttributeOfAnOAuth2User() {
        DefaultOAuth2User user = new DefaultOAuth2User(AuthorityUtils.createAuthorityList("OAUTH2_USER"),
                Map.of("login", "octocat", "tenant_id", 42), "login");
        assertEquals(Optional.of("42"), tenant.resolveWorkspaceName(signedIn(user)), "numbers are used as text");
    }

    @Test
    void readsTheClaimOfAJwtPrincipal() {
        ClaimAccessor jwt = () -> Map.of("sub", "alice", "tenant_id", "globex");
        assertEquals(Optional.of("globex"), tenant.resolveWorkspaceName(signedIn(jwt)));
    }

    @Test
    void givesNoWorkspaceWithoutTheClaimNeverFallingBackToTheName() {
        DefaultOAuth2User user = new DefaultOAuth2User(AuthorityUtils.createAuthorityList("OAUTH2_USER"),
                Map.of("login", "octocat"), "login");
        assertEquals(Optional.empty(), tenant.resolveWorkspaceName(signedIn(user)));
    }

    @Test
    void refusesClaimsThatAreNotText() {
        ClaimAccessor jwt = () -> Map.of("sub", "alice", "tenant_id", List.of("acme", "globex"));
        assertEquals(Optional.empty(), tenant.resolveWorkspaceName(signedIn(jwt)));
        ClaimAccessor blank = () -> Map.of("sub", "alice", "tenant_id", " ");
        assertEquals(Optional.empty(), tenant.resolveWorkspaceName(signedIn(blank)));
    }

    @Test
    void givesNoWorkspaceToUsersWhoSignedInAnotherWay() {
        User user = new User("alice", "password", AuthorityUtils.createAuthorityList("ROLE_USER"));
        assertEquals(Optional.empty(), tenant.resolveWorkspaceName(signedIn(user)));
        MockHttpServletRequest container = new MockHttpServletRequest();
        Principal plain = () -> "alice";
        container.setUserPrincipal(plain);
        assertEquals(Optional.empty(), tenant.resolveWorkspaceName(container));
    }

    @Test
    void givesNoWorkspaceToAnonymousOrUnauthenticatedRequests() {
        assertEquals(Optional.empty(), tenant.resolveWorkspaceName(new MockHttpServletRequest()));
        MockHttpServletRequest request = new MockHttpServletRequest();
        ClaimAccessor jwt = () -> Map.of("tenant_id", "acme");
        request.setUserPrincipal(UsernamePasswordAuthenticationToken.unauthenticated(jwt, null));
        assertEquals(Optional.empty(), tenant.resolveWorkspaceName(request));
    }

    @Test
    void refusesABlankClaimName() {
        assertThrows(IllegalArgumentException.class, () -> AuthenticationWorkspaceResolver.claim(" "));
        assertThrows(NullPointerException.class, () -> AuthenticationWorkspaceResolver.claim(null));
        assertEquals("AuthenticationWorkspaceResolver.claim(tenant_id)", tenant.toString());
    }

    private static MockHttpServletRequest signedIn(Object user) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setUserPrincipal(UsernamePasswordAuthenticationToken.authenticated(user, null,
                AuthorityUtils.createAuthorityList("ROLE_USER")));
        return request;
    }
}
