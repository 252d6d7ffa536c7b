package dev.holdfast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kohsuke.github.GHOrganization;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An organisation's repositories as a GitHub Actions matrix ({@code {"include":[{"repo":"org/name"}]}}), sorted so
 * that the same organisation always gives the same matrix. With shards, repositories are dealt round-robin into N
 * jobs ({@code {"include":[{"shard":1,"repos":"org/a org/c"}]}}) to stay under GitHub's 256 jobs per matrix.
 */
final class OrgMatrix {
    /** GitHub runs at most this many jobs from one matrix. */
    static final int MAX_MATRIX_JOBS = 256;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String apiUrl;
    private final String token;

    OrgMatrix(String apiUrl, String token) {
        this.apiUrl = apiUrl;
        this.token = token;
    }

    /** Lists the organisation's repositories (hub4j follows GitHub's Link pagination). */
    List<String> repositories(String org, boolean includeArchived, boolean includeForks) throws IOException {
        GitHubBuilder builder = new GitHubBuilder().withEndpoint(apiUrl);
        if (token != null && !token.isBlank()) {
            builder = builder.withOAuthToken(token);
        }
        GitHub gh = builder.build();
        GHOrganization organisation = gh.getOrganization(org);
        TreeSet<String> names = new TreeSet<>();
        for (GHRepository r : organisation.listRepositories(100)) {
            if ((r.isArchived() && !includeArchived) || (r.isFork() && !includeForks)) {
                continue;
            }
            names.add(r.getFullName());
        }
        return new ArrayList<>(names);
    }

    static String matrix(List<String> repos, int shards) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode include = root.putArray("include");
        if (shards <= 0) {
            repos.forEach(r -> include.addObject().put("repo", r));
        } else {
            int n = Math.min(shards, Math.max(1, repos.size()));
            List<List<String>> buckets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                buckets.add(new ArrayList<>());
            }
            for (int i = 0; i < repos.size(); i++) {
                buckets.get(i % n).add(repos.get(i));
            }
            for (int i = 0; i < n; i++) {
                if (!buckets.get(i).isEmpty()) {
                    include.addObject().put("shard", i + 1).put("repos", String.join(" ", buckets.get(i)));
                }
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write matrix JSON", e);
        }
    }
}
