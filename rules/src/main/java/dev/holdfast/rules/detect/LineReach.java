package dev.holdfast.rules.detect;

import java.util.List;
import java.util.TreeSet;

/**
 * How far a detector reads beyond a line, for a source that shows it only the lines a version changed (a history
 * scan's line memory): the lines around a changed line that must stay visible, and the lines that open or close a
 * block the detector reads whole (a PEM or PuTTY key), near which the version must be shown whole. The detector that
 * reads that far says so; the source never restates it.
 *
 * @param context      lines on either side of a changed line that a rule may read with it (a key id paired with its
 *                     secret a few lines away)
 * @param blockMarkers how the lines that open or close a block start (after indentation and quotes)
 * @param bodyRun      the length of an encoded run from which a line reads as a block's body
 */
public record LineReach(int context, List<String> blockMarkers, int bodyRun) {
    /** A detector that reads each line alone, or reads whole documents only. */
    public static final LineReach NONE = new LineReach(0, List.of(), Integer.MAX_VALUE);

    public LineReach {
        blockMarkers = List.copyOf(new TreeSet<>(blockMarkers));
    }

    /** What two detectors run together need: the wider of each. */
    public LineReach with(LineReach other) {
        List<String> markers = new java.util.ArrayList<>(blockMarkers);
        markers.addAll(other.blockMarkers);
        return new LineReach(Math.max(context, other.context), markers, Math.min(bodyRun, other.bodyRun));
    }
}
