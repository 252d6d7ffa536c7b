package dev.holdfast.reports;

import dev.holdfast.rules.detect.Redactor;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Person;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.model.Status;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanTarget;
import dev.holdfast.scanner.scan.ScanWarning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fixed scan results for report tests. Secrets are generated from a fixed seed at test time (never committed whole),
 * and findings carry only their redacted form, as the scanner produces them.
 */
public final class Fixtures {
    public static final String AWS_KEY = generate("AKIA", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 7);
    public static final String GH_TOKEN = generate("ghp_", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 36, 11);
    public static final String HOSTILE = "Eve <script>alert('x')</script> | `rm` & \"co\"";

    private Fixtures() {
    }

    static String generate(String prefix, String alphabet, int n, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    public static Map<String, RuleInfo> rules() {
        Map<String, RuleInfo> m = new LinkedHashMap<>();
        m.put("aws-access-key", new RuleInfo("aws-access-key", "AWS access key", "An AWS access key id and secret in code.",
                Category.SECRET, Severity.CRITICAL, "Rotate the key and use OIDC federation.", List.of("aws")));
        m.put("github-token", new RuleInfo("github-token", "GitHub token", "A GitHub personal access token.",
                Category.SECRET, Severity.HIGH, "Revoke the token; use the workflow's GITHUB_TOKEN.", List.of()));
        m.put("iam-wildcard-action", new RuleInfo("iam-wildcard-action", "IAM wildcard action",
                "A policy grants every action of a service.", Category.PRIVILEGE, Severity.MEDIUM,
                "Grant only the actions the principal uses.", List.of("CWE-250")));
        m.put("cert-expiry", new RuleInfo("cert-expiry", "Certificate expiry", "A certificate expires soon or never.",
                Category.CERTIFICATE, Severity.INFO, "Renew through the certificate authority.", List.of()));
        m.put("aws-user-static-key", new RuleInfo("aws-user-static-key", "Static key on an agent user",
                "An IAM user used by an agent has a long-lived access key.", Category.LONG_LIVED_CREDENTIAL,
                Severity.HIGH, "Use a role with short-lived credentials.", List.of()));
        return m;
    }

    static Attribution who(String name, String email, IdentityKind kind, String commit, String date, Person onBehalf) {
        return new Attribution(commit, name, email, kind, Instant.parse(date), onBehalf);
    }

    public static Finding regressedAwsKey() {
        String red = Redactor.redact(AWS_KEY);
        return new Finding("aws-access-key:1111aaaa", "aws-access-key", Category.SECRET, Severity.CRITICAL,
                Status.REGRESSED, "AWS access key " + red + " in a properties file",
                Location.file("src/main/resources/application.properties", 3, 15), red,
                who("Copilot", "198982749+Copilot@users.noreply.github.com", IdentityKind.AGENT,
                        "c0ffee1111111111111111111111111111111111", "2026-11-20T10:15:30Z",
                        new Person("Alice Admin", "alice@example.com")),
                new FixRef("beef222222222222222222222222222222222222", "Bob Builder", "bob@example.com",
                        Instant.parse("2026-10-01T08:00:00Z")),
                "Rotate the key and load it from the environment.", Map.of());
    }

    public static Finding newGithubToken() {
        String red = Redactor.redact(GH_TOKEN);
        return new Finding("github-token:2222bbbb", "github-token", Category.SECRET, Severity.HIGH, Status.NEW,
                "GitHub token " + red + " in a workflow", Location.file(".github/workflows/deploy.yml", 12, 20), red,
                who("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", IdentityKind.BOT,
                        "d00d333333333333333333333333333333333333", "2026-11-25T12:00:00Z", null),
                null, "Revoke the token.", Map.of());
    }

    public static Finding existingPrivilegeInFile() {
        return new Finding("iam-wildcard-action:3333cccc", "iam-wildcard-action", Category.PRIVILEGE, Severity.MEDIUM,
                Status.EXISTING, "Policy grants s3:* to role/agents/report-agent",
                new Location("infra/iam/policy.json", 5, 7, null, "arn:aws:iam::123456789012:role/agents/report-agent"),
                "s3:*", who(HOSTILE, "eve@example.com", IdentityKind.HUMAN,
                "e5e5444444444444444444444444444444444444", "2026-09-09T09:09:09Z", null),
                null, "Grant only the actions used.", Map.of());
    }

    public static Finding cloudPrivilegeWithoutFile() {
        return new Finding("iam-wildcard-action:4444dddd", "iam-wildcard-action", Category.PRIVILEGE, Severity.HIGH,
                Status.NEW, "Role can pass any role (iam:PassRole on *)",
                new Location(null, 0, 0, null, "arn:aws:iam::123456789012:role/agents/report-agent"),
                "iam:PassRole", new Attribution(null, "report-agent", null, IdentityKind.AGENT, null, null),
                null, "Scope iam:PassRole to the roles the agent launches.", Map.of());
    }

    public static Finding cloudStaticKey() {
        return new Finding("aws-user-static-key:5555eeee", "aws-user-static-key", Category.LONG_LIVED_CREDENTIAL,
                Severity.HIGH, Status.REGRESSED, "User agents/ci-bot has an access key older than 90 days",
                new Location(null, 0, 0, null, "arn:aws:iam::123456789012:user/agents/ci-bot"), "AKIA…(key id)",
                new Attribution(null, "ci-bot", null, IdentityKind.BOT, null, null),
                new FixRef(null, "Security team", null, Instant.parse("2026-08-01T00:00:00Z")),
                "Delete the key and use a role.", Map.of());
    }

    public static Finding fixedCert() {
        return new Finding("cert-expiry:6666ffff", "cert-expiry", Category.CERTIFICATE, Severity.LOW, Status.FIXED,
                "Certificate for api.internal expired", Location.file("certs/old.pem", 1, 1), "", null, null,
                "Renew it.", Map.of());
    }

    public static Finding certWithSpaceInPath() {
        return new Finding("cert-expiry:7777abab", "cert-expiry", Category.CERTIFICATE, Severity.INFO, Status.NEW,
                "Certificate never expires", Location.file("certs/My Cert.pem", 0, 0), "", null, null,
                "Renew it with a one-year lifetime.", Map.of());
    }

    /** Every kind of finding a report must handle, with a scan warning. */
    public static ScanResult mixed() {
        List<Finding> findings = List.of(regressedAwsKey(), newGithubToken(), existingPrivilegeInFile(),
                cloudPrivilegeWithoutFile(), cloudStaticKey(), fixedCert(), certWithSpaceInPath());
        return new ScanResult(new ScanTarget("demo-repo", "abc123abc123abc123abc123abc123abc123abcd", "tree"), findings,
                rules(), List.of(new ScanWarning("assets/big.bin", "skipped: larger than 10 MiB")), false);
    }

    /** An agent finding as the agent-configuration detector makes it (its tool and agent as properties). */
    static Finding agentFinding(String fp, String rule, Category category, Severity severity, Status status,
                                String path, int line, String shown, String agent, Attribution by, FixRef fix,
                                boolean grant) {
        Map<String, String> props = new java.util.LinkedHashMap<>();
        String tool = agent.contains("@") ? agent.substring(0, agent.indexOf('@')) : agent;
        props.put("agentTool", tool);
        props.put("agent", agent);
        if (grant) {
            props.put("tracked", "grant");
            props.put("grant", shown);
        }
        return new Finding(rule + ":" + fp, rule, category, severity, status, tool + " finding " + shown,
                Location.file(path, line, 1), shown, by, fix, "Narrow it again.", props);
    }

    /**
     * Agent grants as a scan against a baseline shows them: Claude Code's settings regained shell:* (regressed, with
     * its risk), gained web:fetch (new) and lost mcp:postgres/* (fixed, without properties, as drift reports it); a
     * PAT in .mcp.json; a workflow agent with a write token on issue comments. Plus one ordinary finding.
     */
    public static ScanResult agentGrants() {
        Attribution claude = who("Claude", "noreply@anthropic.com", IdentityKind.AGENT,
                "a9e0555555555555555555555555555555555555", "2026-03-20T14:03:00Z",
                new Person("Carol Diaz", "carol@example.com"));
        FixRef narrowing = new FixRef("b0b0666666666666666666666666666666666666", "Bob Chen", "bob@example.com",
                Instant.parse("2026-02-10T16:40:00Z"));
        String settings = ".claude/settings.json";
        List<Finding> findings = List.of(
                agentFinding("01", "agent-grant", Category.PRIVILEGE, Severity.HIGH, Status.REGRESSED, settings, 4,
                        "shell:*", "Claude Code", claude, narrowing, true),
                agentFinding("02", "agent-unrestricted-shell", Category.PRIVILEGE, Severity.HIGH, Status.REGRESSED,
                        settings, 4, "shell:*", "Claude Code", claude, narrowing, false),
                agentFinding("03", "agent-grant", Category.PRIVILEGE, Severity.LOW, Status.NEW, settings, 7,
                        "web:fetch", "Claude Code", claude, null, true),
                new Finding("agent-grant:04", "agent-grant", Category.PRIVILEGE, Severity.MEDIUM, Status.FIXED,
                        "no longer found (was at .claude/settings.json:6)", Location.file(settings, 6, 0),
                        "mcp:postgres/*", null, null, null, Map.of()),
                agentFinding("05", "agent-static-token", Category.LONG_LIVED_CREDENTIAL, Severity.HIGH, Status.NEW,
                        ".mcp.json", 7, Redactor.redact(GH_TOKEN), "Claude Code", claude, null, false),
                agentFinding("06", "agent-untrusted-trigger-write", Category.PRIVILEGE, Severity.HIGH, Status.NEW,
                        ".github/workflows/claude.yml", 8, "workflow:contents:write", "Claude Code@claude/claude",
                        claude, null, false),
                regressedAwsKey());
        return new ScanResult(new ScanTarget("agent-repo", "abc123abc123abc123abc123abc123abc123abcd", "tree"),
                findings, rules(), List.of(), false);
    }

    public static ScanResult empty() {
        return new ScanResult(new ScanTarget("clean-repo", "abc123abc123abc123abc123abc123abc123abcd", "tree"),
                List.of(), rules(), List.of(), false);
    }

    /** {@code n} findings spread over every severity, for truncation tests. */
    public static ScanResult many(int n) {
        List<Finding> out = new ArrayList<>();
        Severity[] sev = Severity.values();
        for (int i = 0; i < n; i++) {
            Severity s = sev[i % sev.length];
            out.add(new Finding("github-token:" + String.format("%08d", i), "github-token", Category.SECRET, s,
                    i % 7 == 0 ? Status.REGRESSED : Status.NEW, "Token number " + i,
                    Location.file("src/file" + (i % 13) + ".txt", 1 + i % 5, 1), "ghp_…" + i, null, null, null,
                    Map.of()));
        }
        return new ScanResult(new ScanTarget("big", null, "history"), out, rules(), List.of(), false);
    }

    /** Writes the files the mixed findings point at (with the generated secrets in place) under {@code root}. */
    public static void writeSources(Path root) throws IOException {
        write(root, "src/main/resources/application.properties",
                "# app\nregion=eu-west-1\naws.key.id   = " + AWS_KEY + "\nother=1\n");
        StringBuilder wf = new StringBuilder("name: deploy\non: push\n");
        for (int i = 3; i < 12; i++) {
            wf.append("# line ").append(i).append('\n');
        }
        wf.append("    env: { TOKEN: ").append(GH_TOKEN).append(" }\n");
        write(root, ".github/workflows/deploy.yml", wf.toString());
        write(root, "infra/iam/policy.json", "{\n \"Statement\": [{\n  \"Effect\": \"Allow\",\n  \"Resource\": \"*\",\n"
                + "  \"Action\": \"s3:*\"\n }]\n}\n");
        write(root, "certs/My Cert.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    }

    private static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }
}
