package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.holdfast.reports.sarif.LineHash;
import dev.holdfast.rules.catalogue.ExampleExpander;
import dev.holdfast.rules.tokens.TokenChecks;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `holdfast scan` writing every format of the contract on a real git repository with generated secrets: the SARIF
 * validates against the official schema with GitHub's fields on every rule and result, and no output holds a secret.
 */
class ReportFormatsEndToEndTest {
    private static final String KEY = TokenChecks.awsAccessKeyId("AKIA", new ExampleExpander(7).generate("A-Z2-7", 16));
    private static final String OLD_KEY = TokenChecks.awsAccessKeyId("AKIA", new ExampleExpander(8).generate("A-Z2-7", 16));
    private static final Pattern REMOTE = Pattern.compile(
            "(?i)(src|href|action)\\s*=\\s*[\"']?\\s*(https?:|//)|url\\(|@import|https?://");
    private static Schema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void schema() throws IOException {
        // The official schema, kept once in the reports module's test resources.
        try (InputStream in = Files.newInputStream(Path.of("..", "reports", "src", "test", "resources",
                "sarif-schema-2.1.0.json"))) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
    }

    private Path repository() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(repo.resolve("config"));
            Files.writeString(repo.resolve("config/old settings.properties"), "# old\naws.accessKeyId=" + OLD_KEY + "\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("add settings").setAuthor("Dev", "dev@example.com")
                    .setCommitter("Dev", "dev@example.com").setSign(false).call();
            Files.writeString(repo.resolve("config/old settings.properties"), "# old\n# removed\n");
            Files.writeString(repo.resolve("app.properties"), "region=eu-west-1\n\n   aws.accessKeyId = " + KEY + "\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("move settings").setAuthor("Copilot", "198982749+Copilot@users.noreply.github.com")
                    .setCommitter("GitHub", "noreply@github.com").setSign(false).call();
        }
        return repo;
    }

    @Test
    void everyFormatFromATreeAndAHistoryScan() throws Exception {
        Path repo = repository();
        for (String mode : new String[] {"tree", "history"}) {
            Path out = Files.createDirectories(dir.resolve(mode));
            String[] args = {"scan", repo.toString(), "--format", "sarif", "--output", out.resolve("r.sarif").toString(),
                    "--report", "json=" + out.resolve("r.json"), "--report", "text=" + out.resolve("r.txt"),
                    "--report", "markdown=" + out.resolve("r.md"), "--report", "html=" + out.resolve("r.html"),
                    "--report", "github-annotations=" + out.resolve("r.ann"),
                    "--report", "github-output=" + out.resolve("r.out")};
            CliRunner.Run r = mode.equals("tree") ? CliRunner.run(args) : CliRunner.run(append(args, "--history"));
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);

            JsonNode sarif = new ObjectMapper().readTree(out.resolve("r.sarif").toFile());
            assertThat(schema.validate(sarif)).as(mode).isEmpty();
            JsonNode run = sarif.at("/runs/0");
            assertThat(run.at("/tool/driver/rules").size()).isPositive();
            run.at("/tool/driver/rules").forEach(rule ->
                    assertThat(rule.at("/properties/security-severity").asText()).matches("\\d+\\.\\d"));
            assertThat(run.get("results").size()).isPositive();
            for (JsonNode res : run.get("results")) {
                String path = URLDecoder.decode(res.at("/locations/0/physicalLocation/artifactLocation/uri").asText(),
                        StandardCharsets.UTF_8);
                int line = res.at("/locations/0/physicalLocation/region/startLine").asInt();
                String hash = res.at("/partialFingerprints/primaryLocationLineHash").asText();
                assertThat(hash).as(mode + " " + path).matches("[0-9a-f]+:\\d+");
                // What GitHub's upload action computes from the checkout: history results sit on the head's lines too.
                assertThat(hash).isEqualTo(LineHash.forLine(Files.readString(repo.resolve(path)), line));
            }
            if (mode.equals("history")) {
                // A key only in history has no line in the head: in the JSON, never in what code scanning shows.
                assertThat(run.get("results").toString()).doesNotContain("config/old%20settings.properties");
                assertThat(run.at("/properties/holdfast~1historyOnlyFindings").asInt()).isPositive();
                assertThat(Files.readString(out.resolve("r.json"))).contains("config/old settings.properties");
            }
            String html = Files.readString(out.resolve("r.html"));
            assertThat(REMOTE.matcher(html).find()).as("remote reference in HTML").isFalse();
            assertThat(Files.readString(out.resolve("r.md"))).contains("Copilot (agent");
            assertThat(Files.readString(out.resolve("r.out"))).containsPattern("findings=[1-9]");
            for (String f : new String[] {"r.sarif", "r.json", "r.txt", "r.md", "r.html", "r.ann", "r.out"}) {
                String text = Files.readString(out.resolve(f));
                assertThat(text).as(mode + " " + f).doesNotContain(KEY).doesNotContain(OLD_KEY)
                        .doesNotContain(KEY.substring(4, 16)).doesNotContain(OLD_KEY.substring(4, 16));
            }
            assertThat(r.out() + r.err()).doesNotContain(KEY).doesNotContain(OLD_KEY);
        }
    }

    private static String[] append(String[] a, String extra) {
        String[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = extra;
        return b;
    }
}
