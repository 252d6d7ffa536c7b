package dev.holdfast.rules.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A finding property that one module writes and another reads: its one key and its one reading. Properties a single
 * detector both writes and reports (a certificate's {@code notAfter}) stay plain keys in that detector; a property
 * that crosses a module boundary is declared here, so writer and reader cannot disagree on its spelling or format.
 * Values stay strings in {@link Finding#properties()} (the JSON report shows them as they are).
 *
 * @param <T> what the value means: {@link Boolean} for "true"/"false", {@link String}, or a list of 1-based lines
 */
public final class FindingProperty<T> {
    /** Comma-separated 1-based lines that together make the finding (an IAM grant's action and resource lines). */
    public static final FindingProperty<List<Integer>> LINES =
            new FindingProperty<>("lines", FindingProperty::parseLines, FindingProperty::joinLines);
    /**
     * The file's first path, followed through renames: a detection that sets it has a fingerprint that follows the
     * file (non-secret findings); the remediator looks for the fix there too.
     */
    public static final FindingProperty<String> LINEAGE = text("lineage");
    /** Whether a history (or range) finding's value is still in the tip's tree. */
    public static final FindingProperty<Boolean> PRESENT_AT_HEAD = flag("presentAtHead");
    /** For a finding placed at the tip: "commit:path" where its value was first seen in the scanned commits. */
    public static final FindingProperty<String> FIRST_SEEN_IN = text("firstSeenIn");
    /** State to track rather than a risk to report ({@code grant}, {@code escalation}): shown only when it changed. */
    public static final FindingProperty<String> TRACKED = text("tracked");
    /** The value of {@link #TRACKED} for an effective grant (IAM or agent). */
    public static final String TRACKED_GRANT = "grant";
    /** The baseline accepts the finding as a risk. */
    public static final FindingProperty<Boolean> ACCEPTED = flag("accepted");
    /** The acceptance ran out: the finding fails the run like a new one. */
    public static final FindingProperty<Boolean> ACCEPTANCE_EXPIRED = flag("acceptanceExpired");
    public static final FindingProperty<String> ACCEPTED_BY = text("acceptedBy");
    public static final FindingProperty<String> ACCEPTANCE_REASON = text("acceptanceReason");
    public static final FindingProperty<String> ACCEPTED_UNTIL = text("acceptedUntil");
    /** A finding regressed by place: the key path or assignment target where the ledger's fix had put a reference. */
    public static final FindingProperty<String> FIXED_PLACE = text("fixedPlace");
    /** With {@link #FIXED_PLACE}: the ledger entry (fingerprint of the value the fix removed) whose fix was undone. */
    public static final FindingProperty<String> FIXED_FINDING = text("fixedFinding");
    /** With {@link #FIXED_PLACE}: the reference the fix had put there, when the ledger knows it. */
    public static final FindingProperty<String> FIXED_REFERENCE = text("fixedReference");
    /** A regression found in history: the commit that first introduced the value, before the fix. */
    public static final FindingProperty<String> FIRST_INTRODUCED_IN = text("firstIntroducedIn");
    /** The paths the ledger's fix changed, comma-separated (set from the baseline, read by the remediator). */
    public static final FindingProperty<String> FIX_PATHS = text("fixPaths");
    /** Set on every finding about a coding agent's configuration: the agent tool the configuration belongs to. */
    public static final FindingProperty<String> AGENT_TOOL = text("agentTool");
    /** The agent (a server, a tool) a configuration finding is about. */
    public static final FindingProperty<String> AGENT = text("agent");
    /** Who widened an agent's configuration, e.g. {@code Claude (on behalf of Carol Diaz)}. */
    public static final FindingProperty<String> WIDENED_BY_AGENT = text("widenedByAgent");
    /** The IaC resource (type.name) a finding is about. */
    public static final FindingProperty<String> RESOURCE = text("resource");
    /** The detection came from reading the syntax tree (preferred over a pattern's reading of the same value). */
    public static final FindingProperty<Boolean> AST = flag("ast");

    private final String key;
    private final Function<String, T> read;
    private final Function<T, String> write;

    private FindingProperty(String key, Function<String, T> read, Function<T, String> write) {
        this.key = key;
        this.read = read;
        this.write = write;
    }

    private static FindingProperty<String> text(String key) {
        return new FindingProperty<>(key, Function.identity(), Function.identity());
    }

    private static FindingProperty<Boolean> flag(String key) {
        return new FindingProperty<>(key, v -> "true".equals(v) ? Boolean.TRUE : "false".equals(v) ? Boolean.FALSE
                : null, String::valueOf);
    }

    public String key() {
        return key;
    }

    /** The value in these properties (a detection's or a finding's), or null when absent or unreadable. */
    public T get(Map<String, String> properties) {
        String v = properties.get(key);
        return v == null ? null : read.apply(v);
    }

    public T get(Finding f) {
        return get(f.properties());
    }

    public boolean isSet(Finding f) {
        return f.properties().containsKey(key);
    }

    /** Writes the value into properties being built. */
    public void put(Map<String, String> properties, T value) {
        properties.put(key, write.apply(value));
    }

    /** The finding with this property set. */
    public Finding on(Finding f, T value) {
        return f.withProperty(key, write.apply(value));
    }

    /** Whether a flag is set to true (absent reads as false). */
    public static boolean isTrue(FindingProperty<Boolean> flag, Finding f) {
        return Boolean.TRUE.equals(flag.get(f));
    }

    /** Sorted, distinct, comma-separated. */
    public static String joinLines(Collection<Integer> lines) {
        return new TreeSet<>(lines).stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Integer> parseLines(String v) {
        List<Integer> out = new ArrayList<>();
        for (String l : v.split(",")) {
            try {
                out.add(Integer.parseInt(l.strip()));
            } catch (NumberFormatException e) {
                // a hand-edited or foreign value: the readable lines still count
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return key;
    }
}
