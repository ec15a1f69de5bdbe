package io.github.airbyteembedded.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * The HTTP clients that could carry the library's call to Airbyte, each behind one method: POST a small
 * JSON body with a bearer token, read the whole answer, complete with its status. Only the clients
 * differ; the call, the body and the upstream are the same.
 */
final class UpstreamClients {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private UpstreamClients() {
    }

    /** One client under test. */
    interface Client extends AutoCloseable {
        String name();

        String settings();

        CompletableFuture<Integer> post(URI uri, String bearer, byte[] json);

        @Override
        void close();
    }

    static Client named(String name) throws Exception {
        return switch (name) {
            case "jdk" -> new Jdk(name, "JDK HttpClient, HTTP/1.1 (http), its default executor (a cached pool), connection "
                    + "pool of the JDK's defaults: the library's client where the common pool has parallelism 1", null);
            case "jdk-direct" -> new Jdk(name, "JDK HttpClient, HTTP/1.1, executor Runnable::run (the client's tasks on its "
                    + "selector thread): the library's client where the common pool has parallelism 2 or more", Runnable::run);
            case "jdk-fixed-2" -> new Jdk(name, "JDK HttpClient, HTTP/1.1, executor a fixed pool of 2 threads",
                    Executors.newFixedThreadPool(2, daemon("jdk-fixed")));
            case "jetty" -> new Jetty(name);
            case "apache" -> new Apache(name);
            default -> throw new IllegalArgumentException("unknown client '" + name + "': jdk, jdk-direct, jdk-fixed-2, jetty, apache");
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The JDK's {@link java.net.http.HttpClient}, with an executor or its default one. */
    private static final class Jdk implements Client {
        private final String name;
        private final String settings;
        private final java.net.http.HttpClient client;
        private final java.util.concurrent.Executor executor;

        Jdk(String name, String settings, java.util.concurrent.Executor executor) {
            this.name = name;
            this.settings = settings;
            this.executor = executor;
            java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER);
            if (executor != null) {
                builder.executor(executor);
            }
            this.client = builder.build();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String settings() {
            return settings;
        }

        @Override
        public CompletableFuture<Integer> post(URI uri, String bearer, byte[] json) {
            return client.sendAsync(HttpRequest.newBuilder(uri)
                            .timeout(TIMEOUT)
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .header("Authorization", "Bearer " + bearer)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).thenApply(HttpResponse::statusCode);
        }

        @Override
        public void close() {
            if (executor instanceof ExecutorService service) {
                service.shutdownNow();
            }
        }
    }

    /** Jetty 12's asynchronous {@code HttpClient}, HTTP/1.1, enough connections for the loop. */
    private static final class Jetty implements Client {
        private final String name;
        private final org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient();

        Jetty(String name) throws Exception {
            this.name = name;
            client.setMaxConnectionsPerDestination(2048);
            client.setConnectTimeout(5000);
            client.setFollowRedirects(false);
            client.start();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String settings() {
            return "Jetty 12 HttpClient, HTTP/1.1, its default QueuedThreadPool, up to 2048 connections";
        }

        @Override
        public CompletableFuture<Integer> post(URI uri, String bearer, byte[] json) {
            return new CompletableResponseListener(client.newRequest(uri)
                    .method(HttpMethod.POST)
                    .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .headers(headers -> headers.put(HttpHeader.ACCEPT, "application/json")
                            .put(HttpHeader.AUTHORIZATION, "Bearer " + bearer))
                    .body(new BytesRequestContent("application/json", json)))
                    .send().thenApply(ContentResponse::getStatus);
        }

        @Override
        public void close() {
            try {
                client.stop();
            } catch (Exception e) {
                throw new IllegalStateException("Jetty's client did not stop", e);
            }
        }
    }

    /** Apache HttpClient 5's asynchronous client (classic I/O reactor), HTTP/1.1. */
    private static final class Apache implements Client {
        private final String name;
        private final CloseableHttpAsyncClient client;

        Apache(String name) {
            this.name = name;
            PoolingAsyncClientConnectionManager connections = PoolingAsyncClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(2048).setMaxConnPerRoute(2048).build();
            this.client = HttpAsyncClients.custom()
                    .setConnectionManager(connections)
                    .setIOReactorConfig(IOReactorConfig.custom().setSoTimeout(Timeout.ofSeconds(10)).build())
                    .disableRedirectHandling()
                    .build();
            client.start();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String settings() {
            return "Apache HttpClient 5 async, HTTP/1.1, I/O reactor threads = cores, up to 2048 connections";
        }

        @Override
        public CompletableFuture<Integer> post(URI uri, String bearer, byte[] json) {
            SimpleHttpRequest request = SimpleRequestBuilder.post(uri)
                    .addHeader("Accept", "application/json")
                    .addHeader("Authorization", "Bearer " + bearer)
                    .setBody(json, ContentType.APPLICATION_JSON)
                    .build();
            CompletableFuture<Integer> status = new CompletableFuture<>();
            client.execute(request, new FutureCallback<SimpleHttpResponse>() {
                @Override
                public void completed(SimpleHttpResponse response) {
                    status.complete(response.getCode());
                }

                @Override
                public void failed(Exception failure) {
                    status.completeExceptionally(failure);
                }

                @Override
                public void cancelled() {
                    status.cancel(false);
                }
            });
            return status;
        }

        @Override
        public void close() {
            client.close(CloseMode.GRACEFUL);
        }
    }
}
