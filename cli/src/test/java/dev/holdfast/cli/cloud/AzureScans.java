package dev.holdfast.cli.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.cli.CliRunner;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code holdfast cloud azure} run through the CLI against a local {@link AzureServer} for one fixture scenario: the
 * tenant, subscription, credentials and clock every Azure test uses.
 */
public final class AzureScans {
    public static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    public static final Path FIXTURES = Path.of("..", "fixtures", "cloud", "azure");
    public static final String TENANT = "7f3c2a9e-1b4d-4c8e-9a6f-2d5e8b1c0a34";
    public static final String SUB = "5b1e9c3d-2a7f-4e6b-8d9c-1f0a3b5c7d2e";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AzureScans() {
    }

    /** The run, its JSON report (null when nothing was printed) and the server, closed, with the calls it saw. */
    public record Scan(CliRunner.Run run, JsonNode report, AzureServer server) {
    }

    /** Serves {@code scenario} over {@code tls}, lets {@code setup} add faults, then scans with {@code extra} flags. */
    public static Scan scan(LocalTls tls, String scenario, Consumer<AzureServer> setup, String... extra)
            throws Exception {
        return scanAt(NOW, tls, scenario, setup, extra);
    }

    /** As {@link #scan}, with the CLI's clock at {@code now} (the fixtures' dates stay relative to {@link #NOW}). */
    public static Scan scanAt(Instant now, LocalTls tls, String scenario, Consumer<AzureServer> setup,
                              String... extra) throws Exception {
        try (AzureServer s = new AzureServer(FIXTURES, scenario, new FixtureTemplates(NOW), tls.serverContext(),
                TENANT)) {
            setup.accept(s);
            Map<String, String> env = new HashMap<>();
            env.put("AZURE_CLIENT_ID", "c0ffee00-0000-4000-8000-000000000001");
            env.put("AZURE_CLIENT_SECRET", "fixture-" + "client-" + "secret");
            env.put("AZURE_TENANT_ID", TENANT);
            env.put("AZURE_AUTHORITY_HOST", s.url());
            env.put("HOLDFAST_NOW", now.toString());
            env.put("HOLDFAST_RETRY_BASE_MS", "5");
            List<String> args = new ArrayList<>(List.of("cloud", "azure", "--tenant", TENANT, "--subscription", SUB,
                    "--arm-endpoint", s.url(), "--graph-endpoint", s.url(), "--format", "json"));
            args.addAll(List.of(extra));
            CliRunner.Run r = CliRunner.run(env, args.toArray(String[]::new));
            return new Scan(r, r.out().isBlank() ? null : JSON.readTree(r.out()), s);
        }
    }
}
