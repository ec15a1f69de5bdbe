package io.github.airbyteembedded.servlet.internal.pipeline;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a route's request body, at most {@value #MAX_BYTES} bytes, within a deadline, without a
 * container thread waiting on a slow client: with Servlet non-blocking I/O when the request is
 * asynchronous ({@link #read(ServletInputStream)}), otherwise on a helper thread that the request's
 * thread waits on for at most the deadline ({@link #readWithin(ServletInputStream, Duration)}).
 */
final class RequestBody {

    /** Bodies larger than this are refused. */
    static final int MAX_BYTES = 4096;

    /** Helper threads reading bodies for requests without async support; idle ones end. */
    private static final int MAX_BLOCKING_READERS = 64;

    private RequestBody() {
    }

    /** A body larger than {@link #MAX_BYTES}. */
    static final class TooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("the request body is larger than " + MAX_BYTES + " bytes");
        }
    }

    /**
     * Starts reading with a {@link ReadListener}; the request must be asynchronous. The future
     * completes with the body, or exceptionally with a {@link TooLargeException} or the container's
     * read failure; it never completes when the client stops sending, so the caller bounds it.
     */
    static CompletableFuture<byte[]> read(ServletInputStream in) {
        NonBlockingReader reader = new NonBlockingReader(in);
        in.setReadListener(reader);
        return reader.body;
    }

    /**
     * Reads on a helper thread while the caller waits at most {@code timeout}.
     *
     * @throws TimeoutException when the body did not arrive in time (the helper thread ends when the
     *     container closes the connection)
     * @throws java.util.concurrent.RejectedExecutionException when every helper thread is busy
     */
    static byte[] readWithin(ServletInputStream in, Duration timeout) throws IOException, TimeoutException {
        CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> {
            try {
                return readBlocking(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, BlockingReaders.EXECUTOR);
        try {
            return body.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the request body", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException unchecked ? unchecked.getCause() : e.getCause();
            throw cause instanceof IOException io ? io : new IOException("could not read the request body", cause);
        }
    }

    private static byte[] readBlocking(ServletInputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (bytes.size() + read > MAX_BYTES) {
                throw new TooLargeException();
            }
            bytes.write(buffer, 0, read);
        }
        return bytes.toByteArray();
    }

    /** Reads what is available each time the container says so, and stops past the limit. */
    private static final class NonBlockingReader implements ReadListener {

        private final ServletInputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[512];
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();

        NonBlockingReader(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!body.isDone() && in.isReady()) {
                int read = in.read(buffer);
                if (read == -1) {
                    return;
                }
                if (bytes.size() + read > MAX_BYTES) {
                    body.completeExceptionally(new TooLargeException());
                    return;
                }
                bytes.write(buffer, 0, read);
            }
        }

        @Override
        public void onAllDataRead() {
            body.complete(bytes.toByteArray());
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }
    }

    /** The helper threads, created on first use only: containers with async support never need them. */
    private static final class BlockingReaders {

        static final ExecutorService EXECUTOR = new ThreadPoolExecutor(0, MAX_BLOCKING_READERS, 10, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "airbyte-embedded-body-reader");
                    thread.setDaemon(true);
                    return thread;
                });

        private BlockingReaders() {
        }
    }
}
