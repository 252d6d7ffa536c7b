package dev.holdfast.reports.sarif;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Finding;
import dev.holdfast.rules.model.FindingProperty;
import dev.holdfast.rules.model.FixRef;
import dev.holdfast.rules.model.Location;
import dev.holdfast.rules.model.RuleInfo;
import dev.holdfast.rules.model.Status;
import dev.holdfast.reports.Report;
import dev.holdfast.reports.ReportContext;
import dev.holdfast.reports.ReportText;
import dev.holdfast.scanner.scan.ScanResult;
import dev.holdfast.scanner.scan.ScanWarning;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * SARIF 2.1.0 for GitHub code scanning. Carries only redacted evidence (never a snippet), GitHub's own
 * {@code primaryLocationLineHash} plus our keyed fingerprint, and stays inside GitHub's upload limits by dropping the
 * least severe results first (with a warning in {@link ReportContext#warnings()} and in the run's properties).
 */
public final class SarifReport implements Report {
    public static final String FORMAT = "sarif";
    public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    /** Our own fingerprint's key in {@code partialFingerprints}; bump the version if its meaning ever changes. */
    public static final String FINGERPRINT_ID = "holdfast/v1";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ReportContext ctx;
    private final SarifTaxonomy taxonomy;
    private final int maxResults;
    private final long maxGzipBytes;

    public SarifReport(ReportContext ctx) {
        this(ctx, -1, -1);
    }

    /** With explicit limits (tests); a negative value means GitHub's limit from {@code taxonomy.json}. */
    public SarifReport(ReportContext ctx, int maxResults, long maxGzipBytes) {
        this.ctx = ctx;
        this.taxonomy = SarifTaxonomy.load();
        this.maxResults = maxResults < 0 ? taxonomy.maxResults() : maxResults;
        this.maxGzipBytes = maxGzipBytes < 0 ? taxonomy.maxGzipBytes() : maxGzipBytes;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public void render(ScanResult result, Writer out) throws IOException {
        out.write(produce(result).text());
        out.write('\n');
        out.flush();
    }

    /** The SARIF log as a tree (tests and callers that post-process use this). */
    public ObjectNode build(ScanResult result) {
        return produce(result).log();
    }

    /** The log and its serialised form, produced together so that the size check costs one serialisation. */
    private record Rendered(ObjectNode log, String text) {
    }

    private Rendered produce(ScanResult result) {
        try {
            return produceOpen(result);
        } finally {
            // Releases the repository a git-backed provider opened for line hashes.
            if (ctx.sources() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    ctx.warnings().add("SARIF: could not close the source reader: " + e.getMessage());
                }
            }
        }
    }

    private Rendered produceOpen(ScanResult result) {
        List<Finding> present = new ArrayList<>();
        int fixed = 0;
        int withoutFile = 0;
        int historyOnly = 0;
        for (Finding f : result.findings()) {
            if (f.status() == Status.FIXED) {
                // Fixed findings are absent: leaving them out is what closes the alert on GitHub.
                fixed++;
            } else if (Boolean.FALSE.equals(FindingProperty.PRESENT_AT_HEAD.get(f))) {
                // Code scanning shows the head: a value removed since, or only on another branch, has no line there.
                historyOnly++;
            } else if (f.location() == null || f.location().path() == null || f.location().path().isEmpty()) {
                withoutFile++;
            } else {
                present.add(f);
            }
        }
        if (withoutFile > 0) {
            ctx.warnings().add("SARIF: " + withoutFile + " cloud finding(s) without a file are not in the SARIF "
                    + "output (code scanning needs a file); see the Markdown or HTML report");
        }
        if (historyOnly > 0) {
            ctx.warnings().add("SARIF: " + historyOnly + " finding(s) only in history (removed since, or on other "
                    + "branches) are not in the SARIF output: code scanning describes the head; see the JSON, "
                    + "Markdown or HTML report");
        }
        present.sort(ReportText.SEVERITY_FIRST);

        Map<String, RuleInfo> rules = rulesFor(result, present);
        List<String> ruleIds = new ArrayList<>(rules.keySet());
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (int i = 0; i < ruleIds.size(); i++) {
            ruleIndex.put(ruleIds.get(i), i);
        }

        Map<String, List<String>> hashCache = new HashMap<>();
        int[] unhashed = {0};
        List<ObjectNode> results = new ArrayList<>();
        int keep = Math.min(present.size(), maxResults);
        // A tree scan reads the working tree, whatever commit its findings name; history findings read their blob.
        boolean tree = result.target() == null || "tree".equals(result.target().mode());
        for (int i = 0; i < keep; i++) {
            results.add(result(present.get(i), ruleIndex.get(present.get(i).ruleId()), hashCache, unhashed, tree));
        }
        if (unhashed[0] > 0) {
            ctx.warnings().add("SARIF: " + unhashed[0] + " result(s) have no primaryLocationLineHash because their "
                    + "file could not be read; GitHub computes it on upload when the file is checked out");
        }

        ObjectNode log = log(result, rules, results, present.size(), fixed, withoutFile, historyOnly);
        String text = serialise(log);
        long size = gzipSize(text);
        // Shrink until the gzipped log fits: least severe results go first.
        while (size > maxGzipBytes && !results.isEmpty()) {
            int target = (int) Math.max(0, Math.min(results.size() - 1,
                    (long) (results.size() * ((double) maxGzipBytes / size) * 0.95)));
            results = new ArrayList<>(results.subList(0, target));
            log = log(result, rules, results, present.size(), fixed, withoutFile, historyOnly);
            text = serialise(log);
            size = gzipSize(text);
        }
        int dropped = present.size() - results.size();
        if (dropped > 0) {
            ctx.warnings().add("SARIF: " + dropped + " of " + present.size() + " result(s) left out to stay within "
                    + "GitHub's limits (" + maxResults + " results, " + maxGzipBytes + " bytes gzipped); the least "
                    + "severe were dropped first");
        }
        return new Rendered(log, text);
    }

    private ObjectNode log(ScanResult result, Map<String, RuleInfo> rules, List<ObjectNode> results, int total,
                           int fixed, int withoutFile, int historyOnly) {
        ObjectNode log = JSON.objectNode();
        log.put("$schema", SCHEMA_URI);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "holdfast");
        driver.put("version", ctx.version());
        if (ctx.version().matches("\\d+\\.\\d+\\.\\d+.*")) {
            driver.put("semanticVersion", ctx.version());
        }
        driver.put("informationUri", ctx.informationUri());
        ArrayNode ruleArray = driver.putArray("rules");
        rules.values().forEach(r -> ruleArray.add(rule(r)));

        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", !result.partial());
        if (!result.warnings().isEmpty()) {
            ArrayNode notes = invocation.putArray("toolExecutionNotifications");
            for (ScanWarning w : result.warnings()) {
                ObjectNode n = notes.addObject();
                n.put("level", "warning");
                String text = (w.path() == null ? "" : w.path() + ": ") + ReportText.oneLine(w.reason());
                n.putObject("message").put("text", text);
            }
        }
        ArrayNode resultArray = run.putArray("results");
        results.forEach(resultArray::add);

        ObjectNode props = run.putObject("properties");
        if (result.target() != null) {
            props.put("holdfast/mode", String.valueOf(result.target().mode()));
            if (result.target().commit() != null) {
                props.put("holdfast/commit", result.target().commit());
            }
        }
        props.put("holdfast/partial", result.partial());
        props.put("holdfast/results", results.size());
        props.put("holdfast/resultsOmittedForLimits", total - results.size());
        props.put("holdfast/fixedFindings", fixed);
        props.put("holdfast/findingsWithoutFile", withoutFile);
        props.put("holdfast/historyOnlyFindings", historyOnly);
        return log;
    }

    private Map<String, RuleInfo> rulesFor(ScanResult result, List<Finding> present) {
        Map<String, RuleInfo> rules = new TreeMap<>(result.rules());
        for (Finding f : present) {
            // A finding whose rule has no metadata still needs a rule entry: GitHub rejects dangling ruleIds.
            rules.computeIfAbsent(f.ruleId(), id -> new RuleInfo(id, id, ReportText.oneLine(f.message()),
                    f.category(), f.severity(), f.remediation(), List.of()));
        }
        return rules;
    }

    private ObjectNode rule(RuleInfo r) {
        ObjectNode n = JSON.objectNode();
        n.put("id", r.id());
        n.put("name", pascal(r.id()));
        String title = nonBlank(r.title(), r.id());
        String description = nonBlank(r.description(), title);
        n.putObject("shortDescription").put("text", ReportText.oneLine(title));
        n.putObject("fullDescription").put("text", ReportText.oneLine(description));
        String remediation = nonBlank(r.remediation(), "Remove the value from the code and history, rotate it, "
                + "and load it at run time from a secret store or short-lived credentials.");
        ObjectNode help = n.putObject("help");
        help.put("text", description + "\n\nHow to fix: " + remediation);
        help.put("markdown", "**" + mdEscape(title) + "**\n\n" + mdEscape(description) + "\n\n**How to fix:** "
                + mdEscape(remediation));
        n.putObject("defaultConfiguration").put("level", taxonomy.level(r.severity()));
        ObjectNode props = n.putObject("properties");
        Set<String> tags = new LinkedHashSet<>();
        tags.add("security");
        Category category = r.category() == null ? Category.SECRET : r.category();
        tags.add(category.id());
        List<String> cwes = new ArrayList<>(taxonomy.cwes(category));
        if (r.tags() != null) {
            for (String t : r.tags()) {
                if (t.toUpperCase(Locale.ROOT).startsWith("CWE-")) {
                    cwes.add(t.toUpperCase(Locale.ROOT));
                } else {
                    tags.add(t);
                }
            }
        }
        for (String cwe : cwes) {
            tags.add(cwe);
            tags.add("external/cwe/" + cwe.toLowerCase(Locale.ROOT));
        }
        ArrayNode tagArray = props.putArray("tags");
        tags.forEach(tagArray::add);
        props.put("security-severity", taxonomy.securitySeverity(r.severity()));
        props.put("precision", "high");
        props.put("problem.severity", problemSeverity(taxonomy.level(r.severity())));
        return n;
    }

    private ObjectNode result(Finding f, int ruleIndex, Map<String, List<String>> hashCache, int[] unhashed,
                              boolean tree) {
        ObjectNode n = JSON.objectNode();
        n.put("ruleId", f.ruleId());
        n.put("ruleIndex", ruleIndex);
        n.put("level", taxonomy.level(f.severity()));
        n.putObject("message").put("text", message(f));

        Location l = f.location();
        ObjectNode loc = n.putArray("locations").addObject();
        ObjectNode physical = loc.putObject("physicalLocation");
        ObjectNode artifact = physical.putObject("artifactLocation");
        artifact.put("uri", uri(l.path()));
        artifact.put("uriBaseId", "%SRCROOT%");
        int line = Math.max(1, l.line());
        ObjectNode region = physical.putObject("region");
        region.put("startLine", line);
        if (l.column() > 0) {
            region.put("startColumn", l.column());
        }
        if (l.resource() != null) {
            ObjectNode logical = loc.putArray("logicalLocations").addObject();
            logical.put("fullyQualifiedName", l.resource());
            logical.put("kind", "resource");
        }

        ObjectNode fp = n.putObject("partialFingerprints");
        String lineHash = lineHash(l.path(), tree ? null : l.commit(), line, hashCache);
        if (lineHash != null) {
            fp.put("primaryLocationLineHash", lineHash);
        } else {
            unhashed[0]++;
        }
        fp.put(FINGERPRINT_ID, f.fingerprint());
        n.put("baselineState", baselineState(f.status()));

        ObjectNode props = n.putObject("properties");
        props.put("status", f.status().id());
        props.put("category", f.category().id());
        props.put("severity", f.severity().id());
        if (f.redacted() != null && !f.redacted().isEmpty()) {
            props.put("evidence", f.redacted());
        }
        props.put("identityKind", ReportText.kind(f).id());
        Attribution a = f.introducedBy();
        if (a != null) {
            ObjectNode by = props.putObject("introducedBy");
            putIfNotNull(by, "commit", a.commit());
            putIfNotNull(by, "name", a.name());
            by.put("kind", ReportText.kind(f).id());
            if (a.date() != null) {
                by.put("date", a.date().toString());
            }
            if (a.onBehalfOf() != null) {
                putIfNotNull(by, "onBehalfOf", a.onBehalfOf().name());
            }
            putIfNotNull(props, "introducingCommit", a.commit());
        }
        FixRef x = f.fixedBy();
        if (x != null) {
            ObjectNode fixed = props.putObject("fixedBy");
            putIfNotNull(fixed, "commit", x.commit());
            putIfNotNull(fixed, "name", x.name());
            if (x.date() != null) {
                fixed.put("date", x.date().toString());
            }
        }
        if (l.commit() != null) {
            props.put("commit", l.commit());
        }
        if (l.line() <= 0) {
            props.put("lineUnknown", true);
        }
        return n;
    }

    private String message(Finding f) {
        StringBuilder sb = new StringBuilder();
        if (f.status() == Status.REGRESSED) {
            sb.append("Regression: ");
        }
        sb.append(ReportText.oneLine(f.message()).replaceAll("[.\\s]+$", ""));
        if (f.redacted() != null && !f.redacted().isEmpty() && !sb.toString().contains(f.redacted())) {
            sb.append(" (").append(f.redacted()).append(')');
        }
        if (f.status() == Status.REGRESSED && f.fixedBy() != null) {
            sb.append(". It was fixed in ").append(ReportText.fix(f)).append(" and came back");
        }
        String who = ReportText.who(f);
        if (f.introducedBy() != null) {
            sb.append(". Introduced by ").append(who);
            String when = ReportText.when(f);
            if (!when.isEmpty()) {
                sb.append(" in ").append(when);
            }
        }
        return sb.append('.').toString();
    }

    private String lineHash(String path, String commit, int line, Map<String, List<String>> cache) {
        String key = path + "\u0000" + (commit == null ? "" : commit);
        List<String> hashes = cache.computeIfAbsent(key, k -> {
            String text = ctx.sources().read(path, commit);
            return text == null ? List.of() : LineHash.hashes(text);
        });
        return line <= hashes.size() ? hashes.get(line - 1) : null;
    }

    static String baselineState(Status s) {
        return switch (s) {
            case NEW, REGRESSED -> "new";
            case EXISTING -> "unchanged";
            case FIXED -> "absent";
        };
    }

    /** A relative URI reference: each path segment percent-encoded as UTF-8, '/' kept. */
    static String uri(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "/-._~!$&'()*+,;=@".indexOf(c) >= 0)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    private static String pascal(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.length() == 0 ? "Rule" : sb.toString();
    }

    private static String problemSeverity(String level) {
        return switch (level) {
            case "error" -> "error";
            case "warning" -> "warning";
            default -> "recommendation";
        };
    }

    private static String mdEscape(String s) {
        return ReportText.oneLine(s).replaceAll("([\\\\`*_\\[\\]<>|#])", "\\\\$1");
    }

    private static String nonBlank(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    private static void putIfNotNull(ObjectNode n, String key, String value) {
        if (value != null) {
            n.put(key, value);
        }
    }

    private static String serialise(ObjectNode log) {
        try {
            return MAPPER.writeValueAsString(log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write SARIF", e);
        }
    }

    /** The gzipped size in bytes, as GitHub measures an upload; only counted, never kept. */
    private static long gzipSize(String text) {
        long[] count = {0};
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        try (GZIPOutputStream gz = new GZIPOutputStream(counter, 64 * 1024)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot measure SARIF size", e);
        }
        return count[0];
    }
}
