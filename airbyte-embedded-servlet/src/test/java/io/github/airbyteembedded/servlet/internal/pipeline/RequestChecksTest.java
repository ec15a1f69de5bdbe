package io.github.airbyteembedded.servlet.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.ErrorCode;
import io.github.airbyteembedded.servlet.WorkspaceResolver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks before a route's own work, on plain fakes of the request and the response (no container). */
class RequestChecksTest {

    private static final String ORIGIN = "https://app.example.com";
    private static final RequestChecks.Rules POST_ONLY = new RequestChecks.Rules(Set.of("POST"), Optional.empty());

    private final RequestChecks checks = checks(WorkspaceResolver.principalName());

    private static RequestChecks checks(WorkspaceResolver resolver) {
        return new RequestChecks(List.of(Origin.parseConfigured(ORIGIN)), new Users(resolver, WorkspaceNames.EXACT_CASE));
    }

    @Test
    void passesAnAuthenticatedPostFromAnAllowedOriginWithTheUserAndTheOrigin() throws IOException {
        PipelineFakes.Request request = new PipelineFakes.Request("POST").user("alice").header("Origin", ORIGIN);
        PipelineFakes.Response response = new PipelineFakes.Response();
        RequestChecks.Passed passed = assertInstanceOf(RequestChecks.Passed.class,
                checks.check(request.proxy(), response.proxy(), POST_ONLY, false));
        assertEquals("alice", passed.request().workspaceName());
        assertEquals("alice", passed.request().user().principal().getName());
        assertEquals(Optional.of(Origin.parseConfigured(ORIGIN)), passed.request().origin());
        assertEquals(0, passed.request().body().length);
        assertEquals(ORIGIN, response.header("Access-Control-Allow-Origin"));
        assertEquals("true", response.header("Access-Control-Allow-Credentials"));
        assertEquals(List.of("Origin"), response.headers.get("Vary"));
    }

    @Test
    void readsThePrincipalOnceWhenTheResolverDoesNotUseIt() throws IOException {
        PipelineFakes.Request request = new PipelineFakes.Request("POST").user("alice").header("Origin", ORIGIN).attribute("tenant", "acme");
        RequestChecks.Passed passed = assertInstanceOf(RequestChecks.Passed.class, checks(WorkspaceResolver.requestAttribute("tenant"))
                .check(request.proxy(), new PipelineFakes.Response().proxy(), POST_ONLY, false));
        assertEquals("acme", passed.request().workspaceName());
        assertEquals(1, request.principalReads.get());
        assertEquals("principal:alice", passed.request().user().rateLimitKey());
    }

    @Test
    void refusesPathParametersBeforeAnythingElse() throws IOException {
        PipelineFakes.Request request = new PipelineFakes.Request("POST").user("alice").header("Origin", ORIGIN);
        assertEquals(new RequestChecks.Refused(ErrorCode.INVALID_REQUEST),
                checks.check(request.proxy(), new PipelineFakes.Response().proxy(), POST_ONLY, true));
        assertEquals(0, request.principalReads.get());
    }

    @Test
    void refusesAnotherMethodWithTheRoutesAllowHeaderBeforeAskingWhoTheUserIs() throws IOException {
        PipelineFakes.Request request = new PipelineFakes.Request("PUT").user("alice").header("Origin", ORIGIN);
        PipelineFakes.Response response = new PipelineFakes.Response();
        assertEquals(new RequestChecks.Refused(ErrorCode.METHOD_NOT_ALLOWED),
                checks.check(request.proxy(), response.proxy(), POST_ONLY, false));
        assertEquals("POST, OPTIONS", response.header("Allow"));
        assertEquals(0, request.principalReads.get());
    }

    @Test
    void refusesARequestWithoutAUser() throws IOException {
        assertEquals(new RequestChecks.Refused(ErrorCode.UNAUTHENTICATED), checks.check(
                new PipelineFakes.Request("POST").header("Origin", ORIGIN).proxy(), new PipelineFakes.Response().proxy(), POST_ONLY, false));
    }

    @Test
    void refusesAWorkspaceNameThatBreaksTheRules() throws IOException {
        assertEquals(new RequestChecks.Refused(ErrorCode.INVALID_WORKSPACE_NAME), checks.check(
                new PipelineFakes.Request("POST").user("a\u0000b").header("Origin", ORIGIN).proxy(), new PipelineFakes.Response().proxy(), POST_ONLY, false));
    }

    @Test
    void answersInternalErrorWhenTheResolverThrows() throws IOException {
        RequestChecks throwing = checks(request -> {
            throw new IllegalStateException("boom");
        });
        assertEquals(new RequestChecks.Refused(ErrorCode.INTERNAL_ERROR), throwing.check(
                new PipelineFakes.Request("POST").user("alice").header("Origin", ORIGIN).proxy(), new PipelineFakes.Response().proxy(), POST_ONLY, false));
    }

    @Test
    void refusesAnotherOriginAndAMissingOneOnAPost() throws IOException {
        PipelineFakes.Response response = new PipelineFakes.Response();
        assertEquals(new RequestChecks.Refused(ErrorCode.ORIGIN_NOT_ALLOWED), checks.check(
                new PipelineFakes.Request("POST").user("alice").header("Origin", "https://evil.example.com").proxy(), response.proxy(),
                POST_ONLY, false));
        assertNull(response.header("Access-Control-Allow-Origin"));
        assertEquals(new RequestChecks.Refused(ErrorCode.ORIGIN_NOT_ALLOWED), checks.check(
                new PipelineFakes.Request("POST").user("alice").proxy(), new PipelineFakes.Response().proxy(), POST_ONLY, false));
        assertEquals(new RequestChecks.Refused(ErrorCode.ORIGIN_NOT_ALLOWED), checks.check(
                new PipelineFakes.Request("POST").user("alice").header("Origin", ORIGIN).header("Origin", ORIGIN).proxy(),
                new PipelineFakes.Response().proxy(), POST_ONLY, false), "two Origin headers");
    }

    @Test
    void passesASameOriginGetWithoutOriginButNotOneFromAnotherOrigin() throws IOException {
        RequestChecks.Rules getOnly = new RequestChecks.Rules(Set.of("GET"), Optional.empty());
        RequestChecks.Passed passed = assertInstanceOf(RequestChecks.Passed.class,
                checks.check(new PipelineFakes.Request("GET").user("alice").proxy(), new PipelineFakes.Response().proxy(), getOnly, false));
        assertEquals(Optional.empty(), passed.request().origin());
        assertEquals(new RequestChecks.Refused(ErrorCode.ORIGIN_NOT_ALLOWED), checks.check(
                new PipelineFakes.Request("GET").user("alice").header("Origin", "null").proxy(), new PipelineFakes.Response().proxy(), getOnly, false));
    }

    @Test
    void refusesAUserPastTheRateLimitWithTheWaitAndCountsOnlyUsersWhoPassedTheOtherChecks() throws IOException {
        List<String> asked = new ArrayList<>();
        RateLimiter oneEach = user -> {
            asked.add(user);
            return asked.stream().filter(user::equals).count() > 1 ? Optional.of(Duration.ofSeconds(7)) : Optional.empty();
        };
        RequestChecks.Rules limited = new RequestChecks.Rules(Set.of("POST"), Optional.of(oneEach));
        assertInstanceOf(RequestChecks.Passed.class, checks.check(
                new PipelineFakes.Request("POST").user("alice").header("Origin", ORIGIN).proxy(), new PipelineFakes.Response().proxy(), limited, false));
        assertEquals(new RequestChecks.Refused(ErrorCode.RATE_LIMITED, Duration.ofSeconds(7)), checks.check(
                new PipelineFakes.Request("POST").user("alice").header("Origin", ORIGIN).proxy(), new PipelineFakes.Response().proxy(), limited, false));
        checks.check(new PipelineFakes.Request("POST").user("bob").header("Origin", "https://evil.example.com").proxy(),
                new PipelineFakes.Response().proxy(), limited, false);
        assertEquals(List.of("principal:alice", "principal:alice"), asked);
    }

    @Test
    void answersAPreflightFromAnAllowedOriginWithTheRequestedMethodAndKnownHeadersOnly() throws IOException {
        PipelineFakes.Request request = new PipelineFakes.Request("OPTIONS").header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "Content-Type, X-Evil");
        PipelineFakes.Response response = new PipelineFakes.Response();
        assertInstanceOf(RequestChecks.Preflight.class, checks.check(request.proxy(), response.proxy(), POST_ONLY, false));
        assertEquals(204, response.status);
        assertEquals(ORIGIN, response.header("Access-Control-Allow-Origin"));
        assertEquals("POST", response.header("Access-Control-Allow-Methods"));
        assertEquals("content-type", response.header("Access-Control-Allow-Headers"));
        assertEquals("600", response.header("Access-Control-Max-Age"));
        assertEquals(0, request.principalReads.get(), "a preflight carries no credentials");
    }

    @Test
    void refusesAPreflightFromAnotherOriginOrForAnotherMethod() throws IOException {
        PipelineFakes.Response foreign = new PipelineFakes.Response();
        checks.check(new PipelineFakes.Request("OPTIONS").header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "POST").proxy(), foreign.proxy(), POST_ONLY, false);
        assertEquals(403, foreign.status);
        assertTrue(foreign.body.toString().contains("\"origin_not_allowed\""), foreign.body.toString());
        PipelineFakes.Response method = new PipelineFakes.Response();
        checks.check(new PipelineFakes.Request("OPTIONS").header("Origin", ORIGIN).header("Access-Control-Request-Method", "DELETE").proxy(),
                method.proxy(), POST_ONLY, false);
        assertEquals(405, method.status);
        assertEquals("POST, OPTIONS", method.header("Allow"));
    }
}
