package dev.holdfast.cli.cloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A local HTTPS endpoint for the Entra token authority, Microsoft Graph and ARM, replaying recorded-format JSON from
 * {@code fixtures/cloud/azure/<scenario>/} (see the README there). Graph and ARM calls must carry the bearer token
 * the token endpoint handed out.
 */
public final class AzureServer implements AutoCloseable {
    private static final String TOKEN = "holdfast-fixture-access-token";
    private final HttpsServer server;
    private final FixtureScenario scenario;
    private final FixtureTemplates templates;
    private final String tenant;
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    public AzureServer(Path root, String scenario, FixtureTemplates templates, SSLContext tls, String tenant)
            throws IOException {
        this.templates = templates;
        this.tenant = tenant;
        this.scenario = new FixtureScenario(root, scenario);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", this::handle);
        server.start();
        templates.base(url());
    }

    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * {@code status code [times]} for a collection name (applications, roleAssignments...) or "token"; or
     * {@code truncate [times]}: the real answer, its full length announced, cut off halfway and the connection closed.
     */
    public void fault(String name, String spec) {
        scenario.fault(name, spec);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery();
            calls.add(ex.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
            ex.getRequestBody().readAllBytes();
            if (path.endsWith("/oauth2/v2.0/token")) {
                if (fault(ex, "token")) {
                    return;
                }
                send(ex, 200, expand(read("token.json")));
                return;
            }
            if (path.endsWith("/.well-known/openid-configuration")) {
                send(ex, 200, expand(read("openid-configuration.json")));
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + TOKEN).equals(auth)) {
                send(ex, 401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"missing token\"}}");
                return;
            }
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (fault(ex, name)) {
                return;
            }
            String skip = param(query, "$skiptoken");
            String folder = path.startsWith("/v1.0/") ? "graph/" : "arm/";
            String body = read(folder + name + (skip == null ? "" : "-" + skip) + ".json");
            if (body == null) {
                send(ex, 404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"no fixture for " + path + "\"}}");
                return;
            }
            if (truncates(name)) {
                byte[] b = expand(body).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                ex.sendResponseHeaders(200, b.length);
                OutputStream o = ex.getResponseBody();
                o.write(b, 0, b.length / 2);
                o.flush();
                // closing the exchange with bytes missing drops the connection
                return;
            }
            send(ex, 200, expand(body));
        }
    }

    private boolean truncates(String name) {
        String[] f = scenario.spec(name);
        return f != null && "truncate".equals(f[0]) && scenario.fires(name, f, 1);
    }

    private boolean fault(HttpExchange ex, String name) throws IOException {
        String[] f = scenario.spec(name);
        if (f == null || "truncate".equals(f[0]) || !scenario.fires(name, f, 2)) {
            return false;
        }
        String body = "token".equals(name)
                ? "{\"error\":\"" + f[1] + "\",\"error_description\":\"AADSTS7000215: Invalid client secret provided."
                + "\",\"error_codes\":[7000215]}"
                : "{\"error\":{\"code\":\"" + f[1] + "\",\"message\":\"injected by the test\"}}";
        send(ex, Integer.parseInt(f[0]), body);
        return true;
    }

    private String expand(String body) {
        return templates.expand(body.replace("{{TENANT}}", tenant), n -> null);
    }

    private String read(String name) {
        Path f = scenario.find(name);
        return f == null ? null : FixtureTemplates.read(f);
    }

    private static String param(String query, String key) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(key)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
