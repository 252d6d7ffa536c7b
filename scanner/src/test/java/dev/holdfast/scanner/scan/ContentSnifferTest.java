package dev.holdfast.scanner.scan;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** How bytes become text: by what the content is, never by its first two bytes alone. */
class ContentSnifferTest {
    private static final String TEXT = "name=app\npassword=s3cr3t-value\n";

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private static List<String> texts(byte[] content) {
        return ContentSniffer.readings(content).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void plainTextIsOneReadingWithoutACopy() {
        byte[] content = TEXT.getBytes(StandardCharsets.UTF_8);
        assertThat(ContentSniffer.readings(content)).hasSize(1);
        assertThat(ContentSniffer.readings(content).get(0)).isSameAs(content);
    }

    @Test
    void asciiAfterUtf16MarkBytesIsReadAsTheBytesSayAndAsUtf16() {
        for (int[] mark : new int[][] {{0xff, 0xfe}, {0xfe, 0xff}}) {
            List<String> texts = texts(concat(bytes(mark), TEXT.getBytes(StandardCharsets.US_ASCII)));
            // The first reading is what git grep shows, the mark left out so line 1 starts where its text does.
            assertThat(texts.get(0)).isEqualTo(TEXT);
            assertThat(texts).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void realUtf16WithAMarkIsDecoded() {
        assertThat(texts(concat(bytes(0xff, 0xfe), TEXT.getBytes(StandardCharsets.UTF_16LE)))).containsExactly(TEXT);
        assertThat(texts(concat(bytes(0xfe, 0xff), TEXT.getBytes(StandardCharsets.UTF_16BE)))).containsExactly(TEXT);
    }

    @Test
    void utf16OfNonLatinTextWithoutNulBytesIsScannedInBothReadings() {
        String cjk = "\u5bc6\u7801\u4fdd\u5b58\u5728\u8fd9\u91cc";
        List<String> texts = texts(concat(bytes(0xff, 0xfe), cjk.getBytes(StandardCharsets.UTF_16LE)));
        assertThat(texts).hasSize(2).contains(cjk);
    }

    @Test
    void utf16WithoutAMarkIsDecodedWhenItsNulBytesLineUp() {
        assertThat(texts(TEXT.getBytes(StandardCharsets.UTF_16LE))).containsExactly(TEXT);
        assertThat(texts(TEXT.getBytes(StandardCharsets.UTF_16BE))).containsExactly(TEXT);
    }

    @Test
    void utf32WithAMarkIsDecoded() {
        Charset le = Charset.forName("UTF-32LE");
        Charset be = Charset.forName("UTF-32BE");
        assertThat(texts(concat(bytes(0xff, 0xfe, 0, 0), TEXT.getBytes(le)))).containsExactly(TEXT);
        assertThat(texts(concat(bytes(0, 0, 0xfe, 0xff), TEXT.getBytes(be)))).containsExactly(TEXT);
    }

    @Test
    void utf8MarkIsLeftOutOfTheText() {
        assertThat(texts(concat(bytes(0xef, 0xbb, 0xbf), TEXT.getBytes(StandardCharsets.UTF_8))))
                .containsExactly(TEXT);
    }

    @Test
    void binariesStayBinary() {
        byte[] png = bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R');
        byte[] elf = bytes(0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(ContentSniffer.readings(concat(png, TEXT.getBytes(StandardCharsets.UTF_8)))).isEmpty();
        assertThat(ContentSniffer.readings(concat(elf, TEXT.getBytes(StandardCharsets.UTF_8)))).isEmpty();
        // Random bytes, and a table of small 16-bit numbers (NUL on every high byte, but not text).
        Random rnd = new Random(7);
        byte[] noise = new byte[4096];
        rnd.nextBytes(noise);
        noise[100] = 0;
        assertThat(ContentSniffer.readings(noise)).isEmpty();
        byte[] shorts = new byte[4096];
        for (int i = 0; i < shorts.length; i += 2) {
            shorts[i] = (byte) rnd.nextInt(256);
        }
        assertThat(ContentSniffer.readings(shorts)).isEmpty();
    }

    /** No prefix without a NUL (git reads such a file as text) hides the lines after it. */
    @Test
    void noBytePrefixHidesTheLinesGitShows() {
        Random rnd = new Random(11);
        for (int i = 0; i < 2000; i++) {
            byte[] prefix = new byte[rnd.nextInt(12)];
            rnd.nextBytes(prefix);
            for (int j = 0; j < prefix.length; j++) {
                prefix[j] = prefix[j] == 0 ? 1 : prefix[j];
            }
            byte[] content = concat(prefix, "\n".getBytes(StandardCharsets.US_ASCII),
                    TEXT.getBytes(StandardCharsets.US_ASCII));
            assertThat(texts(content)).as("prefix %s", java.util.HexFormat.of().formatHex(prefix))
                    .anyMatch(t -> t.contains(TEXT));
        }
    }

    /**
     * A later version of a plain-text file read with what it shares with the earlier one gives the readings it gives
     * alone: byte-order-mark-like starts, NUL bytes before, at and after the shared part, inside and past git's
     * 8000-byte window, and versions shorter than four bytes.
     */
    @Test
    void aVersionReadWithWhatItSharesWithAPlainEarlierOneReadsAsItDoesAlone() {
        Random rnd = new Random(23);
        byte[][] starts = {bytes(), bytes(0xef, 0xbb, 0xbf), bytes(0xff, 0xfe), bytes(0xfe, 0xff), bytes(0xff, 0xfe, 0, 0),
                bytes(0, 0, 0xfe, 0xff), bytes(0), "ab".getBytes(StandardCharsets.US_ASCII)};
        int plainPairs = 0;
        int shortcuts = 0;
        for (int i = 0; i < 4000; i++) {
            byte[] earlier = version(rnd, starts);
            if (ContentSniffer.readings(earlier).size() != 1 || ContentSniffer.readings(earlier).get(0) != earlier) {
                continue; // only a plain earlier version is ever passed
            }
            plainPairs++;
            byte[] later = rnd.nextBoolean() ? edit(rnd, earlier, starts) : version(rnd, starts);
            int shared = ContentSniffer.sharedWindow(earlier, later);
            List<byte[]> together = ContentSniffer.readings(later, shared);
            List<byte[]> alone = ContentSniffer.readings(later);
            assertThat(together).as("pair %d", i).hasSameSizeAs(alone);
            for (int r = 0; r < alone.size(); r++) {
                assertThat(together.get(r)).as("pair %d, reading %d", i, r).isEqualTo(alone.get(r));
            }
            if (shared >= 4 && together.size() == 1 && together.get(0) == later) {
                shortcuts++;
            }
        }
        assertThat(plainPairs).isGreaterThan(500);
        assertThat(shortcuts).isGreaterThan(100); // the shortcut is taken, and still gives the same readings
    }

    /** Text of up to 12,000 bytes after one of the given starts, with a NUL now and then. */
    private static byte[] version(Random rnd, byte[][] starts) {
        byte[] start = starts[rnd.nextInt(starts.length)];
        byte[] body = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(4) : rnd.nextInt(12_000)];
        for (int j = 0; j < body.length; j++) {
            body[j] = (byte) (rnd.nextInt(10) == 0 ? '\n' : 'a' + rnd.nextInt(26));
        }
        if (body.length > 0 && rnd.nextInt(5) == 0) {
            body[rnd.nextInt(body.length)] = 0;
        }
        return concat(start, body);
    }

    /** The earlier version with a few bytes changed (maybe to NUL, maybe a new start), cut or grown. */
    private static byte[] edit(Random rnd, byte[] earlier, byte[][] starts) {
        byte[] out = java.util.Arrays.copyOf(earlier, Math.max(0, earlier.length + rnd.nextInt(200) - 100));
        for (int k = rnd.nextInt(3); k > 0 && out.length > 0; k--) {
            out[rnd.nextInt(out.length)] = (byte) (rnd.nextInt(4) == 0 ? 0 : 'A' + rnd.nextInt(26));
        }
        if (rnd.nextInt(10) == 0) {
            out = concat(starts[rnd.nextInt(starts.length)], out);
        }
        return out;
    }
}
