package dev.holdfast.remediator.advice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.holdfast.rules.catalogue.Glob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How files refer to secrets kept outside the repository ({@code references.yml}): the syntax to suggest for a file,
 * the patterns that find references already written, and the files whose purpose is to hold secrets.
 */
public final class ReferenceCatalogue {
    private static volatile ReferenceCatalogue builtin;

    /** A way to write a reference in some files: {@code write} with NAME replaced. */
    public record Syntax(List<Pattern> files, String write, String where) {
        public String render(String name) {
            return write.replace("NAME", write.startsWith("var.") ? name.toLowerCase(java.util.Locale.ROOT) : name);
        }
    }

    /** A reference found in a text: the whole expression and the variable it names. */
    public record Found(String expression, String name) {
    }

    private record Extractor(List<Pattern> files, Pattern regex) {
    }

    private final List<Syntax> syntaxes;
    private final List<Pattern> untrack;
    private final List<Extractor> extractors;

    private ReferenceCatalogue(List<Syntax> syntaxes, List<Pattern> untrack, List<Extractor> extractors) {
        this.syntaxes = List.copyOf(syntaxes);
        this.untrack = List.copyOf(untrack);
        this.extractors = List.copyOf(extractors);
    }

    public static ReferenceCatalogue builtin() {
        ReferenceCatalogue c = builtin;
        if (c == null) {
            c = load();
            builtin = c;
        }
        return c;
    }

    /** The syntax for a path (the catalogue ends with a catch-all). */
    public Syntax syntaxFor(String path) {
        for (Syntax s : syntaxes) {
            if (matches(s.files(), path)) {
                return s;
            }
        }
        throw new IllegalStateException("references.yml has no catch-all syntax");
    }

    /** Whether the file exists to hold secrets ({@code .env}, key files): it should not be tracked at all. */
    public boolean holdsSecretsByPurpose(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".example") || name.endsWith(".sample") || name.endsWith(".template")
                || name.endsWith(".dist")) {
            return false;
        }
        return matches(untrack, path);
    }

    /** Every reference written in a line of the file at {@code path}, in order. */
    public List<Found> find(String path, String line) {
        List<Found> out = new ArrayList<>();
        if (!mayRefer(line)) {
            return out; // most lines of code name no variable: skip the patterns (advice reads a whole tree)
        }
        for (Extractor e : extractors) {
            if (!matches(e.files(), path)) {
                continue;
            }
            Matcher m = e.regex().matcher(line);
            while (m.find()) {
                out.add(new Found(m.group(), m.group("name")));
            }
        }
        return out;
    }

    /** Whether a file's UTF-8 bytes may hold a reference at all: {@link #mayRefer(String)} on the whole file. */
    public static boolean mayReferIn(byte[] utf8) {
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b == '$') {
                return true;
            }
            if ((b == 'n' || b == 'N') && i > 0 && i + 1 < utf8.length) {
                byte e = utf8[i - 1];
                byte v = utf8[i + 1];
                if ((e == 'e' || e == 'E') && (v == 'v' || v == 'V')) {
                    return true;
                }
            }
            if (b == '.' && i >= 3 && utf8[i - 3] == 'v' && utf8[i - 2] == 'a' && utf8[i - 1] == 'r') {
                return true;
            }
        }
        return false;
    }

    /** Every pattern needs a '$', "env"/"ENV" or "var." (ReferenceCatalogueTest holds the patterns to that). */
    static boolean mayRefer(String line) {
        if (line.indexOf('$') >= 0 || line.contains("var.")) {
            return true;
        }
        for (int i = line.indexOf('n'); i > 0 && i + 1 < line.length(); i = line.indexOf('n', i + 1)) {
            char e = line.charAt(i - 1);
            char v = line.charAt(i + 1);
            if ((e == 'e' || e == 'E') && (v == 'v' || v == 'V')) {
                return true;
            }
        }
        for (int i = line.indexOf('N'); i > 0 && i + 1 < line.length(); i = line.indexOf('N', i + 1)) {
            char e = line.charAt(i - 1);
            char v = line.charAt(i + 1);
            if ((e == 'e' || e == 'E') && (v == 'v' || v == 'V')) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<Pattern> globs, String path) {
        for (Pattern p : globs) {
            if (p.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    private static ReferenceCatalogue load() {
        try (InputStream in = ReferenceCatalogue.class.getResourceAsStream("references.yml")) {
            if (in == null) {
                throw new IllegalStateException("references.yml missing from the remediator jar");
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            List<Syntax> syntaxes = new ArrayList<>();
            for (JsonNode s : root.path("syntaxes")) {
                syntaxes.add(new Syntax(globs(s.path("files")), s.path("write").asText(), s.path("where").asText()));
            }
            List<Extractor> extractors = new ArrayList<>();
            for (JsonNode p : root.path("patterns")) {
                extractors.add(new Extractor(globs(p.path("files")), Pattern.compile(p.path("regex").asText())));
            }
            return new ReferenceCatalogue(syntaxes, globs(root.path("untrack")), extractors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read references.yml", e);
        }
    }

    private static List<Pattern> globs(JsonNode list) {
        List<Pattern> out = new ArrayList<>();
        list.forEach(g -> out.add(Glob.compile(g.asText())));
        return out;
    }
}
