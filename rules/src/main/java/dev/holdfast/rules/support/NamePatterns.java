package dev.holdfast.rules.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Words that mark an identity as a machine (bot, ci, deploy, svc, agent…), read from a YAML resource. Names are split
 * into words (on separators and camelCase) so that "deployer-bot" matches but "discipline" does not match "ci".
 */
public final class NamePatterns {
    private final Set<String> words;
    private final List<String> prefixes;

    private NamePatterns(Set<String> words, List<String> prefixes) {
        this.words = words;
        this.prefixes = prefixes;
    }

    public static NamePatterns load(String resource) {
        try (InputStream in = NamePatterns.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("pattern resource missing: " + resource);
            }
            Map<String, List<String>> raw = new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<>() {
            });
            Set<String> w = new TreeSet<>();
            raw.getOrDefault("words", List.of()).forEach(s -> w.add(s.toLowerCase(Locale.ROOT)));
            return new NamePatterns(w, raw.getOrDefault("prefixes", List.of()).stream()
                    .map(s -> s.toLowerCase(Locale.ROOT)).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The first machine word found in the text, if any. */
    public Optional<String> match(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String spaced = text.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        for (String token : spaced.split("[^a-z0-9]+")) {
            if (words.contains(token)) {
                return Optional.of(token);
            }
            for (String p : prefixes) {
                if (token.startsWith(p)) {
                    return Optional.of(token);
                }
            }
        }
        return Optional.empty();
    }
}
