package io.github.airbyteembedded.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One virtual user signed in to the sample app as a browser is: the login form (its CSRF field, the
 * session cookie, the new session after sign-in), then the home page, whose {@code <meta name="_csrf">}
 * and {@code <meta name="_csrf_header">} the bootstrap script reads. Requests then carry the session
 * cookie, the CSRF header and the page's {@code Origin}, as the bootstrap's {@code fetch} sends them.
 */
record BrowserSession(String user, String sessionCookie, String csrfHeader, String csrfToken) {

    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");
    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern META_CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern META_CSRF_HEADER = Pattern.compile("<meta name=\"_csrf_header\" content=\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A POST as the bootstrap's {@code fetch} sends it from the home page: no body, same-origin credentials. */
    HttpRequest post(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Origin", SampleAppProcess.ORIGIN)
                .header("Cookie", "JSESSIONID=" + sessionCookie)
                .header(csrfHeader, csrfToken)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    /** A GET of a page's resource by the same browser: the session cookie, no CSRF header, no {@code Origin}. */
    HttpRequest get(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Cookie", "JSESSIONID=" + sessionCookie)
                .GET()
                .build();
    }

    /** Signs in {@code count} sessions, alternately as alice and bob, a few at a time (the password hash is slow on purpose). */
    static List<BrowserSession> signIn(SampleAppProcess app, int count) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<BrowserSession>> sessions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String user = i % 2 == 0 ? "alice" : "bob";
                sessions.add(pool.submit(() -> signIn(client, app, user)));
            }
            List<BrowserSession> result = new ArrayList<>();
            for (Future<BrowserSession> session : sessions) {
                result.add(session.get());
            }
            return result;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not sign in to the sample app: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static BrowserSession signIn(HttpClient client, SampleAppProcess app, String user) throws IOException, InterruptedException {
        HttpResponse<String> form = client.send(HttpRequest.newBuilder(app.uri("/login")).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String anonymous = find(SESSION, cookies(form.headers()), "the login page's session cookie");
        String formToken = find(FORM_CSRF, form.body(), "the login form's CSRF field");
        String body = "username=" + user + "&password=password&_csrf=" + URLEncoder.encode(formToken, StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(app.uri("/login")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", SampleAppProcess.ORIGIN)
                .header("Cookie", "JSESSIONID=" + anonymous)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in as " + user + " answered " + signedIn.statusCode() + " " + location);
        }
        String session = find(SESSION, cookies(signedIn.headers()), "the signed-in session cookie");
        HttpResponse<String> home = client.send(HttpRequest.newBuilder(app.uri("/")).timeout(TIMEOUT)
                .header("Cookie", "JSESSIONID=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (home.statusCode() != 200) {
            throw new IllegalStateException("the home page answered " + home.statusCode() + " to " + user);
        }
        return new BrowserSession(user, session, find(META_CSRF_HEADER, home.body(), "the home page's _csrf_header"),
                find(META_CSRF, home.body(), "the home page's _csrf"));
    }

    private static String cookies(HttpHeaders headers) {
        return String.join("; ", headers.allValues("Set-Cookie"));
    }

    private static String find(Pattern pattern, String text, String what) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("not found: " + what);
        }
        return matcher.group(1);
    }
}
