package dev.holdfast.rules.iac;

import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.cloud.azure.AzureRoles;
import dev.holdfast.rules.support.Thresholds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.holdfast.rules.iac.IacCatalogue.AZURE;
import static dev.holdfast.rules.iac.IacCatalogue.MACHINE;
import static dev.holdfast.rules.iac.IacCatalogue.RULES;

/**
 * Terraform ({@code *.tf}, and {@code *.tf.json} through {@link TerraformJson}): static AWS and Google keys, machine
 * IAM users, long agent sessions, open trust policies, administrator policy attachments, Azure client secrets without
 * a near end date, and privileged Azure role assignments to service principals. Subjects are resource addresses, so
 * findings survive line moves.
 */
public final class TerraformDetector implements Detector {
    /** Threshold keys (see {@link dev.holdfast.rules.StructuredDetectors}). */
    public static final String MAX_SESSION_SECONDS = "roleSessionMaxSeconds";
    public static final String MAX_SECRET_DAYS = "azurePasswordMaxDays";

    private static final Pattern SUBSCRIPTION_SCOPE = Pattern.compile("^/subscriptions/[^/]+/?$");

    private final SecretLifetime lifetime;
    private final long maxSessionSeconds;

    public TerraformDetector(Clock clock, Map<String, String> thresholds) {
        this.lifetime = new SecretLifetime(clock, Thresholds.get(thresholds, MAX_SECRET_DAYS, 180));
        this.maxSessionSeconds = Thresholds.get(thresholds, MAX_SESSION_SECONDS, 3600);
    }

    @Override
    public String name() {
        return "terraform";
    }

    @Override
    public List<RuleInfo> rules() {
        return RULES.all();
    }

    public static boolean applies(String path) {
        return path.endsWith(".tf") || path.endsWith(".tf.json");
    }

    /** Native HCL or Terraform's JSON syntax, into one model. */
    static HclBody read(Document document) {
        return document.path().endsWith(".tf.json") ? TerraformJson.parse(document.text(), document.path())
                : HclParser.parse(document.text(), document.path());
    }

    @Override
    public List<Detection> detect(Document document) {
        if (!applies(document.path())) {
            return List.of();
        }
        HclBody file = read(document);
        TerraformPolicies policies = new TerraformPolicies(file);
        List<Detection> out = new ArrayList<>();
        for (HclBody.Block b : file.blocks("resource")) {
            String type = b.label(0);
            String address = b.address();
            switch (type) {
                case "aws_iam_access_key" -> out.add(RULES.detection("iac-aws-access-key",
                        "Terraform creates a long-lived AWS access key (" + address + ")",
                        b.line(), b.column(), address, address, props(address)));
                case "google_service_account_key" -> out.add(RULES.detection("iac-gcp-service-account-key",
                        "Terraform creates a long-lived Google service account key (" + address + ")",
                        b.line(), b.column(), address, address, props(address)));
                case "aws_iam_user" -> machineWord(b).ifPresent(word -> out.add(RULES.detection(
                        "iac-aws-machine-user", "IAM user " + address + " is a machine identity (matched '" + word
                                + "'); machines should assume roles", b.line(), b.column(), address, address,
                        props(address))));
                case "aws_iam_role" -> role(b, policies, out);
                case "azuread_application_password", "azuread_service_principal_password" -> password(b, out);
                case "azurerm_role_assignment" -> roleAssignment(b, file, out);
                case "aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment",
                        "aws_iam_group_policy_attachment", "aws_iam_policy_attachment" -> {
                    HclBody.Attribute arn = b.body().attribute("policy_arn");
                    if (arn != null) {
                        adminPolicy(address, HclValue.text(arn.value()), arn.line(), arn.column(), out);
                    }
                }
                default -> {
                }
            }
            if (type.equals("aws_iam_role")) {
                // managed_policy_arns = [...] on the role itself
                HclBody.Attribute arns = b.body().attribute("managed_policy_arns");
                if (arns != null && arns.value() instanceof HclValue.Tuple t) {
                    for (HclValue v : t.items()) {
                        adminPolicy(address, HclValue.text(v), v.line(), v.column(), out);
                    }
                }
            }
        }
        return out;
    }

    private void role(HclBody.Block b, TerraformPolicies policies, List<Detection> out) {
        String address = b.address();
        HclBody.Attribute trust = b.body().attribute("assume_role_policy");
        Optional<PolicyJson> trustPolicy = trust == null ? Optional.empty() : policies.resolve(trust.value());
        RoleTrust judged = trustPolicy.map(p -> RoleTrust.judge(p, address, props(address)))
                .orElse(new RoleTrust(false, List.of()));
        out.addAll(judged.detections());
        boolean federated = judged.federated();
        HclBody.Attribute session = b.body().attribute("max_session_duration");
        if (session != null && session.value() instanceof HclValue.Num n) {
            long seconds;
            try {
                seconds = Long.parseLong(n.text());
            } catch (NumberFormatException e) {
                return;
            }
            Optional<String> word = machineWord(b);
            if (seconds > maxSessionSeconds && (word.isPresent() || federated)) {
                out.add(RULES.detection("iac-aws-role-long-session",
                        "Machine role " + address + " allows sessions of " + seconds + " s (limit "
                                + maxSessionSeconds + " s)",
                        session.line(), session.column(), address + "|max_session_duration", address,
                        Map.of(FindingProperty.RESOURCE.key(), address, "format", "terraform", "seconds", Long.toString(seconds))));
            }
        }
    }

    private void password(HclBody.Block b, List<Detection> out) {
        String address = b.address();
        HclBody.Attribute endDate = b.body().attribute("end_date");
        HclBody.Attribute relative = b.body().attribute("end_date_relative");
        Instant end;
        int line = b.line();
        int column = b.column();
        if (endDate != null) {
            end = endDate(endDate.value());
            line = endDate.line();
            column = endDate.column();
            if (end == null) {
                return; // an expression we cannot evaluate: do not guess
            }
        } else if (relative != null) {
            Duration d = SecretLifetime.parseGoDuration(HclValue.text(relative.value()));
            line = relative.line();
            column = relative.column();
            if (d == null) {
                return;
            }
            end = lifetime.now().plus(d);
        } else {
            end = null;
        }
        Optional<String> why = lifetime.problem(end);
        if (why.isPresent()) {
            out.add(RULES.detection("iac-azure-secret-long-lived", "Azure client secret " + address + " " + why.get(),
                    line, column, address, address, props(address)));
        }
    }

    /** end_date = "2099-01-01T00:00:00Z", or timeadd(<anything>, "8760h") read as now + duration. */
    private Instant endDate(HclValue v) {
        if (v instanceof HclValue.Call c && c.name().equals("timeadd") && c.args().size() == 2) {
            Duration d = SecretLifetime.parseGoDuration(HclValue.text(c.args().get(1)));
            return d == null ? null : lifetime.now().plus(d);
        }
        return SecretLifetime.parseDate(v instanceof HclValue.Str s ? s.text() : null);
    }

    private void roleAssignment(HclBody.Block b, HclBody file, List<Detection> out) {
        String address = b.address();
        String roleName = HclValue.text(b.body().value("role_definition_name"));
        String roleId = roleDefinition(HclValue.text(b.body().value("role_definition_id")), file);
        Optional<AzureRoles.Role> role = AzureRoles.privileged(roleName).or(() -> AzureRoles.privileged(roleId));
        if (role.isEmpty()) {
            return;
        }
        String scope = HclValue.text(b.body().value("scope"));
        if (!broadScope(scope)) {
            return;
        }
        String principalType = HclValue.text(b.body().value("principal_type"));
        String principalId = HclValue.text(b.body().value("principal_id"));
        boolean servicePrincipal = "ServicePrincipal".equalsIgnoreCase(principalType)
                || (principalType == null && principalId != null && AZURE.isServicePrincipal(principalId));
        if (!servicePrincipal) {
            return;
        }
        HclBody.Attribute at = b.body().attribute(roleName != null ? "role_definition_name" : "role_definition_id");
        String scopeKind = scope.toLowerCase().contains("managementgroup") || scope.contains("management_group")
                ? "management group" : "subscription";
        out.add(RULES.detection("iac-azure-privileged-role-assignment", role.get().severity(),
                role.get().name() + " is assigned to a service principal at " + scopeKind + " scope (" + address + ")",
                at.line(), at.column(), address + "|" + role.get().name(), role.get().name(),
                Map.of(FindingProperty.RESOURCE.key(), address, "format", "terraform", "role", role.get().name(), "scope", scopeKind)));
    }

    private static void adminPolicy(String address, String arn, int line, int column, List<Detection> out) {
        IacCatalogue.ADMIN_POLICIES.match(arn).ifPresent(p -> {
            String name = p.arn().substring(p.arn().lastIndexOf('/') + 1);
            out.add(RULES.detection("iac-aws-admin-policy-attachment", Severity.fromId(p.severity()),
                    name + " is attached by " + address, line, column, address + "|" + name, name,
                    Map.of(FindingProperty.RESOURCE.key(), address, "format", "terraform", "policy", name)));
        });
    }

    /** data.azurerm_role_definition.x.id → that data source's name (e.g. "Owner"), when it is in this file. */
    private static String roleDefinition(String roleId, HclBody file) {
        if (roleId == null || !roleId.startsWith("data.azurerm_role_definition.")) {
            return roleId;
        }
        String[] parts = roleId.split("\\.");
        for (HclBody.Block d : file.blocks("data")) {
            if (d.label(0).equals("azurerm_role_definition") && parts.length > 2 && d.label(1).equals(parts[2])) {
                String name = HclValue.text(d.body().value("name"));
                String id = HclValue.text(d.body().value("role_definition_id"));
                return name != null ? name : id;
            }
        }
        return roleId;
    }

    static boolean broadScope(String scope) {
        if (scope == null) {
            return false;
        }
        String s = scope.trim();
        return SUBSCRIPTION_SCOPE.matcher(s).matches()
                || s.contains("/providers/Microsoft.Management/managementGroups/")
                || AZURE.broadScopeReferences().stream().anyMatch(r -> s.startsWith(r) || s.contains("${" + r))
                && !s.contains("resource_group");
    }

    /** A machine word in the resource label, name, path, tags or description. */
    private static Optional<String> machineWord(HclBody.Block b) {
        List<String> texts = new ArrayList<>();
        texts.add(b.label(1));
        for (String attr : List.of("name", "name_prefix", "path", "description")) {
            texts.add(HclValue.text(b.body().value(attr)));
        }
        if (b.body().value("tags") instanceof HclValue.Obj tags) {
            tags.entries().forEach((k, v) -> {
                texts.add(k);
                texts.add(HclValue.text(v));
            });
        }
        return texts.stream().map(MACHINE::match).flatMap(Optional::stream).findFirst();
    }

    private static Map<String, String> props(String address) {
        return Map.of(FindingProperty.RESOURCE.key(), address, "format", "terraform");
    }
}
