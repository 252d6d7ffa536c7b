package dev.holdfast.scanner.baseline;

import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Severity;

import java.util.List;
import java.util.Optional;

/**
 * Everything history says about one fingerprint, oldest event first.
 *
 * @param pathsAtHead the files holding it at HEAD (empty when it is gone)
 */
public record FindingHistory(String fingerprint, String ruleId, Category category, Severity severity,
                             String redacted, List<TimelineEvent> events, List<String> pathsAtHead) {

    public FindingHistory {
        events = List.copyOf(events);
        pathsAtHead = List.copyOf(pathsAtHead);
    }

    public boolean presentAtHead() {
        return !pathsAtHead.isEmpty();
    }

    /** The latest removal, if any. */
    public Optional<TimelineEvent> lastRemoval() {
        return last(TimelineEvent.Kind.REMOVED, events.size());
    }

    /** The latest introduction before event index {@code before} (exclusive). */
    Optional<TimelineEvent> last(TimelineEvent.Kind kind, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (events.get(i).kind() == kind) {
                return Optional.of(events.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * When the finding was removed once and is back: the fix that was undone and the commit that undid it. Empty
     * when it was never removed, or when its latest event is a removal.
     */
    public Optional<Regression> regression() {
        if (events.isEmpty() || events.get(events.size() - 1).kind() != TimelineEvent.Kind.INTRODUCED) {
            return Optional.empty();
        }
        TimelineEvent back = events.get(events.size() - 1);
        return last(TimelineEvent.Kind.REMOVED, events.size() - 1).map(fix -> new Regression(fix, back));
    }

    /** The ledger's view: the fix is the latest removal; the introduction is the one before it. */
    public Optional<TimelineEvent> introductionBefore(TimelineEvent removal) {
        return last(TimelineEvent.Kind.INTRODUCED, events.indexOf(removal));
    }

    /** A fix and the later commit that brought the finding back. */
    public record Regression(TimelineEvent fix, TimelineEvent reintroduced) {
    }
}
