package dev.holdfast.scanner.scenario;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A repository's story as data: which secrets to generate, then commits in order. File contents may hold
 * {@code {{NAME}}} placeholders that are replaced by the generated secret NAME when the repository is built.
 *
 * @param secrets  placeholder name → kind for {@link SecretGenerator#generate}
 * @param steps    commits, oldest first
 * @param expect   what a scan of the final repository must report (used by tests; ignored by the builder)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Scenario(String name, String description, Map<String, String> secrets, List<Step> steps,
                       List<Expectation> expect) {

    public Scenario {
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        steps = steps == null ? List.of() : List.copyOf(steps);
        expect = expect == null ? List.of() : List.copyOf(expect);
    }

    /**
     * One commit.
     *
     * @param id        how tests and expectations refer to the commit
     * @param author    "Name &lt;email&gt;"
     * @param committer "Name &lt;email&gt;"; the author when absent
     * @param date      ISO-8601 instant, used for author and committer
     * @param action    null for a plain commit; a named action (e.g. {@code baseline}) run by the caller before the
     *                  commit, whose file changes are committed with this step
     * @param write     path → content (placeholders expanded)
     * @param insertLines path → lines to insert at the top of an existing file (moves findings down)
     * @param rename    old path → new path
     * @param remove    paths to delete
     * @param trailers  lines appended to the message after a blank line (e.g. "Co-authored-by: ...")
     * @param branch    switch to this branch first (created from the current commit when absent)
     * @param merge     merge this branch into the current one (no fast-forward); the step is the merge commit
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Step(String id, String author, String committer, String date, String message, String action,
                       Map<String, String> write, Map<String, String> insertLines, Map<String, String> rename,
                       List<String> remove, List<String> trailers, String narration, String branch, String merge) {

        public Step(String id, String author, String committer, String date, String message, String action,
                    Map<String, String> write, Map<String, String> insertLines, Map<String, String> rename,
                    List<String> remove, List<String> trailers, String narration) {
            this(id, author, committer, date, message, action, write, insertLines, rename, remove, trailers,
                    narration, null, null);
        }

        public Step {
            write = write == null ? Map.of() : write;
            insertLines = insertLines == null ? Map.of() : insertLines;
            rename = rename == null ? Map.of() : rename;
            remove = remove == null ? List.of() : List.copyOf(remove);
            trailers = trailers == null ? List.of() : List.copyOf(trailers);
        }
    }

    /**
     * An expected finding in the final scan, located by the secret it is about.
     *
     * @param secret           placeholder name of the value
     * @param status           new | existing | regressed | fixed
     * @param introducedByStep the step whose commit must be introducedBy.commit (optional)
     * @param introducedByKind human | agent | bot (optional)
     * @param onBehalfOf       email of the person an agent acted for (optional)
     * @param fixedByStep      the step whose commit must be fixedBy.commit (optional)
     * @param path             expected path (optional)
     * @param line             expected line (optional, 0 = not checked)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Expectation(String secret, String status, String introducedByStep, String introducedByKind,
                              String onBehalfOf, String fixedByStep, String path, int line) {
    }

    /** The demo story shipped in {@code fixtures/demo/scenario.yaml}. */
    public static Scenario demo() throws IOException {
        try (InputStream in = Scenario.class.getResourceAsStream("demo/scenario.yaml")) {
            if (in == null) {
                throw new IOException("demo scenario missing from the classpath");
            }
            return read(in);
        }
    }

    public static Scenario read(InputStream in) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return yaml.readValue(in, Scenario.class);
    }
}
