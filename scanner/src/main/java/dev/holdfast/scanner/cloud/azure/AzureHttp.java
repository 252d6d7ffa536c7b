package dev.holdfast.scanner.cloud.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.scanner.cloud.CloudException;
import dev.holdfast.scanner.cloud.HttpTimeout;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP side of the Azure inventory: one azure-core HTTP client whose TLS trust is the JVM's standard trust store
 * (read afresh, so {@code javax.net.ssl.trustStore} applies), a credential (client secret from the given environment,
 * else DefaultAzureCredential over that same environment), and one pipeline per API (retry with bounded exponential
 * backoff, then the bearer-token policy with that API's {@code /.default} scope).
 */
final class AzureHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpPipeline graph;
    private final HttpPipeline arm;
    private final TokenCredential credential;
    private final String graphScope;

    /** A page of a listing could not be read: status (0 when there was no response) and the service's error code. */
    static final class CallFailed extends RuntimeException {
        final int status;
        final String code;

        CallFailed(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    AzureHttp(AzureOptions o) {
        HttpClient http = httpClient(HttpTimeout.fromEnv(o.env(), Duration.ofSeconds(60)));
        credential = credential(o, http);
        graphScope = o.graphEndpoint() + "/.default";
        graph = pipeline(http, credential, graphScope, o);
        arm = pipeline(http, credential, o.armEndpoint() + "/.default", o);
    }

    static HttpClient httpClient(Duration responseTimeout) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null); // the JVM's standard trust store, honouring javax.net.ssl.trustStore
            SslContext ssl = SslContextBuilder.forClient().trustManager(tmf).build();
            reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create()
                    .secure(spec -> spec.sslContext(ssl));
            return new NettyAsyncHttpClientBuilder(netty)
                    .connectTimeout(Duration.ofSeconds(10))
                    .responseTimeout(responseTimeout)
                    .build();
        } catch (GeneralSecurityException | SSLException e) {
            throw new CloudException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    static TokenCredential credential(AzureOptions o, HttpClient http) {
        Map<String, String> env = o.env();
        String id = env.get("AZURE_CLIENT_ID");
        String secret = env.get("AZURE_CLIENT_SECRET");
        if (notBlank(id) && notBlank(secret)) {
            if (!notBlank(o.tenant())) {
                throw new CloudException("Azure: a client secret needs a tenant (--tenant or AZURE_TENANT_ID)");
            }
            ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder().clientId(id).clientSecret(secret)
                    .tenantId(o.tenant()).authorityHost(o.authorityHost()).httpClient(http).maxRetry(1);
            if (o.privateAuthority()) {
                b.disableInstanceDiscovery();
            }
            return b.build();
        }
        // Environment (certificate, workload identity), managed identity, Azure CLI... over the CLI's environment.
        Configuration cfg = new ConfigurationBuilder(s -> Map.of(), s -> Map.of(), s -> env).build();
        DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder().configuration(cfg)
                .authorityHost(o.authorityHost()).httpClient(http);
        if (notBlank(o.tenant())) {
            b.tenantId(o.tenant());
        }
        if (o.privateAuthority()) {
            b.disableInstanceDiscovery();
        }
        return b.build();
    }

    private static HttpPipeline pipeline(HttpClient http, TokenCredential credential, String scope, AzureOptions o) {
        ExponentialBackoffOptions backoff = new ExponentialBackoffOptions().setMaxRetries(o.maxRetries())
                .setBaseDelay(o.retryBase()).setMaxDelay(o.retryBase().multipliedBy(20));
        return new HttpPipelineBuilder().httpClient(http).policies(
                new UserAgentPolicy("holdfast"),
                new RetryPolicy(new ExponentialBackoff(backoff)),
                new BearerTokenAuthenticationPolicy(credential, scope)).build();
    }

    /**
     * Gets a first token before any listing, so that rejected or missing credentials stop the scan with one line
     * instead of making every listing fail.
     */
    void authenticate() {
        try {
            AccessToken t = credential.getTokenSync(new TokenRequestContext().addScopes(graphScope));
            if (t == null || t.getToken() == null) {
                throw new CloudException("Azure: the credential returned no token");
            }
        } catch (CloudException e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof java.net.ConnectException || root instanceof java.net.UnknownHostException
                    || root instanceof javax.net.ssl.SSLException) {
                throw new CloudException("Azure: cannot reach the token authority: " + firstLine(root.toString()), e);
            }
            throw new CloudException("Azure rejected the credentials: " + firstLine(e.getMessage()), e);
        }
    }

    List<JsonNode> graphList(String url) {
        return list(graph, url, "@odata.nextLink");
    }

    List<JsonNode> armList(String url) {
        return list(arm, url, "nextLink");
    }

    /** Every item of a paged listing, following the service's next link as given. */
    private static List<JsonNode> list(HttpPipeline p, String url, String nextKey) {
        List<JsonNode> items = new ArrayList<>();
        String next = url;
        int pages = 0;
        while (next != null && !next.isBlank()) {
            if (++pages > 10_000) {
                throw new CallFailed(0, "TooManyPages", "more than 10000 pages at " + url);
            }
            JsonNode page = get(p, next);
            page.path("value").forEach(items::add);
            JsonNode n = page.get(nextKey);
            next = n == null || n.isNull() ? null : absolute(n.asText(), url);
        }
        return items;
    }

    /** Next links are absolute in both APIs; a relative one is taken against the listing's own origin. */
    static String absolute(String link, String base) {
        if (link.isBlank() || link.startsWith("https://") || link.startsWith("http://")) {
            return link.isBlank() ? null : link;
        }
        java.net.URI b = java.net.URI.create(base);
        return b.getScheme() + "://" + b.getRawAuthority() + (link.startsWith("/") ? "" : "/") + link;
    }

    private static JsonNode get(HttpPipeline p, String url) {
        try (HttpResponse r = p.send(new HttpRequest(HttpMethod.GET, url)).block()) {
            if (r == null) {
                throw new CallFailed(0, "NoResponse", "no response");
            }
            String body = r.getBodyAsString().block();
            if (r.getStatusCode() / 100 != 2) {
                String code = "HTTP " + r.getStatusCode();
                try {
                    JsonNode err = JSON.readTree(body == null ? "{}" : body).path("error");
                    if (err.has("code")) {
                        code = err.get("code").asText();
                    }
                } catch (IOException ignored) {
                    // not JSON: keep the status
                }
                throw new CallFailed(r.getStatusCode(), code, code + " (HTTP " + r.getStatusCode() + ")");
            }
            return JSON.readTree(body == null ? "{}" : body);
        } catch (ClientAuthenticationException e) {
            throw new CloudException("Azure rejected the credentials: " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new CallFailed(0, "BadResponse", "unreadable response: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            if (e instanceof CallFailed || e instanceof CloudException) {
                throw e;
            }
            Throwable c = e;
            while (c.getCause() != null && c.getCause() != c) {
                c = c.getCause();
                if (c instanceof ClientAuthenticationException cae) {
                    throw new CloudException("Azure rejected the credentials: " + firstLine(cae.getMessage()), cae);
                }
            }
            throw new CallFailed(0, c.getClass().getSimpleName(), firstLine(String.valueOf(c.getMessage())));
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
