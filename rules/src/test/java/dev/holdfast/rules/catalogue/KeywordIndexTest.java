package dev.holdfast.rules.catalogue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordIndexTest {
    private static final List<String> WORDS = List.of("key", "secret", "apikey", "ey", "token", "pass", "sk_");
    private final KeywordIndex index = new KeywordIndex(WORDS);

    @Test
    void findsEveryOccurrenceCaseInsensitivelyIncludingOverlaps() {
        List<String> hits = new ArrayList<>();
        index.scan("My_APIKey = token", (k, end) -> hits.add(WORDS.get(k) + "@" + end)); // ids in the given order
        assertThat(hits).containsExactlyInAnyOrder("apikey@8", "key@8", "ey@8", "token@16");
    }

    /** Text mixing keyword pieces, ASCII, multi-byte characters and malformed bytes. */
    @Provide
    Arbitrary<byte[]> texts() {
        Arbitrary<String> piece = Arbitraries.of("key", "KEY", "sec", "ret", "é", "€", "😀", "_", "k", "\n", "\r",
                "apik", "ey", "tok", "en", "pass", "sk_", " ", "\u00ff");
        return piece.list().ofMaxSize(60).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8))
                .flatMap(b -> Arbitraries.integers().between(0, Math.max(0, b.length - 1)).map(at -> {
                    if (b.length > 0 && at % 3 == 0) {
                        b[at] = (byte) 0xC3; // a stray lead byte: malformed, decoded as U+FFFD
                    }
                    return b;
                }));
    }

    @Property(tries = 2000)
    void scanningTheBytesFindsWhatScanningTheDecodedTextFinds(@ForAll("texts") byte[] utf8) {
        String text = new String(utf8, StandardCharsets.UTF_8);
        List<String> onText = new ArrayList<>();
        index.scan(text, (k, end) -> onText.add(k + ":" + lineOf(text.substring(0, end + 1))));
        List<String> onBytes = new ArrayList<>();
        index.scan(utf8, (k, end) -> onBytes.add(k + ":"
                + lineOf(new String(utf8, 0, end + 1, StandardCharsets.ISO_8859_1))));
        assertThat(onBytes).isEqualTo(onText);
    }

    /**
     * Against a naive search, for random keyword sets (so the character classes of the transition table differ) and
     * texts over a small alphabet with upper case and characters in no keyword.
     */
    @Property(tries = 1000)
    void findsWhatANaiveSearchFinds(@ForAll("keywordSets") List<String> words, @ForAll("plainTexts") String text) {
        KeywordIndex idx = new KeywordIndex(words);
        List<String> found = new ArrayList<>();
        idx.scan(text, (k, end) -> found.add(idx.keyword(k) + "@" + end));
        List<String> expected = new ArrayList<>();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String w : new java.util.TreeSet<>(words)) {
            for (int i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
                expected.add(w + "@" + (i + w.length() - 1));
            }
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * The byte scan of a range (what a history scan runs on each changed or context run of lines, passing over bytes
     * that lead from the root back to it) against a naive search of that range, for random keyword sets, with
     * non-ASCII bytes (which reset the automaton, as a character outside the keywords does).
     */
    @Property(tries = 1000)
    void scanningBytesOfARangeFindsWhatANaiveSearchOfTheRangeFinds(@ForAll("keywordSets") List<String> words,
                                                                     @ForAll("plainTexts") String text) {
        KeywordIndex idx = new KeywordIndex(words);
        String withOthers = text.replace('x', '\u00e9');
        byte[] bytes = withOthers.getBytes(StandardCharsets.ISO_8859_1);
        int from = bytes.length / 3;
        int to = bytes.length - bytes.length / 4;
        List<String> found = new ArrayList<>();
        idx.scan(bytes, from, to, (k, end) -> found.add(idx.keyword(k) + "@" + end));
        List<String> expected = new ArrayList<>();
        String lower = withOthers.substring(from, to).toLowerCase(java.util.Locale.ROOT);
        for (String w : new java.util.TreeSet<>(words)) {
            for (int i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
                expected.add(w + "@" + (from + i + w.length() - 1));
            }
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Provide
    Arbitrary<List<String>> keywordSets() {
        return Arbitraries.strings().withChars("abc_-.:0").ofMinLength(1).ofMaxLength(5).list().ofMinSize(0)
                .ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> plainTexts() {
        return Arbitraries.strings().withChars("abcABC_-.:0xyz \n").ofMaxLength(80);
    }

    /** The real catalogue's keywords, and texts made of their pieces in any case. */
    private static final List<String> CATALOGUE = RuleCatalogue.builtin().rules().stream()
            .flatMap(r -> r.keywords().stream()).distinct().toList();
    private static final KeywordIndex REAL = new KeywordIndex(CATALOGUE);

    @Provide
    Arbitrary<String> catalogueTexts() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(CATALOGUE),
                Arbitraries.of(CATALOGUE).map(w -> w.substring(0, Math.max(1, w.length() / 2))),
                Arbitraries.of(CATALOGUE).map(w -> w.toUpperCase(java.util.Locale.ROOT)),
                Arbitraries.strings().ascii().ofMaxLength(3));
        return piece.list().ofMaxSize(30).map(l -> String.join("", l));
    }

    @Property(tries = 1000)
    void findsExactlyTheOccurrencesANaiveSearchFinds(@ForAll("catalogueTexts") String text) {
        List<String> expected = new ArrayList<>();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (int k = 0; k < REAL.size(); k++) {
            String w = REAL.keyword(k);
            for (int at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + 1)) {
                if (text.substring(at, at + w.length()).chars().allMatch(c -> c < 128)) {
                    expected.add(w + "@" + (at + w.length() - 1));
                }
            }
        }
        List<String> found = new ArrayList<>();
        REAL.scan(text, (k, end) -> found.add(REAL.keyword(k) + "@" + end));
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static long lineOf(String upToHit) {
        return upToHit.chars().filter(c -> c == '\n').count();
    }
}
