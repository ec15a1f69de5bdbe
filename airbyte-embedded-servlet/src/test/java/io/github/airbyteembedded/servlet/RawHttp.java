package io.github.airbyteembedded.servlet;

import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client on a plain socket, for what well-behaved clients never do: send the headers of a
 * request that announces a body, then send the body slowly or not at all.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    /** Connects to the app and sends a request's line and headers; the body is left to the caller. */
    static RawHttp sendHeaders(TestWebApp app, String method, String path, Map<String, String> headers) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.port());
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(app.port()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return new RawHttp(socket);
    }

    /** Sends part of the body. */
    void sendBody(String part) throws IOException {
        socket.getOutputStream().write(part.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Whether any byte of a response has arrived, without waiting. */
    boolean hasResponse() throws IOException {
        return socket.getInputStream().available() > 0;
    }

    /** Reads the response, waiting at most {@code timeout} for it. */
    Response readResponse(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        String statusLine = readLine(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunks(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] readChunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(readLine(in).strip(), 16); size > 0; size = Integer.parseInt(readLine(in).strip(), 16)) {
            body.write(in.readNBytes(size));
            readLine(in);
        }
        readLine(in);
        return body.toByteArray();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed before the end of the response head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A response: status, headers with lower-case names, body. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
