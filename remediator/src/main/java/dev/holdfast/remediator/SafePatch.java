package dev.holdfast.remediator;

import dev.holdfast.scanner.baseline.PatchRedactor;
import dev.holdfast.rules.detect.Detection;
import dev.holdfast.rules.detect.DetectorException;
import dev.holdfast.rules.detect.Document;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.internal.storage.pack.DeltaEncoder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.util.Base85;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.Deflater;

/**
 * A patch that {@code git apply} accepts and that holds no removed text, so printing it never prints the secret a
 * fix removes. A unified diff cannot do that (its '-' lines must repeat the secret for git to check them); a git
 * binary patch with only the forward delta can: the delta copies unchanged ranges of the old file by offset and
 * inserts only the new lines, and git checks the old file by its full blob id instead of by its text. A readable
 * preview of the change comes first as '#' lines (which git apply skips), with the caller's scrubber masking
 * secrets in every line shown.
 */
public final class SafePatch {
    private SafePatch() {
    }

    /**
     * The patch, its preview masking every value the detectors see in the line shown or anywhere in the file before or
     * after the change: a value a rule reads across lines (a "- name: DB_PASSWORD" / "value: ..." pair) is not seen
     * in a line alone.
     */
    public static String render(List<FileEdit> edits, Verifier detectors) {
        Map<String, List<Detection>> inFile = new HashMap<>();
        for (FileEdit e : edits) {
            List<Detection> found = new ArrayList<>();
            for (byte[] content : List.of(e.before(), e.after())) {
                found.addAll(detect(detectors, e.path(), content));
            }
            found.removeIf(d -> d.subject() == null || d.subject().length() < 4);
            inFile.put(e.path(), found);
        }
        return render(edits, (path, line) -> {
            List<Detection> known = new ArrayList<>(detect(detectors, path, line.getBytes(StandardCharsets.UTF_8)));
            known.addAll(inFile.getOrDefault(path, List.of()));
            return PatchRedactor.replaceKnown(line, known);
        });
    }

    private static List<Detection> detect(Verifier detectors, String path, byte[] content) {
        try {
            return detectors.scan(new Document(path, content));
        } catch (DetectorException e) {
            return e.found();
        }
    }

    /** @param scrub (path, line) → the line with every secret in it masked */
    public static String render(List<FileEdit> edits, BiFunction<String, String, String> scrub) {
        StringBuilder out = new StringBuilder();
        for (FileEdit e : edits) {
            RawText a = new RawText(e.before());
            RawText b = new RawText(e.after());
            EditList changes = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                    .diff(RawTextComparator.DEFAULT, a, b);
            if (changes.isEmpty()) {
                continue;
            }
            preview(out, e.path(), a, b, changes, line -> scrub.apply(e.path(), line));
            binary(out, e, a, b, changes);
        }
        return out.toString();
    }

    /** The unified diff as '#' lines, every line scrubbed. */
    private static void preview(StringBuilder out, String path, RawText a, RawText b, EditList changes,
                                java.util.function.UnaryOperator<String> scrub) {
        out.append("# --- a/").append(path).append('\n').append("# +++ b/").append(path).append('\n');
        for (Edit e : changes) {
            int from = Math.max(0, e.getBeginA() - 3);
            int to = Math.min(a.size(), e.getEndA() + 3);
            out.append("# @@ -").append(e.getBeginA() + 1).append(" +").append(e.getBeginB() + 1).append(" @@\n");
            for (int i = from; i < e.getBeginA(); i++) {
                out.append("#  ").append(maskTokens(scrub.apply(a.getString(i)))).append('\n');
            }
            for (int i = e.getBeginA(); i < e.getEndA(); i++) {
                out.append("# -").append(maskTokens(scrub.apply(a.getString(i)))).append('\n');
            }
            for (int i = e.getBeginB(); i < e.getEndB(); i++) {
                out.append("# +").append(scrub.apply(b.getString(i))).append('\n');
            }
            for (int i = e.getEndA(); i < to; i++) {
                out.append("#  ").append(maskTokens(scrub.apply(a.getString(i)))).append('\n');
            }
        }
    }

    /**
     * Lines of the old file are shown with every value-looking token redacted too (the ledger's rule for patches,
     * {@link PatchRedactor#maskValues}): a secret the detectors missed (or that another rule owns) must not reach the
     * terminal through the preview either, while keys and words such as {@code payments.retries=3} stay readable.
     */
    static String maskTokens(String line) {
        return PatchRedactor.maskValues(line);
    }

    private static void binary(StringBuilder out, FileEdit e, RawText a, RawText b, EditList changes) {
        byte[] delta = delta(e.before(), e.after(), a, b, changes);
        ObjectInserter.Formatter ids = new ObjectInserter.Formatter();
        String oldId = ids.idFor(Constants.OBJ_BLOB, e.before()).name();
        String newId = ids.idFor(Constants.OBJ_BLOB, e.after()).name();
        out.append("diff --git a/").append(e.path()).append(" b/").append(e.path()).append('\n');
        out.append("index ").append(oldId).append("..").append(newId).append('\n');
        out.append("GIT binary patch\n");
        out.append("delta ").append(delta.length).append('\n');
        byte[] z = deflate(delta);
        for (int off = 0; off < z.length; off += 52) {
            int n = Math.min(52, z.length - off);
            out.append(n <= 26 ? (char) ('A' + n - 1) : (char) ('a' + n - 27));
            byte[] chunk = new byte[(n + 3) / 4 * 4];
            System.arraycopy(z, off, chunk, 0, n);
            out.append(new String(Base85.encode(chunk), StandardCharsets.US_ASCII)).append('\n');
        }
        out.append('\n');
    }

    /** Copy the unchanged line ranges of the old file, insert only the lines the edit adds. */
    private static byte[] delta(byte[] before, byte[] after, RawText a, RawText b, EditList changes) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            DeltaEncoder enc = new DeltaEncoder(buf, before.length, after.length);
            int[] aLines = lineStarts(before);
            int[] bLines = lineStarts(after);
            int aPos = 0;
            for (Edit e : changes) {
                int start = offset(aLines, before, e.getBeginA());
                copy(enc, aPos, start - aPos);
                int bStart = offset(bLines, after, e.getBeginB());
                int bEnd = offset(bLines, after, e.getEndB());
                if (bEnd > bStart) {
                    enc.insert(after, bStart, bEnd - bStart);
                }
                aPos = offset(aLines, before, e.getEndA());
            }
            copy(enc, aPos, before.length - aPos);
        } catch (IOException impossible) {
            throw new IllegalStateException("in-memory delta failed", impossible);
        }
        return buf.toByteArray();
    }

    /** DeltaEncoder copies at most 64 KiB per instruction in some versions: split long ranges. */
    private static void copy(DeltaEncoder enc, int from, int length) throws IOException {
        int pos = from;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, 0xffff);
            enc.copy(pos, n);
            pos += n;
            left -= n;
        }
    }

    /** Byte offset of a 0-based line (or the end of the content past the last line). */
    private static int offset(int[] starts, byte[] content, int line) {
        return line >= starts.length ? content.length : starts[line];
    }

    /** Where each line starts, as RawText counts lines (a final line without '\n' still counts). */
    private static int[] lineStarts(byte[] content) {
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        int pos = 0;
        while (pos < content.length) {
            starts.add(pos);
            while (pos < content.length && content[pos] != '\n') {
                pos++;
            }
            pos++;
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }
}
