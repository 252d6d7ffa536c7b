package dev.holdfast.cli.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The file kinds the fidelity benchmark regresses: Spring properties and YAML, {@code .env}, compose files, Helm
 * values, Java, Terraform (provider keys and a {@code jsonencode} policy), JSON IAM policies and GitHub workflows.
 * Names, values and neighbours vary with the random source; the shapes are what those files look like in practice.
 */
final class Formats {
    private static final String[] GROUPS = {"payments", "billing", "checkout"};
    /** Neighbour keys: none of them is a key the templates already have. */
    private static final String[] WORDS = {"pool-size", "max-connections", "cache-ttl", "read-timeout", "batch-size",
        "idle-timeout", "queue-depth", "shard-count"};

    private Formats() {
    }

    /** What every format states once: its name, where it lives and how it is indented. */
    private abstract static class Base implements Format {
        private final String name;
        private final String path;
        private final String renamedPath;
        private final String unit;
        private final String reformattedUnit;

        Base(String name, String path, String renamedPath, String unit, String reformattedUnit) {
            this.name = name;
            this.path = path;
            this.renamedPath = renamedPath;
            this.unit = unit;
            this.reformattedUnit = reformattedUnit;
        }

        public String name() {
            return name;
        }

        public String path() {
            return path;
        }

        public String renamedPath() {
            return renamedPath;
        }

        public String unit() {
            return unit;
        }

        public String reformattedUnit() {
            return reformattedUnit;
        }
    }

    static List<Format> all() {
        return List.of(new Properties(), new SpringYaml(), new Dotenv(), new Compose(), new HelmValues(),
                new JavaConstant(), new TerraformProvider(), new TerraformPolicy(), new JsonPolicy(),
                new Workflow());
    }

    static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    static String constant(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_").toUpperCase(Locale.ROOT);
    }

    static String camel(String key) {
        String[] parts = key.split("-");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }

    /** A neighbour value: a number, a word or a duration. */
    static String value(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> Integer.toString(2 + r.nextInt(60));
            case 1 -> pick(r, "eur", "usd", "gbp", "eu-west-1", "us-east-2", "strict", "lenient");
            default -> (5 + r.nextInt(55)) + "s";
        };
    }

    /** How a policy statement's members and action list are written in a syntax. */
    private record PolicySyntax(String member, String list, String item) {
        String member(String key, String value) {
            return String.format(member, key, value);
        }
    }

    private static final PolicySyntax HCL = new PolicySyntax("%-8s = \"%s\"", "Action = [", "\"%s\",");
    private static final PolicySyntax JSON = new PolicySyntax("\"%s\": \"%s\"", "\"Action\": [", "\"%s\"");

    /**
     * The statement both policy formats narrow: a service wildcard in the action list (two with {@code several}) that
     * the fix replaces with a read action, next to one a colleague may edit or remove.
     */
    private static void statement(Template.Builder b, Random r, boolean several, int level, PolicySyntax s,
                                  String bucket) {
        b.line(level, s.member("Sid", "Read" + (r.nextInt(90) + 10)));
        b.line(level, s.member("Effect", "Allow"));
        b.line(level, s.list());
        b.finding(level + 1, String.format(s.item(), "s3:*"),
                String.format(s.item(), "s3:" + pick(r, "GetObject", "GetObjectVersion")), null);
        if (several) {
            b.finding(level + 1, String.format(s.item(), "kms:*"), String.format(s.item(), "kms:Decrypt"), null);
        }
        b.below(b.line(level + 1, String.format(s.item(), "s3:GetObjectTagging")));
        b.line(level, "]");
        b.line(level, s.member("Resource", "arn:aws:s3:::" + bucket + "/*"));
    }

    /** A read-only S3 action a colleague might add next to the narrowed one. */
    static String readAction(Random r) {
        return "s3:" + pick(r, "GetObjectAcl", "GetObjectLegalHold", "GetObjectRetention", "ListMultipartUploadParts");
    }

    static String word(Random r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    /** The text of a {@code key<sep>value} line with another value. */
    static String withValue(String text, String sep, String value) {
        int at = text.indexOf(sep);
        return text.substring(0, at + sep.length()) + value;
    }

    /** {@code payments.api-key=…} */
    static final class Properties extends Base {
        Properties() {
            super("properties", "src/main/resources/application.properties", "src/main/resources/application-prod.properties", "", null);
        }

        @Override
        public UnaryOperator<String> reformatted() {
            return t -> t.isBlank() || t.startsWith("#") ? t : t.replaceFirst("=", " = ");
        }

        public Template template(Random r, boolean several) {
            String group = pick(r, GROUPS);
            String leaf = pick(r, "api-key", "secret-key");
            Template.Builder b = new Template.Builder();
            b.block();
            b.line(0, "spring.application.name=shop");
            b.line(0, "server.port=" + (8000 + r.nextInt(100)));
            b.line(0, "");
            b.block();
            b.above(b.line(0, group + ".provider=stripe"));
            b.finding(0, group + "." + leaf + "={{STRIPE_1}}", group + "." + leaf + "=${" + constant(group + "."
                    + leaf) + "}", group + "." + leaf + "={{STRIPE_2}}");
            b.secret("STRIPE_1", "stripe");
            b.secret("STRIPE_2", "stripe");
            if (several) {
                b.finding(0, group + ".webhook-secret={{STRIPE_WEBHOOK_1}}", group + ".webhook-secret=${"
                        + constant(group) + "_WEBHOOK_SECRET}", null);
                b.secret("STRIPE_WEBHOOK_1", "stripe-webhook");
            }
            b.below(b.line(0, group + ".timeout=" + (10 + r.nextInt(50)) + "s"));
            b.line(0, group + ".currency=" + pick(r, "eur", "usd"));
            b.line(0, "");
            b.endBlock();
            b.far(b.line(0, "logging.level.root=INFO"));
            return b.build();
        }

        public Doc.Line neighbour(Random r, Doc.Line near, String id) {
            String key = near.text().substring(0, near.text().indexOf('='));
            return new Doc.Line(id, 0, key.substring(0, key.lastIndexOf('.') + 1) + word(r) + "=" + value(r));
        }

        public String edit(Random r, Doc.Line line) {
            return withValue(line.text(), "=", value(r) + "0");
        }
    }

    /** {@code payments:\n  api-key: …} */
    static final class SpringYaml extends Base {
        SpringYaml() {
            super("spring-yaml", "src/main/resources/application.yml", "config/application.yml", "  ", "    ");
        }

        public Template template(Random r, boolean several) {
            String group = pick(r, GROUPS);
            String leaf = pick(r, "api-key", "secret-key");
            Template.Builder b = new Template.Builder();
            b.block();
            b.line(0, "spring:");
            b.line(1, "application:");
            b.line(2, "name: shop");
            b.block();
            b.line(0, group + ":");
            b.above(b.line(1, "provider: stripe"));
            b.finding(1, leaf + ": {{STRIPE_1}}", leaf + ": ${" + constant(group + "." + leaf) + "}",
                    leaf + ": {{STRIPE_2}}");
            b.secret("STRIPE_1", "stripe");
            b.secret("STRIPE_2", "stripe");
            if (several) {
                b.finding(1, "webhook-secret: \"{{STRIPE_WEBHOOK_1}}\"", "webhook-secret: \"${" + constant(group)
                        + "_WEBHOOK_SECRET}\"", null);
                b.secret("STRIPE_WEBHOOK_1", "stripe-webhook");
            }
            b.below(b.line(1, "timeout: " + (10 + r.nextInt(50)) + "s"));
            b.line(1, "currency: " + pick(r, "eur", "usd"));
            b.endBlock();
            b.line(0, "logging:");
            b.line(1, "level:");
            b.far(b.line(2, "root: INFO"));
            return b.build();
        }

        public Doc.Line neighbour(Random r, Doc.Line near, String id) {
            return new Doc.Line(id, near.level(), word(r) + ": " + value(r));
        }

        public String edit(Random r, Doc.Line line) {
            return withValue(line.text(), ": ", value(r) + "0");
        }
    }

    /** {@code STRIPE_API_KEY=…} in a committed {@code .env}. */
    static final class Dotenv extends Base {
        Dotenv() {
            super("dotenv", "deploy/.env", "deploy/production.env", "", null);
        }

        @Override
        public UnaryOperator<String> reformatted() {
            return t -> t.isBlank() || t.startsWith("#") ? t : "export " + t;
        }

        public Template template(Random r, boolean several) {
            String key = pick(r, "STRIPE_API_KEY", "PAYMENTS_STRIPE_KEY", "STRIPE_SECRET");
            Template.Builder b = new Template.Builder();
            b.block();
            b.line(0, "APP_ENV=production");
            b.line(0, "APP_PORT=" + (8000 + r.nextInt(100)));
            b.line(0, "");
            b.block();
            b.above(b.line(0, "DB_HOST=db.internal"));
            b.finding(0, key + "={{STRIPE_1}}", key + "=", key + "={{STRIPE_2}}");
            b.secret("STRIPE_1", "stripe");
            b.secret("STRIPE_2", "stripe");
            if (several) {
                String name = "DB_" + "PASSWORD";
                b.finding(0, name + "={{DB_1}}", name + "=", null);
                b.secret("DB_1", "alnum");
            }
            b.below(b.line(0, "DB_POOL=" + (2 + r.nextInt(20))));
            b.line(0, "");
            b.endBlock();
            b.far(b.line(0, "LOG_LEVEL=info"));
            return b.build();
        }

        public Doc.Line neighbour(Random r, Doc.Line near, String id) {
            return new Doc.Line(id, 0, constant(word(r)) + "=" + value(r));
        }

        public String edit(Random r, Doc.Line line) {
            return withValue(line.text(), "=", value(r) + "0");
        }
    }

    /** A compose service's {@code environment}, as a map or as a list of {@code KEY=value}. */
    static final class Compose extends Base {
        Compose() {
            super("compose", "docker-compose.yml", "deploy/compose.yaml", "  ", "    ");
        }

        public Template template(Random r, boolean several) {
            String key = pick(r, "STRIPE_KEY", "STRIPE_SECRET", "PAYMENTS_STRIPE_KEY");
            boolean list = r.nextBoolean();
            Template.Builder b = new Template.Builder();
            b.line(0, "services:");
            b.block();
            b.line(1, "api:");
            b.line(2, "image: shop/api:1." + r.nextInt(10));
            b.line(2, "environment:");
            b.above(b.line(3, entry(list, "LOG_LEVEL", "info")));
            b.finding(3, entry(list, key, "{{STRIPE_1}}"), entry(list, key, "${" + key + ":?set " + key + "}"),
                    entry(list, key, "{{STRIPE_2}}"));
            b.secret("STRIPE_1", "stripe");
            b.secret("STRIPE_2", "stripe");
            if (several) {
                b.finding(3, entry(list, "GITHUB_TOKEN", "{{GITHUB_TOKEN_1}}"),
                        entry(list, "GITHUB_TOKEN", "${GITHUB_TOKEN:?set GITHUB_TOKEN}"), null);
                b.secret("GITHUB_TOKEN_1", "github");
            }
            b.below(b.line(3, entry(list, "PAYMENTS_TIMEOUT", (10 + r.nextInt(50)) + "s")));
            b.line(2, "ports:");
            b.line(3, "- \"8080:8080\"");
            b.block();
            b.line(1, "worker:");
            b.far(b.line(2, "image: shop/worker:1." + r.nextInt(10)));
            b.line(2, "command: [\"./worker\"]");
            return b.build();
        }

        private static String entry(boolean list, String key, String value) {
            return list ? "- " + key + "=" + value : key + ": " + value;
        }

        public Doc.Line neighbour(Random r, Doc.Line near, String id) {
            return new Doc.Line(id, near.level(), entry(near.text().startsWith("- "), constant(word(r)), value(r)));
        }

        public String edit(Random r, Doc.Line line) {
            String t = line.text();
            return t.startsWith("- ") ? withValue(t, "=", value(r) + "0")
                    : withValue(t, ": ", value(r) + "0");
        }
    }

    /** A chart's {@code values.yaml}: the fix empties the key and points at an existing Secret. */
    static final class HelmValues extends Base {
        HelmValues() {
            super("helm-values", "charts/shop/values.yaml", "charts/shop/values-prod.yaml", "  ", "    ");
        }

        public Template template(Random r, boolean several) {
            Template.Builder b = new Template.Builder();
            b.far(b.line(0, "replicaCount: " + (1 + r.nextInt(4))));
            b.block();
            b.line(0, "image:");
            b.line(1, "repository: shop/api");
            b.line(1, "tag: \"1." + r.nextInt(10) + "\"");
            b.block();
            b.line(0, "stripe:");
            b.above(b.line(1, "enabled: true"));
            String key = b.finding(1, "secretKey: \"{{STRIPE_1}}\"", "secretKey: \"\"", "secretKey: \"{{STRIPE_2}}\"");
            b.extra(key, 1, "existingSecret: " + pick(r, "shop-stripe", "stripe-credentials"));
            b.secret("STRIPE_1", "stripe");
            b.secret("STRIPE_2", "stripe");
            if (several) {
                b.finding(1, "webhookSecret: \"{{STRIPE_WEBHOOK_1}}\"", "webhookSecret: \"\"", null);
                b.secret("STRIPE_WEBHOOK_1", "stripe-webhook");
            }
            b.below(b.line(1, "webhookPath: /hooks/" + pick(r, "stripe", "payments")));
            b.endBlock();
            b.line(0, "ingress:");
            b.line(1, "enabled: false");
            return b.build();
        }

        public Doc.Line neighbour(Random r, Doc.Line near, String id) {
            return new Doc.Line(id, near.level(), camel(word(r)) + ": " + value(r));
        }

        public String edit(Random r, Doc.Line line) {
            return withValue(line.text(), ": ", value(r) + "0");
        }
    }

    /** A Java constant read from the environment. */
    static final class JavaConstant extends Base {
        JavaConstant() {
            super("java", "src/main/java/shop/payments/PaymentsConfig.java", "src/main/java/shop/billing/PaymentsConfig.java", "    ", "  ");
        }

        @Override
        public String renamed(String text) {
            return text.equals("package shop.payments;") ? "package shop.billing;" : text;
        }

        public Template template(Random r, boolean several) {
            String constant = pick(r, "API_KEY", "STRIPE_KEY", "SECRET_KEY");
            String env = pick(r, "PAYMENTS_API_KEY", "STRIPE_API_KEY");
            Template.Builder b = new Template.Builder();
            b.line(0, "package shop.payments;");
            b.line(0, "");
            b.line(0, "import java.time.Duration;");
            b.line(0, "");
            b.line(0, "public final class PaymentsConfig {");
            b.above(b.line(1, "private static final String CURRENCY = \"" + pick(r, "EUR", "USD") + "\";"));
            b.finding(1, "private static final String " + constant + " = \"{{STRIPE_1}}\";",
                    "private static final String " + constant + " = System.getenv(\"" + env + "\");",
                    "private static final String " + constant + " = \"{{STRIPE_2}}\";");
            b.secret("STRIPE_1", "stripe");
            b.secret("STRIPE_2", "stripe");
            if (several) {
                b.finding(1, "private static final String WEBHOOK_SECRET = \"{{STRIPE_WEBHOOK_1}}\";",
                        "private static final String WEBHOOK_SECRET = System.getenv(\"PAYMENTS_WEBHOOK_SECRET\");",
                        null);
                b.secret("STRIPE_WEBHOOK_1", "stripe-webhook");
            }
            b.below(b.line(1, "private static final int RETRIES = " + (1 + r.nextInt(5)) + ";"));
            b.line(1, "private static final Duration TIMEOUT = Duration.ofSeconds(" + (10 + r.nextInt(50)) + ");");
            b.block();
            b.line(0, "");
            b.line(1, "public String apiKey() {");
            b.line(2, "return " + constant + ";");
            b.line(1, "}");
            b.block();
            b.line(0, "");
            b.line(1, "public Duration timeout() {");
            b.far(b.line(2, "return TIMEOUT;"));
            b.line(1, "}");
            b.endBlock();
            b.line(0, "}");
            return b.build();
        }

        public Doc.Line neighbour(Random r, Doc.Line near, String id) {
            return new Doc.Line(id, near.level(), "private static final int " + constant(word(r)) + " = "
                    + (1 + r.nextInt(90)) + ";");
        }

        public String edit(Random r, Doc.Line line) {
            String t = line.text();
            if (t.startsWith("return ")) {
                return "return TIMEOUT.plusSeconds(" + (1 + r.nextInt(9)) + ");";
            }
            String init = t.substring(t.indexOf(" = ") + 3, t.length() - 1);
            String next = init.startsWith("\"") ? "\"" + pick(r, "GBP", "CHF", "SEK") + "\""
                    : init.matches("\\d+") ? Integer.toString(Integer.parseInt(init) + 10 + r.nextInt(10))
                    : "Duration.ofMinutes(" + (1 + r.nextInt(9)) + ")";
            return t.substring(0, t.indexOf(" = ") + 3) + next + ";";
        }
    }

    /** Terraform's AWS provider with static keys, fixed to variables. */
    static final class TerraformProvider extends Base {
        TerraformProvider() {
            super("terraform", "infra/main.tf", "infra/providers.tf", "  ", "    ");
        }

        public Template template(Random r, boolean several) {
            Template.Builder b = new Template.Builder();
            b.line(0, "terraform {");
            b.line(1, "required_version = \">= 1." + (3 + r.nextInt(6)) + "\"");
            b.line(0, "}");
            b.block();
            b.line(0, "");
            b.line(0, "provider \"aws\" {");
            b.above(b.line(1, "region     = \"" + pick(r, "eu-west-1", "us-east-2") + "\""));
            b.finding(1, "access_key = \"{{AWS_KEY_1}}\"", "access_key = var.aws_access_key",
                    "access_key = \"{{AWS_KEY_2}}\"");
            b.secret("AWS_KEY_1", "aws-key");
            b.secret("AWS_KEY_2", "aws-key");
            if (several) {
                b.finding(1, "secret_key = \"{{AWS_SECRET_1}}\"", "secret_key = var.aws_secret_key", null);
                b.secret("AWS_SECRET_1", "aws-secret");
            }
            b.below(b.line(1, "max_retries = " + (2 + r.nextInt(8))));
            b.line(0, "}");
            b.block();
            b.line(0, "");
            b.line(0, "resource \"aws_s3_bucket\" \"reports\" {");
            b.far(b.line(1, "bucket = \"shop-reports-" + r.nextInt(100) + "\""));
            b.line(0, "}");
            return b.build();
        }

        public Doc.Line neighbour(Random r, Doc.Line near, String id) {
            return new Doc.Line(id, near.level(), word(r).replace('-', '_') + " = \"" + value(r) + "\"");
        }

        public String edit(Random r, Doc.Line line) {
            return withValue(line.text(), "= ", "\"" + value(r) + "0\"");
        }
    }

    /** An IAM policy in Terraform ({@code jsonencode}), narrowed by the fix from a service wildcard. */
    static final class TerraformPolicy extends Base {
        TerraformPolicy() {
            super("terraform-policy", "infra/iam.tf", "infra/policies.tf", "  ", "    ");
        }

        @Override
        public boolean values() {
            return false;
        }

        public Template template(Random r, boolean several) {
            String bucket = "shop-" + pick(r, "reports", "exports", "invoices");
            Template.Builder b = new Template.Builder();
            b.block();
            b.line(0, "resource \"aws_iam_policy\" \"read\" {");
            b.far(b.line(1, "name   = \"" + bucket + "-read\""));
            b.line(1, "policy = jsonencode({");
            b.line(2, "Version = \"2012-10-17\"");
            b.line(2, "Statement = [{");
            statement(b, r, several, 3, HCL, bucket);
            b.line(2, "}]");
            b.line(1, "})");
            b.line(0, "}");
            b.block();
            b.line(0, "");
            b.line(0, "resource \"aws_s3_bucket\" \"data\" {");
            b.line(1, "bucket = \"" + bucket + "\"");
            b.line(0, "}");
            return b.build();
        }

        public Doc.Line neighbour(Random r, Doc.Line near, String id) {
            return new Doc.Line(id, near.level(), "\"" + readAction(r) + "\",");
        }

        public String edit(Random r, Doc.Line line) {
            String t = line.text();
            if (t.startsWith("\"")) {
                return "\"s3:GetObjectAttributes\",";
            }
            return withValue(t, "= ", "\"" + pick(r, "Reader", "Export", "Audit") + (r.nextInt(90) + 10) + "\"");
        }
    }

    /** A JSON IAM policy, narrowed by the fix from a service wildcard. */
    static final class JsonPolicy extends Base {
        JsonPolicy() {
            super("json-policy", "policies/reports-read.json", "iam/policies/reports-read.json", "  ", "    ");
        }

        @Override
        public boolean values() {
            return false;
        }

        public Template template(Random r, boolean several) {
            String bucket = "shop-" + pick(r, "reports", "exports", "invoices");
            Template.Builder b = new Template.Builder();
            b.line(0, "{");
            b.line(1, "\"Version\": \"2012-10-17\"");
            b.line(1, "\"Statement\": [");
            b.block();
            b.line(2, "{");
            statement(b, r, several, 3, JSON, bucket);
            b.line(2, "}");
            b.block();
            b.line(2, "{");
            b.far(b.line(3, "\"Sid\": \"List\""));
            b.line(3, "\"Effect\": \"Allow\"");
            b.line(3, "\"Action\": \"s3:ListBucket\"");
            b.line(3, "\"Resource\": \"arn:aws:s3:::" + bucket + "\"");
            b.line(2, "}");
            b.endBlock();
            b.line(1, "]");
            b.line(0, "}");
            return b.build();
        }

        public Doc.Line neighbour(Random r, Doc.Line near, String id) {
            return new Doc.Line(id, near.level(), "\"" + readAction(r) + "\"");
        }

        public String edit(Random r, Doc.Line line) {
            String t = line.text();
            if (!t.contains(": ")) {
                return "\"s3:GetObjectAttributes\"";
            }
            return withValue(t, ": ", "\"" + pick(r, "Reader", "Export", "Audit") + (r.nextInt(90) + 10) + "\"");
        }

        /** JSON needs a comma after each member or item that another one at the same level follows. */
        @Override
        public Doc fixup(Doc doc) {
            List<Doc.Line> out = new ArrayList<>();
            List<Doc.Line> in = doc.lines();
            for (int i = 0; i < in.size(); i++) {
                Doc.Line l = in.get(i);
                String t = l.text().endsWith(",") ? l.text().substring(0, l.text().length() - 1) : l.text();
                boolean opens = t.endsWith("{") || t.endsWith("[");
                boolean more = i + 1 < in.size() && in.get(i + 1).level() == l.level()
                        && !in.get(i + 1).text().startsWith("}") && !in.get(i + 1).text().startsWith("]");
                out.add(l.withText(!opens && more ? t + "," : t));
            }
            return doc.withLines(out);
        }
    }

    /** A GitHub workflow whose AWS step took static keys. */
    static final class Workflow extends Base {
        Workflow() {
            super("workflow", ".github/workflows/deploy.yml", ".github/workflows/release.yml", "  ", "    ");
        }

        public Template template(Random r, boolean several) {
            Template.Builder b = new Template.Builder();
            b.line(0, "name: deploy");
            b.line(0, "on:");
            b.line(1, "push:");
            b.line(2, "branches: [main]");
            b.line(0, "jobs:");
            b.line(1, "deploy:");
            b.far(b.line(2, "runs-on: ubuntu-" + pick(r, "latest", "24.04")));
            b.line(2, "steps:");
            b.block();
            b.line(3, "- uses: actions/checkout@v4");
            b.block();
            b.line(3, "- name: Configure AWS credentials");
            b.line(3, "  uses: aws-actions/configure-aws-credentials@v4");
            b.line(3, "  with:");
            b.above(b.line(4, "  aws-region: " + pick(r, "eu-west-1", "us-east-2")));
            b.finding(4, "  aws-access-key-id: {{AWS_KEY_1}}", "  aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}",
                    "  aws-access-key-id: {{AWS_KEY_2}}");
            b.secret("AWS_KEY_1", "aws-key");
            b.secret("AWS_KEY_2", "aws-key");
            if (several) {
                b.finding(4, "  aws-secret-access-key: {{AWS_SECRET_1}}",
                        "  aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}", null);
                b.secret("AWS_SECRET_1", "aws-secret");
            }
            b.below(b.line(4, "  role-duration-seconds: " + (900 + 60 * r.nextInt(10))));
            b.endBlock();
            b.line(3, "- run: ./scripts/deploy.sh");
            return b.build();
        }

        public Doc.Line neighbour(Random r, Doc.Line near, String id) {
            return new Doc.Line(id, near.level(), "  " + pick(r, "mask-aws-account-id: true",
                    "output-credentials: false", "retry-max-attempts: " + (2 + r.nextInt(5))));
        }

        public String edit(Random r, Doc.Line line) {
            String t = line.text();
            if (t.contains("runs-on")) {
                return "runs-on: ubuntu-22.04";
            }
            return withValue(t, ": ", t.contains("region") ? pick(r, "eu-central-1", "ap-south-1")
                    : Integer.toString(1200 + 60 * r.nextInt(10)));
        }
    }
}
