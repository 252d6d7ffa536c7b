package dev.holdfast.cli;

import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.HttpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/** `holdfast org-matrix`: print an organisation's repositories as GitHub Actions matrix JSON. */
@Command(name = "org-matrix", mixinStandardHelpOptions = true,
        description = "print an organisation's repositories as GitHub Actions matrix JSON (token from GITHUB_TOKEN "
                + "or GH_TOKEN)")
public final class OrgMatrixCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--org", required = true, paramLabel = "NAME", description = "the organisation")
    String org;

    @Option(names = "--github-api-url", paramLabel = "URL",
            description = "GitHub API endpoint (default: GITHUB_API_URL, else https://api.github.com)")
    String apiUrl;

    @Option(names = "--shards", paramLabel = "N",
            description = "deal the repositories into N jobs, each with a space-separated 'repos' list")
    int shards;

    @Option(names = "--include-archived", description = "also list archived repositories")
    boolean includeArchived;

    @Option(names = "--include-forks", description = "also list forks")
    boolean includeForks;

    @Mixin
    VerboseOption verbosity = new VerboseOption();

    public OrgMatrixCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (shards < 0) {
            console.err().println("holdfast: --shards must be 1 or more");
            return ExitCode.USAGE;
        }
        if (!org.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")) {
            console.err().println("holdfast: --org '" + Main.oneLine(org) + "' is not a GitHub organisation name");
            return ExitCode.USAGE;
        }
        String url = apiUrl != null ? apiUrl : console.env().getOrDefault("GITHUB_API_URL", "https://api.github.com");
        String token = console.env().getOrDefault("GITHUB_TOKEN", console.env().get("GH_TOKEN"));
        List<String> repos;
        try {
            repos = new OrgMatrix(url, token).repositories(org, includeArchived, includeForks);
        } catch (GHFileNotFoundException e) {
            return fail(e, "organisation '" + org + "' not found at " + url);
        } catch (HttpException e) {
            return fail(e, "GitHub API at " + url + " answered " + e.getResponseCode()
                    + (e.getResponseCode() == 401 ? " (bad credentials: check GITHUB_TOKEN)" : ""));
        } catch (IOException | RuntimeException e) {
            return fail(e, "cannot list the repositories of '" + org + "' at " + url + ": "
                    + Main.oneLine(String.valueOf(e.getMessage())));
        }
        if (shards == 0 && repos.size() > OrgMatrix.MAX_MATRIX_JOBS) {
            console.err().println("holdfast: " + repos.size() + " repositories exceed GitHub's "
                    + OrgMatrix.MAX_MATRIX_JOBS + " jobs per matrix; use --shards");
        }
        console.out().println(OrgMatrix.matrix(repos, shards));
        return ExitCode.OK;
    }

    private int fail(Exception e, String message) {
        console.err().println("holdfast: " + Main.oneLine(message));
        if (verbosity.verbose) {
            e.printStackTrace(console.err());
        }
        return ExitCode.RUNTIME;
    }
}
