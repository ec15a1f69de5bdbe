package io.github.airbyteembedded.bench;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hand-written {@link HttpServletRequest} holding only what the filter reads: method, URI, context
 * path, headers, principal, async support. Every other method throws, so a benchmark that strays
 * from the measured path fails loudly instead of measuring a default. Not thread-safe; a mock
 * library would add its own dispatch cost to what is measured.
 */
final class StubRequest implements HttpServletRequest {

    private final String method;
    private final String requestUri;
    private final String contextPath;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Principal principal;
    private final boolean asyncSupported;

    StubRequest(String method, String requestUri, String contextPath, Principal principal, boolean asyncSupported) {
        this.method = method;
        this.requestUri = requestUri;
        this.contextPath = contextPath;
        this.principal = principal;
        this.asyncSupported = asyncSupported;
    }

    StubRequest header(String name, String value) {
        headers.put(name, List.of(value));
        return this;
    }

    private static UnsupportedOperationException notStubbed() {
        return new UnsupportedOperationException("not used by the benchmarks");
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getRequestURI() {
        return requestUri;
    }

    @Override
    public String getContextPath() {
        return contextPath;
    }

    @Override
    public String getHeader(String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return Collections.enumeration(headers.getOrDefault(name, List.of()));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(headers.keySet());
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal == null ? null : principal.getName();
    }

    @Override
    public boolean isAsyncSupported() {
        return asyncSupported;
    }

    @Override
    public boolean isAsyncStarted() {
        return false;
    }

    @Override
    public long getContentLengthLong() {
        return -1;
    }

    @Override
    public int getContentLength() {
        return -1;
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public DispatcherType getDispatcherType() {
        return DispatcherType.REQUEST;
    }

    @Override
    public Object getAttribute(String name) {
        return null;
    }

    // ---- not used on the measured paths ----

    @Override
    public String getAuthType() {
        throw notStubbed();
    }

    @Override
    public Cookie[] getCookies() {
        throw notStubbed();
    }

    @Override
    public long getDateHeader(String name) {
        throw notStubbed();
    }

    @Override
    public int getIntHeader(String name) {
        throw notStubbed();
    }

    @Override
    public String getPathInfo() {
        throw notStubbed();
    }

    @Override
    public String getPathTranslated() {
        throw notStubbed();
    }

    @Override
    public String getQueryString() {
        throw notStubbed();
    }

    @Override
    public boolean isUserInRole(String role) {
        throw notStubbed();
    }

    @Override
    public String getRequestedSessionId() {
        throw notStubbed();
    }

    @Override
    public StringBuffer getRequestURL() {
        throw notStubbed();
    }

    @Override
    public String getServletPath() {
        throw notStubbed();
    }

    @Override
    public HttpSession getSession(boolean create) {
        throw notStubbed();
    }

    @Override
    public HttpSession getSession() {
        throw notStubbed();
    }

    @Override
    public String changeSessionId() {
        throw notStubbed();
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        throw notStubbed();
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        throw notStubbed();
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        throw notStubbed();
    }

    @Override
    public boolean authenticate(HttpServletResponse response) {
        throw notStubbed();
    }

    @Override
    public void login(String username, String password) {
        throw notStubbed();
    }

    @Override
    public void logout() {
        throw notStubbed();
    }

    @Override
    public Collection<Part> getParts() {
        throw notStubbed();
    }

    @Override
    public Part getPart(String name) {
        throw notStubbed();
    }

    @Override
    public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) {
        throw notStubbed();
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        throw notStubbed();
    }

    @Override
    public String getCharacterEncoding() {
        throw notStubbed();
    }

    @Override
    public void setCharacterEncoding(String encoding) {
        throw notStubbed();
    }

    @Override
    public ServletInputStream getInputStream() {
        throw notStubbed();
    }

    @Override
    public String getParameter(String name) {
        throw notStubbed();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        throw notStubbed();
    }

    @Override
    public String[] getParameterValues(String name) {
        throw notStubbed();
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        throw notStubbed();
    }

    @Override
    public String getProtocol() {
        throw notStubbed();
    }

    @Override
    public String getScheme() {
        throw notStubbed();
    }

    @Override
    public String getServerName() {
        throw notStubbed();
    }

    @Override
    public int getServerPort() {
        throw notStubbed();
    }

    @Override
    public BufferedReader getReader() {
        throw notStubbed();
    }

    @Override
    public String getRemoteAddr() {
        throw notStubbed();
    }

    @Override
    public String getRemoteHost() {
        throw notStubbed();
    }

    @Override
    public void setAttribute(String name, Object value) {
        throw notStubbed();
    }

    @Override
    public void removeAttribute(String name) {
        throw notStubbed();
    }

    @Override
    public Locale getLocale() {
        throw notStubbed();
    }

    @Override
    public Enumeration<Locale> getLocales() {
        throw notStubbed();
    }

    @Override
    public boolean isSecure() {
        throw notStubbed();
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        throw notStubbed();
    }

    @Override
    public int getRemotePort() {
        throw notStubbed();
    }

    @Override
    public String getLocalName() {
        throw notStubbed();
    }

    @Override
    public String getLocalAddr() {
        throw notStubbed();
    }

    @Override
    public int getLocalPort() {
        throw notStubbed();
    }

    @Override
    public ServletContext getServletContext() {
        throw notStubbed();
    }

    @Override
    public AsyncContext startAsync() {
        throw notStubbed();
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        throw notStubbed();
    }

    @Override
    public AsyncContext getAsyncContext() {
        throw notStubbed();
    }

    @Override
    public String getRequestId() {
        throw notStubbed();
    }

    @Override
    public String getProtocolRequestId() {
        throw notStubbed();
    }

    @Override
    public ServletConnection getServletConnection() {
        throw notStubbed();
    }
}
