package io.github.airbyteembedded.servlet;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny HTTP/1.1 server on a raw loopback socket, for misbehaviours of Airbyte that the emulator does
 * not express and for watching what the client does with the connection: each request is answered by a
 * script that writes raw bytes; the server counts the bytes it managed to write and the connections
 * that the client closed.
 */
public final class ScriptedUpstream implements AutoCloseable {

    /** Writes the answer to a request; returns whether it was complete (the connection may serve another). */
    @FunctionalInterface
    public interface Script {
        boolean answer(String requestLine, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final Script script;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    private ScriptedUpstream(Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        Thread acceptor = new Thread(this::accept, "scripted-upstream-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static ScriptedUpstream start(Script script) throws IOException {
        return new ScriptedUpstream(script);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Bytes of answers that were written to the socket (not necessarily read by the client). */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /** Connections that the client closed (EOF or reset seen while waiting or writing). */
    public int closedByClient() {
        return closedByClient.get();
    }

    public int requests() {
        return requests.get();
    }

    /** Connections still open on the server's side. */
    public int openConnections() {
        return connections.size();
    }

    /** A status line and headers with a {@code Content-Length}; the body follows. */
    public static byte[] head(int status, long contentLength) {
        return ("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A complete JSON answer. */
    public static boolean json(OutputStream out, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(head(status, bytes.length));
        out.write(bytes);
        out.flush();
        return true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread connection = new Thread(() -> serve(socket), "scripted-upstream-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = new FilterOutputStream(socket.getOutputStream()) {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    bytesWritten.incrementAndGet();
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    bytesWritten.addAndGet(len);
                }
            };
            while (true) {
                String requestLine = readRequest(in);
                if (requestLine == null) {
                    closedByClient.incrementAndGet();
                    return;
                }
                requests.incrementAndGet();
                boolean complete;
                try {
                    complete = script.answer(requestLine, out);
                } catch (IOException e) {
                    closedByClient.incrementAndGet(); // a write failed: the client closed the connection
                    return;
                }
                if (!complete) {
                    while (in.read() != -1) {
                        // the client must not send anything; wait for it to close the connection
                    }
                    closedByClient.incrementAndGet();
                    return;
                }
            }
        } catch (IOException e) {
            if (!server.isClosed()) {
                closedByClient.incrementAndGet(); // reset by the client
            }
        } finally {
            connections.remove(socket);
        }
    }

    /** Reads a request's head and body; returns its request line, or null at EOF. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b == -1) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        long length = 0;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        in.readNBytes((int) length);
        return lines[0];
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
