package dev.holdfast.scanner.scan;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decides how a file's bytes are read as text, from the content rather than from its first bytes alone.
 *
 * <p>The guarantee: whatever git reads as text (no NUL byte in the first 8000 bytes) is scanned as its bytes say,
 * whatever it starts with, so no byte prefix hides a line {@code git grep} would show. On top of that reading, text in
 * another encoding is decoded when the content shows it: a UTF-16 or UTF-32 byte-order mark, or UTF-16 without one
 * (its NUL bytes fall on one byte of each pair). When both readings are possible (two bytes that look like a UTF-16
 * mark before plain ASCII), both are scanned. A byte-order mark itself is never part of the text a rule sees, so a rule
 * anchored at the start of a line matches the first line too.
 */
public final class ContentSniffer {
    /** git's window for its binary test (a NUL byte in the first 8000 bytes). */
    private static final int SNIFF = 8000;
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    /** Decoded text with more than this share of control or replacement characters is not text in that encoding. */
    private static final double MAX_GARBLED = 0.05;

    private ContentSniffer() {
    }

    /**
     * What a detector should see of a file: its text readings, or its raw bytes when it is binary and the detector
     * reads that binary format (keystores, DER certificates); empty to skip it.
     */
    public static List<byte[]> forDetector(dev.holdfast.rules.detect.Detector detector, String path, byte[] content) {
        List<byte[]> texts = readings(content);
        return !texts.isEmpty() || !detector.readsBinary(path) ? texts : List.of(content);
    }

    /**
     * Every detection of every reading of a file (unmerged); a detector's failure on a reading becomes a one-line
     * warning for {@code path} and what it found is kept. Binary content the detector does not read gives nothing.
     */
    public static List<dev.holdfast.rules.detect.Detection> detectAll(dev.holdfast.rules.detect.Detector detector, String path,
                                                                 byte[] content, java.util.function.Consumer<ScanWarning> warnings) {
        List<dev.holdfast.rules.detect.Detection> all = new java.util.ArrayList<>();
        for (byte[] text : forDetector(detector, path, content)) {
            try {
                all.addAll(detector.detect(new dev.holdfast.rules.detect.Document(path, text)));
            } catch (dev.holdfast.rules.detect.DetectorException e) {
                warnings.accept(new ScanWarning(path, Sanitize.oneLine(e.getMessage())));
                all.addAll(e.found());
            }
        }
        return all;
    }

    /** The first text reading (as git reads it when it is text), or null when the content is binary. */
    public static byte[] textOrNull(byte[] content) {
        List<byte[]> texts = readings(content);
        return texts.isEmpty() ? null : texts.get(0);
    }

    /**
     * The UTF-8 texts to scan, the reading git would show first; empty when the content is binary. Most files have one
     * reading, returned without a copy.
     */
    public static List<byte[]> readings(byte[] content) {
        int n = content.length;
        if (n >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb && (content[2] & 0xff) == 0xbf) {
            return readings(java.util.Arrays.copyOfRange(content, 3, n));
        }
        if (startsWith(content, 0xff, 0xfe, 0, 0) || startsWith(content, 0, 0, 0xfe, 0xff)) {
            byte[] utf32 = decode(content, 4, content[0] == 0 ? UTF_32BE : UTF_32LE, true);
            if (utf32 != null) {
                return List.of(utf32);
            }
        }
        boolean gitText = noNul(content, 0);
        if (n >= 2 && (startsWith(content, 0xff, 0xfe) || startsWith(content, 0xfe, 0xff))) {
            boolean little = (content[0] & 0xff) == 0xff;
            byte[] utf16 = decode(content, 2, little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE, false);
            if (!gitText) {
                return utf16 == null ? List.of() : List.of(utf16);
            }
            // In doubt (no NUL: plain text after two mark-like bytes, or UTF-16 of non-Latin text): scan both.
            byte[] raw = java.util.Arrays.copyOfRange(content, 2, n);
            return utf16 == null || !plausible(utf16) ? List.of(raw) : List.of(raw, utf16);
        }
        if (gitText) {
            return List.of(content);
        }
        Boolean little = utf16WithoutMark(content);
        if (little != null) {
            byte[] utf16 = decode(content, 0, little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE, false);
            if (utf16 != null && plausible(utf16)) {
                return List.of(utf16);
            }
        }
        return List.of();
    }

    /**
     * As {@link #readings(byte[])}, for a version that starts with {@code sharedPrefix} bytes of an earlier version of
     * the same file whose only reading was its own bytes (plain text): those bytes need no second look for a byte-order
     * mark or a NUL byte. Every test {@link #readings(byte[])} makes looks at the first four bytes or for a NUL in the
     * first 8000, so four shared bytes decide the first and the rest of the window the second.
     */
    public static List<byte[]> readings(byte[] content, int sharedPrefix) {
        if (sharedPrefix >= 4 && noNul(content, Math.min(sharedPrefix, SNIFF))) {
            return List.of(content);
        }
        return readings(content);
    }

    /** How many bytes of git's binary-test window two versions share from their start (for the method above). */
    public static int sharedWindow(byte[] earlier, byte[] later) {
        int n = Math.min(SNIFF, Math.min(earlier.length, later.length));
        int m = java.util.Arrays.mismatch(earlier, 0, n, later, 0, n);
        return m < 0 ? n : m;
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** No NUL byte from {@code from} to the end of git's window (the first 8000 bytes). */
    private static boolean noNul(byte[] content, int from) {
        int end = Math.min(content.length, SNIFF);
        for (int i = from; i < end; i++) {
            if (content[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * UTF-16 without a mark: in text of the Latin range every other byte is NUL. True for little-endian (NULs at odd
     * offsets), false for big-endian, null when the NUL bytes do not line up that way (a binary file).
     */
    private static Boolean utf16WithoutMark(byte[] content) {
        int end = Math.min(content.length, SNIFF) & ~1;
        if (end < 4) {
            return null;
        }
        int even = 0;
        int odd = 0;
        for (int i = 0; i < end; i += 2) {
            if (content[i] == 0) {
                even++;
            }
            if (content[i + 1] == 0) {
                odd++;
            }
        }
        int pairs = end / 2;
        if (odd >= pairs * 0.3 && even <= odd * 0.02) {
            return true;
        }
        if (even >= pairs * 0.3 && odd <= even * 0.02) {
            return false;
        }
        return null;
    }

    /**
     * The text re-encoded as UTF-8, malformed sequences replaced; null when {@code strict} and the bytes are not
     * well-formed in that encoding (a UTF-32 mark on what is really UTF-16).
     */
    private static byte[] decode(byte[] content, int from, Charset charset, boolean strict) {
        CodingErrorAction onError = strict ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
        try {
            CharBuffer chars = charset.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError)
                    .decode(ByteBuffer.wrap(content, from, content.length - from));
            return chars.toString().getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Decoded text that is mostly printable: few control characters (other than whitespace) and replacements. */
    static boolean plausible(byte[] utf8) {
        String s = new String(utf8, StandardCharsets.UTF_8);
        int bad = 0;
        int total = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            total++;
            boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
            int type = Character.getType(c);
            if (control || c == 0x7f || c == 0xfffd || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE) {
                bad++;
            }
        }
        return total > 0 && bad <= total * MAX_GARBLED;
    }
}
