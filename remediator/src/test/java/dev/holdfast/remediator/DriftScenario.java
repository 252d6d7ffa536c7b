package dev.holdfast.remediator;

import dev.holdfast.rules.detect.Redactor;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Person;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import org.eclipse.jgit.revwalk.RevCommit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The drift scenario of the baseline issue: Alice adds a hardcoded key, Bob replaces it with an environment
 * reference (the fix), Alice changes the file again, and an AI agent acting for Alice puts the key back.
 */
final class DriftScenario {
    static final String PATH = "src/main/java/demo/Config.java";

    final TestRepo repo;
    final Secrets secrets;
    final RevCommit fix;
    final RevCommit agent;

    DriftScenario(Path dir, Secrets secrets) throws Exception {
        this.secrets = secrets;
        repo = new TestRepo(dir);
        String leaky = secrets.expand(resource("scenario/Config.leaky.java"));
        String fixed = resource("scenario/Config.fixed.java");
        repo.commit("Alice Dev", "alice@example.com", "Add uploader config", PATH, leaky, "README.md", "demo\n");
        fix = repo.commit("Bob Sec", "bob@example.com", "Read the AWS key from the environment", PATH, fixed);
        repo.commit("Alice Dev", "alice@example.com", "Add region accessor", PATH,
                fixed.replace("    public String key() {", "    public String region() {\n        return REGION;\n"
                        + "    }\n\n    public String key() {"));
        String regressed = repo.read(PATH)
                .replace("System.getenv(\"AWS_ACCESS_KEY_ID\")", "\"" + secrets.get("AWS_KEY_1") + "\"")
                .replace("package demo;\n", "package demo;\n\nimport java.util.Objects;\n");
        agent = repo.commit("Claude", "noreply@anthropic.com",
                "Make the uploader work locally\n\nCo-authored-by: Claude <noreply@anthropic.com>", PATH, regressed);
    }

    /** The regressed finding as the scan reports it (redacted value, keyed fingerprint, both commits). */
    Finding finding() throws Exception {
        int line = List.of(repo.read(PATH).split("\n")).indexOf(
                "    private static final String AWS_KEY = \"" + secrets.get("AWS_KEY_1") + "\";") + 1;
        return new Finding("aws-access-key:5b0c4f0e1d2a39c8b7a6f5e4d3c2b1a0", "aws-access-key", Category.SECRET,
                Severity.CRITICAL, Status.REGRESSED, "AWS access key id", Location.file(PATH, line, 47),
                Redactor.redact(secrets.get("AWS_KEY_1")),
                new Attribution(agent.name(), "Claude", "noreply@anthropic.com", IdentityKind.AGENT,
                        agent.getAuthorIdent().getWhenAsInstant(), new Person("Alice Dev", "alice@example.com")),
                new FixRef(fix.name(), "Bob Sec", "bob@example.com", fix.getAuthorIdent().getWhenAsInstant()),
                "Deactivate the key in IAM and create a new one.", null);
    }

    static String resource(String name) throws Exception {
        return Files.readString(Path.of(DriftScenario.class.getResource("/" + name).toURI()));
    }
}
