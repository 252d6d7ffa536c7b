package dev.holdfast.scanner.cloud.aws;

import dev.holdfast.scanner.cloud.CloudInventory;
import dev.holdfast.scanner.config.HoldfastConfig;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.Detector;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import dev.holdfast.rules.detect.Redactor;
import dev.holdfast.scanner.git.HistoryWalk;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.Severity;
import dev.holdfast.rules.catalogue.RuleCatalogue;
import dev.holdfast.rules.catalogue.SecretRule;
import dev.holdfast.rules.cloud.CloudPrincipal;
import dev.holdfast.rules.cloud.Dates;
import dev.holdfast.scanner.scan.FindingFactory;
import dev.holdfast.scanner.source.Source;
import dev.holdfast.scanner.source.WorkingTreeSource;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.holdfast.rules.cloud.CloudCatalogue.detect;

/**
 * AWS access key ids in a repository (working tree, and every blob of its git history, read through the shared
 * {@link Source}s: one walk of the history, the repository's paths.ignore and size cap) that belong to a principal of
 * the inventory: reported with that principal, the key's status and last use. A leaked key that is still active is
 * critical. Key ids are found by the secret catalogue's own {@code aws-access-key} rule, as a scan finds them. Only
 * the redacted key and a keyed hash leave this class.
 */
public final class LeakedKeys {
    static final String KEY_RULE = "aws-access-key";

    private LeakedKeys() {
    }

    /** The catalogue with only the access-key rule, built on first use. */
    private static final class KeyIds {
        static final Detector DETECTOR = detector();

        private static Detector detector() {
            RuleCatalogue builtin = RuleCatalogue.builtin();
            List<String> others = builtin.rules().stream().map(SecretRule::id).filter(id -> !id.equals(KEY_RULE))
                    .toList();
            return builtin.without(others).detector(value -> false);
        }
    }

    public static List<Finding> find(CloudInventory inv, FindingFactory factory, Path repo) throws IOException {
        List<Finding> out = new ArrayList<>();
        if (inv.keys().isEmpty()) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        // the repository's own configuration: its paths.ignore and size cap hold here as in its scans
        HoldfastConfig config = HoldfastConfig.load(repo, null);
        Source.Sink keys = d -> scan(inv, factory, d.path(), d.text(), d.commit(), seen, out);
        Source.tree(repo, config).read(keys);
        try (Repository git = WorkingTreeSource.openRepository(repo)) {
            if (git != null) {
                Source.history(HistoryWalk.all(git), config).read(keys);
            }
        }
        return out;
    }

    /** One file's text; each (key, path) is reported once, the working tree before history. */
    private static void scan(CloudInventory inv, FindingFactory factory, String path, byte[] text, String commit,
                             Set<String> seen, List<Finding> out) {
        List<Detection> keys;
        try {
            keys = KeyIds.DETECTOR.detect(new Document(path, text));
        } catch (DetectorException e) {
            keys = e.found();
        }
        for (Detection d : keys) {
            if (!d.ruleId().equals(KEY_RULE)) {
                continue;
            }
            CloudInventory.KeyOwner owner = inv.keys().get(d.subject());
            CloudPrincipal p = owner == null ? null : inv.snapshot().principal(owner.principal());
            if (p == null || !seen.add(d.subject() + "\u0000" + path)) {
                continue;
            }
            String redacted = Redactor.redact(d.subject());
            boolean active = "Active".equalsIgnoreCase(owner.status());
            Map<String, String> props = new LinkedHashMap<>();
            props.put("keyId", redacted);
            props.put("keyStatus", owner.status());
            props.put("lastUsed", Dates.day(owner.lastUsed()));
            props.put("created", Dates.day(owner.created()));
            Finding finding = factory.toFinding(detect("aws-leaked-access-key", p, "leaked key " + redacted + " in "
                            + path, active ? Severity.CRITICAL : Severity.HIGH,
                    "access key " + redacted + " of " + p.kind() + " " + p.type() + " " + p.name() + " is in "
                            + path + ":" + d.line() + (commit == null ? "" : " of commit " + commit.substring(0, 12))
                            + "; the key is " + owner.status() + ", last used " + Dates.day(owner.lastUsed()),
                    redacted, props));
            out.add(finding.withLocation(new Location(path, d.line(), d.column(), commit, p.id())));
        }
    }
}
