package dev.holdfast.remediator.github;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A JDK HTTP client that gives every request a response timeout, and retries a read (GET/HEAD) whose connection broke,
 * or that a gateway answered 502, 503 or 504, a bounded number of times. hub4j's HTTP-client connector builds its
 * requests without a timeout, so a GitHub endpoint that accepts the connection and never answers would hang
 * {@code fix --open-pr}; hub4j retries only {@link java.net.SocketException}, which the JDK client does not throw for a
 * reset connection, and no 5xx at all, which GitHub's front end answers now and then. Writes are not retried (a lost
 * answer to a create must not create twice); timeouts are not retried (the wait is already spent).
 */
final class TimedHttpClient extends HttpClient {
    static final int READ_RETRIES = 2;
    private static final Duration PAUSE = Duration.ofMillis(100);
    /** A gateway's transient answers: worth asking again, unlike a 500 (a bug that asking again repeats). */
    private static final java.util.Set<Integer> TRANSIENT = java.util.Set.of(502, 503, 504);
    private final HttpClient delegate;
    private final Duration timeout;

    TimedHttpClient(HttpClient delegate, Duration timeout) {
        this.delegate = delegate;
        this.timeout = timeout;
    }

    private HttpRequest timed(HttpRequest r) {
        return r.timeout().isPresent() ? r : HttpRequest.newBuilder(r, (name, value) -> true).timeout(timeout).build();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpRequest timed = timed(request);
        boolean read = timed.method().equals("GET") || timed.method().equals("HEAD");
        for (int retriesLeft = read ? READ_RETRIES : 0; ; retriesLeft--) {
            HttpResponse<T> response;
            try {
                response = delegate.send(timed, handler);
            } catch (HttpTimeoutException e) {
                throw e;
            } catch (IOException e) {
                if (retriesLeft <= 0) {
                    throw e;
                }
                Thread.sleep(PAUSE.toMillis());
                continue;
            }
            if (retriesLeft <= 0 || !TRANSIENT.contains(response.statusCode())) {
                return response;
            }
            discard(response.body());
            Thread.sleep(PAUSE.toMillis() * (READ_RETRIES - retriesLeft + 1));
        }
    }

    /** Releases the connection behind a body that is dropped unread (hub4j reads bodies as streams). */
    private static void discard(Object body) {
        if (body instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // the body is dropped either way
            }
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(timed(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return delegate.sendAsync(timed(request), handler, push);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
