package dev.holdfast.scan;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decides whether bytes are text worth scanning, and normalises UTF-16 text to UTF-8 for the detectors. */
public final class ContentSniffer {
    private static final int SNIFF = 8000;

    private ContentSniffer() {
    }

    /**
     * What a detector should see of a file: its text, or its raw bytes when it is binary and the detector reads that
     * binary format (keystores, DER certificates); null to skip it.
     */
    public static byte[] forDetector(dev.holdfast.detect.Detector detector, String path, byte[] content) {
        byte[] text = textOrNull(content);
        return text != null || !detector.readsBinary(path) ? text : content;
    }

    /** UTF-8 bytes to scan, or null when the content is binary (a NUL byte in the first 8000 bytes, git's rule). */
    public static byte[] textOrNull(byte[] content) {
        if (content.length >= 2) {
            int b0 = content[0] & 0xff;
            int b1 = content[1] & 0xff;
            if ((b0 == 0xff && b1 == 0xfe) || (b0 == 0xfe && b1 == 0xff)) {
                return utf16ToUtf8(content, b0 == 0xff);
            }
        }
        int n = Math.min(content.length, SNIFF);
        for (int i = 0; i < n; i++) {
            if (content[i] == 0) {
                return null;
            }
        }
        return content;
    }

    private static byte[] utf16ToUtf8(byte[] content, boolean littleEndian) {
        try {
            String s = (littleEndian ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE).newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(content, 2, content.length - 2)).toString();
            return s.getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
