package io.github.airbyteembedded.bench;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hand-written {@link HttpServletResponse} that keeps the status, the headers and the body written
 * through {@link #getWriter()}. Methods the benchmarks never reach throw. Not thread-safe.
 */
final class StubResponse implements HttpServletResponse {

    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private StringWriter body = new StringWriter();
    private PrintWriter writer = new PrintWriter(body);
    private int status = SC_OK;
    private String contentType;
    private String characterEncoding = "ISO-8859-1";

    String body() {
        writer.flush();
        return body.toString();
    }

    private static UnsupportedOperationException notStubbed() {
        return new UnsupportedOperationException("not used by the benchmarks");
    }

    @Override
    public void setStatus(int status) {
        this.status = status;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setHeader(String name, String value) {
        List<String> values = new ArrayList<>(1);
        values.add(value);
        headers.put(name, values);
    }

    @Override
    public void addHeader(String name, String value) {
        headers.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
    }

    @Override
    public String getHeader(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        return List.copyOf(headers.getOrDefault(name, List.of()));
    }

    @Override
    public Collection<String> getHeaderNames() {
        return List.copyOf(headers.keySet());
    }

    @Override
    public boolean containsHeader(String name) {
        return headers.containsKey(name);
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, Integer.toString(value));
    }

    @Override
    public void setContentType(String type) {
        this.contentType = type;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public void setCharacterEncoding(String charset) {
        this.characterEncoding = charset;
    }

    @Override
    public String getCharacterEncoding() {
        return characterEncoding;
    }

    @Override
    public PrintWriter getWriter() {
        return writer;
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public void reset() {
        headers.clear();
        status = SC_OK;
        contentType = null;
        resetBuffer();
    }

    @Override
    public void resetBuffer() {
        body = new StringWriter();
        writer = new PrintWriter(body);
    }

    @Override
    public void flushBuffer() {
        writer.flush();
    }

    // ---- not used on the measured paths ----

    @Override
    public void addCookie(Cookie cookie) {
        throw notStubbed();
    }

    @Override
    public String encodeURL(String url) {
        throw notStubbed();
    }

    @Override
    public String encodeRedirectURL(String url) {
        throw notStubbed();
    }

    @Override
    public void sendError(int sc, String msg) {
        throw notStubbed();
    }

    @Override
    public void sendError(int sc) {
        throw notStubbed();
    }

    @Override
    public void sendRedirect(String location, int sc, boolean clearBuffer) {
        throw notStubbed();
    }

    @Override
    public void setDateHeader(String name, long date) {
        throw notStubbed();
    }

    @Override
    public void addDateHeader(String name, long date) {
        throw notStubbed();
    }

    @Override
    public ServletOutputStream getOutputStream() {
        throw notStubbed();
    }

    @Override
    public void setContentLength(int len) {
        throw notStubbed();
    }

    @Override
    public void setContentLengthLong(long len) {
        throw notStubbed();
    }

    @Override
    public void setBufferSize(int size) {
        throw notStubbed();
    }

    @Override
    public int getBufferSize() {
        throw notStubbed();
    }

    @Override
    public void setLocale(Locale loc) {
        throw notStubbed();
    }

    @Override
    public Locale getLocale() {
        throw notStubbed();
    }
}
