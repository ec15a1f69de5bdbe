package io.github.airbyteembedded.servlet;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Mints widget tokens: takes the cached operator token and asks Airbyte for a widget token bound to
 * a workspace and an origin. When Airbyte refuses the operator token (it was revoked or expired
 * early), the token is dropped from the cache and the call is made once more with a fresh one.
 */
final class WidgetTokenService {

    private final AirbyteApiClient client;
    private final OperatorTokenCache operatorTokens;
    private final Consumer<WidgetToken> onMinted;

    /** {@code onMinted} learns of every token minted (the page side reads its widget page origin). */
    WidgetTokenService(AirbyteApiClient client, OperatorTokenCache operatorTokens, Consumer<WidgetToken> onMinted) {
        this.client = client;
        this.operatorTokens = operatorTokens;
        this.onMinted = onMinted;
    }

    CompletableFuture<WidgetToken> mint(String workspaceName, Origin origin) {
        return mintOnce(workspaceName, origin).thenApply(token -> {
            try {
                onMinted.accept(token);
            } catch (RuntimeException e) {
                // observers never fail a mint
            }
            return token;
        });
    }

    private CompletableFuture<WidgetToken> mintOnce(String workspaceName, Origin origin) {
        return operatorTokens.get().thenCompose(operatorToken ->
                client.createWidgetToken(operatorToken, workspaceName, origin)
                        .exceptionallyCompose(failure -> {
                            if (!isOperatorTokenRejected(failure)) {
                                return CompletableFuture.failedFuture(failure);
                            }
                            operatorTokens.invalidate(operatorToken);
                            return operatorTokens.get().thenCompose(fresh ->
                                    client.createWidgetToken(fresh, workspaceName, origin));
                        }));
    }

    private static boolean isOperatorTokenRejected(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof UpstreamException upstream && upstream.isOperatorTokenRejected();
    }
}
