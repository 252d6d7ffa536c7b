package dev.holdfast.scanner.cloud;

import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.Location;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.source.Source;
import dev.holdfast.scanner.source.SourceDocument;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links cloud principals to the Terraform or CloudFormation resources that define them, by name, so a cloud finding
 * (including a grant attached out of band, which {@code terraform plan} does not show) points at a file and line a
 * pull request can change.
 */
public final class CodeLinks {
    /** Terraform resource type to the principal type it defines and the attribute holding the cloud name. */
    private static final Map<String, String[]> TERRAFORM = Map.of(
            "aws_iam_user", new String[] {"user", "name"},
            "aws_iam_role", new String[] {"role", "name"},
            "azuread_application", new String[] {"application", "display_name"},
            "azuread_application_registration", new String[] {"application", "display_name"});
    /** CloudFormation type to principal type and name property. */
    private static final Map<String, String[]> CLOUDFORMATION = Map.of(
            "AWS::IAM::User", new String[] {"user", "UserName"},
            "AWS::IAM::Role", new String[] {"role", "RoleName"});
    private static final Pattern TF_RESOURCE = Pattern.compile("^\\s*resource\\s+\"([a-z0-9_]+)\"\\s+\"([^\"]+)\"\\s*\\{");
    private static final Pattern CFN_TYPE = Pattern.compile("^(\\s*)\"?Type\"?\\s*:\\s*\"?(AWS::IAM::(?:User|Role))\"?");

    private CodeLinks() {
    }

    /** Where each principal is defined, keyed "type:name" (e.g. "role:site-deploy"); first definition wins. */
    public static Map<String, Location> definitions(Path repo) throws IOException {
        Map<String, Location> out = new HashMap<>();
        Source.tree(repo, HoldfastConfig.load(repo, null), p -> p.endsWith(".tf") || p.endsWith(".yaml")
                || p.endsWith(".yml") || p.endsWith(".json") || p.endsWith(".template")).read(f -> {
                    if (f.path().endsWith(".tf")) {
                        terraform(f, out);
                    } else {
                        cloudFormation(f, out);
                    }
                });
        return out;
    }

    private static void terraform(SourceDocument f, Map<String, Location> out) {
        List<String> lines = f.lines();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = TF_RESOURCE.matcher(lines.get(i));
            if (!m.find() || !TERRAFORM.containsKey(m.group(1))) {
                continue;
            }
            String[] spec = TERRAFORM.get(m.group(1));
            Pattern attr = Pattern.compile("^\\s*" + spec[1] + "\\s*=\\s*\"([^\"$]+)\"");
            int depth = 0;
            for (int j = i; j < lines.size(); j++) {
                String l = lines.get(j);
                Matcher a = attr.matcher(l);
                if (j > i && depth == 1 && a.find()) {
                    out.putIfAbsent(spec[0] + ":" + a.group(1), new Location(f.path(), i + 1, 1, null, null));
                    break;
                }
                depth += count(l, '{') - count(l, '}');
                if (j > i && depth <= 0) {
                    break;
                }
            }
        }
    }

    /** CloudFormation in YAML or JSON: the Type line, then the name property within the same resource. */
    private static void cloudFormation(SourceDocument f, Map<String, Location> out) {
        List<String> lines = f.lines();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = CFN_TYPE.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            String[] spec = CLOUDFORMATION.get(m.group(2));
            Pattern prop = Pattern.compile("^\\s*\"?" + spec[1] + "\"?\\s*:\\s*\"?([A-Za-z0-9+=,.@_-]+)\"?\\s*,?\\s*$");
            int logical = i > 0 ? i - 1 : i;
            while (logical > 0 && lines.get(logical).isBlank()) {
                logical--;
            }
            for (int j = i + 1; j < Math.min(lines.size(), i + 60); j++) {
                if (CFN_TYPE.matcher(lines.get(j)).find()) {
                    break;
                }
                Matcher p = prop.matcher(lines.get(j));
                if (p.find()) {
                    out.putIfAbsent(spec[0] + ":" + p.group(1), new Location(f.path(), logical + 1, 1, null, null));
                    break;
                }
            }
        }
    }

    private static int count(String s, char c) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (ch == c && !quoted) {
                n++;
            }
        }
        return n;
    }

    /** Findings about a principal defined in the repository get that definition's path and line. */
    public static ScanResult link(ScanResult result, Path repo) throws IOException {
        Map<String, Location> defs = definitions(repo);
        if (defs.isEmpty()) {
            return result;
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : result.findings()) {
            String type = f.properties().get("principalType");
            String name = f.properties().get("principal");
            Location def = type == null || name == null || f.location().path() != null ? null
                    : defs.get(("service-principal".equals(type) ? "application" : type) + ":" + name);
            if (def == null) {
                out.add(f);
            } else {
                out.add(f.withLocation(new Location(def.path(), def.line(), def.column(), null,
                        f.location().resource())).withProperty("definedIn", def.path() + ":" + def.line()));
            }
        }
        return new ScanResult(result.target(), out, result.rules(), result.warnings(), result.partial());
    }
}
