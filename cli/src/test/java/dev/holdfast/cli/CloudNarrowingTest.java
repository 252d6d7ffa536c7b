package dev.holdfast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.cli.cloud.FixtureTemplates;
import dev.holdfast.cli.cloud.IamQueryServer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.holdfast.cli.CloudAwsCommandTest.FIXTURES;
import static dev.holdfast.cli.CloudAwsCommandTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * From "this agent never used these grants" to a pull request on the code that grants them: {@code holdfast cloud aws
 * --baseline --repo} finds the report agent's unused iam and s3 grants (service-last-accessed, CloudTrail) and links
 * the agent to its Terraform; {@code holdfast fix --cloud-report --dry-run} prints the narrowing of that file, which
 * {@code git apply} accepts.
 */
class CloudNarrowingTest {

    @Test
    void unusedGrantsOfAnAgentBecomeANarrowingOfItsTerraform(@TempDir Path dir) throws Exception {
        Path base = CloudActivityAwsTest.baseline(dir);
        Path repo = dir.resolve("repo");
        CloudAwsCommandTest.copy(FIXTURES.resolve("repo-activity"), repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("dev", "dev@example.com");
            git.commit().setMessage("agents' IAM").setAuthor(who).setCommitter(who).call();
        }
        Path report = dir.resolve("cloud.json");
        try (IamQueryServer s = new IamQueryServer(FIXTURES, "account-activity", new FixtureTemplates(NOW))) {
            CloudActivityAwsTest.Run r = CloudActivityAwsTest.scan(s, "--baseline", base.toString(), "--repo",
                    repo.toString(), "--output", report.toString());
            assertThat(r.run().exit()).as(r.run().err()).isEqualTo(ExitCode.FINDINGS);
        }
        JsonNode unused = CloudActivityAwsTest.finding(CloudAwsCommandTest.JSON.readTree(report.toFile()),
                "aws-unused-grant", CloudActivityAwsTest.REPORT, null);
        assertThat(unused.at("/location/path").asText()).isEqualTo("infra/iam.tf");

        CliRunner.Run dry = CliRunner.run("fix", repo.toString(), "--cloud-report", report.toString(), "--dry-run");
        // the agent role that may do anything cannot be narrowed by removing services: left to a person, exit 1
        assertThat(dry.exit()).as(dry.all()).isEqualTo(ExitCode.FINDINGS);
        String out = dry.out();
        assertThat(out).contains("# manual remediation: aws-unused-grant in infra/iam.tf:",
                "replace * with actions of iam, logs");
        assertThat(out).contains("# PR title: Narrow unused grants: aws-unused-grant in infra/iam.tf",
                "branch holdfast/narrowing/aws-unused-grant-iam-tf-", "removes report-agent's grants on iam, s3");
        assertThat(out.lines().filter(l -> l.startsWith("# -")).toList())
                .anyMatch(l -> l.contains("iam:PassRole")).anyMatch(l -> l.contains("s3:GetObject"))
                .noneMatch(l -> l.contains("lambda:"));
        String before = Files.readString(repo.resolve("infra/iam.tf"));
        GitApply.apply(repo, dir.resolve("narrow.patch"), out);
        String after = Files.readString(repo.resolve("infra/iam.tf"));
        assertThat(after).doesNotContain("iam:PassRole").doesNotContain("s3:GetObject")
                .contains("\"lambda:CreateFunction\", \"lambda:InvokeFunction\", \"lambda:GetFunction\"");
        assertThat(before).contains("iam:PassRole");

        // not a cloud report: a usage error naming the flag
        CliRunner.Run bad = CliRunner.run("fix", repo.toString(), "--cloud-report", base.toString(), "--dry-run");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("--cloud-report").doesNotContain("\tat ");
    }
}
