package dev.holdfast.cloud.aws;

import dev.holdfast.cloud.CloudFindings;
import dev.holdfast.cloud.CloudInventory;
import dev.holdfast.cloud.CloudPrincipal;
import dev.holdfast.cloud.Dates;
import dev.holdfast.cloud.RepoFiles;
import dev.holdfast.detect.Redactor;
import dev.holdfast.model.Finding;
import dev.holdfast.model.Location;
import dev.holdfast.model.Severity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS access key ids in a repository (working tree, and every blob of its git history) that belong to a principal of
 * the inventory: reported with that principal, the key's status and last use. A leaked key that is still active is
 * critical. Only the redacted key and a keyed hash leave this class.
 */
public final class LeakedKeys {
    private static final Pattern KEY_ID = Pattern.compile("(?<![A-Z0-9])((?:AKIA|ASIA)[A-Z2-7]{16})(?![A-Z0-9])");

    private LeakedKeys() {
    }

    public static List<Finding> find(CloudInventory inv, CloudFindings findings, Path repo) throws IOException {
        List<Finding> out = new ArrayList<>();
        if (inv.keys().isEmpty()) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (RepoFiles.TextFile f : RepoFiles.read(repo, p -> true)) {
            scan(inv, findings, f.path(), f.lines(), null, seen, out);
        }
        for (HistoryBlobs.Blob b : HistoryBlobs.read(repo)) {
            scan(inv, findings, b.path(), b.text().lines().toList(), b.commit(), seen, out);
        }
        return out;
    }

    /** One file's lines; each (key, path) is reported once, the working tree before history. */
    private static void scan(CloudInventory inv, CloudFindings findings, String path, List<String> lines,
                             String commit, Set<String> seen, List<Finding> out) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = KEY_ID.matcher(lines.get(i));
            while (m.find()) {
                CloudInventory.KeyOwner owner = inv.keys().get(m.group(1));
                CloudPrincipal p = owner == null ? null : inv.snapshot().principal(owner.principal());
                if (p == null || !seen.add(m.group(1) + "\u0000" + path)) {
                    continue;
                }
                String redacted = Redactor.redact(m.group(1));
                boolean active = "Active".equalsIgnoreCase(owner.status());
                Map<String, String> props = new LinkedHashMap<>();
                props.put("keyId", redacted);
                props.put("keyStatus", owner.status());
                props.put("lastUsed", Dates.day(owner.lastUsed()));
                props.put("created", Dates.day(owner.created()));
                Finding finding = findings.make("aws-leaked-access-key", p, "leaked key " + redacted + " in " + path,
                        active ? Severity.CRITICAL : Severity.HIGH,
                        "access key " + redacted + " of " + p.kind() + " " + p.type() + " " + p.name() + " is in "
                                + path + ":" + (i + 1) + (commit == null ? "" : " of commit " + commit.substring(0, 12))
                                + "; the key is " + owner.status() + ", last used " + Dates.day(owner.lastUsed()),
                        redacted, props);
                out.add(finding.withLocation(new Location(path, i + 1, m.start(1) + 1, commit, p.id())));
            }
        }
    }
}
