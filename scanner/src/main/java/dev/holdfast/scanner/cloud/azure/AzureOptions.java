package dev.holdfast.scanner.cloud.azure;

import java.time.Duration;
import java.util.Map;

/**
 * How to reach an Azure tenant.
 *
 * @param tenant        the Entra tenant id (or AZURE_TENANT_ID)
 * @param subscription  the subscription whose role assignments are read
 * @param armEndpoint   Azure Resource Manager base URL (default https://management.azure.com)
 * @param graphEndpoint Microsoft Graph base URL (default https://graph.microsoft.com)
 * @param env           the environment as the CLI sees it: AZURE_CLIENT_ID / AZURE_CLIENT_SECRET / AZURE_TENANT_ID
 *                      and AZURE_AUTHORITY_HOST are read from here
 * @param retryBase     first backoff delay for throttling (429) and 5xx
 * @param maxRetries    retries after the first attempt
 */
public record AzureOptions(String tenant, String subscription, String armEndpoint, String graphEndpoint,
                           Map<String, String> env, Duration retryBase, int maxRetries) {
    public static final String PUBLIC_ARM = "https://management.azure.com";
    public static final String PUBLIC_GRAPH = "https://graph.microsoft.com";
    public static final String PUBLIC_AUTHORITY = "https://login.microsoftonline.com/";

    public AzureOptions {
        env = env == null ? Map.of() : Map.copyOf(env);
        tenant = blank(tenant) ? env.get("AZURE_TENANT_ID") : tenant;
        subscription = blank(subscription) ? env.get("AZURE_SUBSCRIPTION_ID") : subscription;
        armEndpoint = trim(blank(armEndpoint) ? PUBLIC_ARM : armEndpoint);
        graphEndpoint = trim(blank(graphEndpoint) ? PUBLIC_GRAPH : graphEndpoint);
        retryBase = retryBase == null ? Duration.ofMillis(500) : retryBase;
        maxRetries = maxRetries < 0 ? 3 : maxRetries;
    }

    /** The token authority: AZURE_AUTHORITY_HOST as Azure Identity reads it, else the public cloud's. */
    public String authorityHost() {
        String a = env.get("AZURE_AUTHORITY_HOST");
        return blank(a) ? PUBLIC_AUTHORITY : a.strip();
    }

    /** Instance discovery only knows the public and sovereign clouds; a private authority must do without it. */
    public boolean privateAuthority() {
        String host = authorityHost().replaceFirst("^https?://", "").replaceFirst("[:/].*$", "").toLowerCase();
        return !(host.equals("login.microsoftonline.com") || host.equals("login.microsoftonline.us")
                || host.equals("login.chinacloudapi.cn") || host.equals("login.microsoftonline.de")
                || host.equals("login.windows.net"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
