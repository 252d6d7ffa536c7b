package dev.holdfast.cli;

import dev.holdfast.scanner.cloud.HttpTimeout;
import dev.holdfast.scanner.cloud.azure.AzureOptions;
import dev.holdfast.scanner.cloud.azure.AzureProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.Callable;

/**
 * {@code holdfast cloud azure}: Microsoft Graph (applications, service principals and their credentials) and ARM
 * authorization (role assignments and definitions) of one subscription, through Azure Identity.
 */
@Command(name = "azure", mixinStandardHelpOptions = true,
        description = "Inventory Azure (Graph applications and service principals, ARM role assignments) and evaluate it.")
public final class CloudAzureCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--tenant", description = "Entra tenant id (default AZURE_TENANT_ID)")
    String tenant;

    @Option(names = "--subscription", description = "subscription id (default AZURE_SUBSCRIPTION_ID)")
    String subscription;

    @Option(names = "--arm-endpoint", paramLabel = "URL", description = "Azure Resource Manager base URL")
    String arm;

    @Option(names = "--graph-endpoint", paramLabel = "URL", description = "Microsoft Graph base URL")
    String graph;

    @Mixin
    CloudCommand.Shared shared = new CloudCommand.Shared();

    public CloudAzureCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws java.io.IOException {
        AzureOptions opts;
        try {
            checkUrl("--arm-endpoint", arm);
            HttpTimeout.fromEnv(console.env(), null); // a bad value is a usage error here, not a failed scan later
            checkUrl("--graph-endpoint", graph);
            opts = new AzureOptions(tenant, subscription, arm, graph, console.env(),
                    CloudCommand.retryBase(console.env()), 3);
            if (opts.subscription() == null || opts.subscription().isBlank()) {
                throw new IllegalArgumentException("--subscription is required (or AZURE_SUBSCRIPTION_ID)");
            }
        } catch (IllegalArgumentException e) {
            console.err().println("holdfast: " + Main.oneLine(e.getMessage()));
            return ExitCode.USAGE;
        }
        return CloudCommand.run(console, shared, new AzureProvider(opts));
    }

    private static void checkUrl(String flag, String s) {
        if (s == null) {
            return;
        }
        try {
            URI u = new URI(s);
            if (!"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException(flag + " must be an https URL (got '" + s + "')");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(flag + " must be an https URL (got '" + s + "')");
        }
    }
}
