package dev.holdfast.remediator.fixers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A way configuration refers to a secret by name ({@code ${NAME}}, {@code System.getenv("NAME")},
 * {@code ${{ secrets.NAME }}}, {@code var.name}); the forms are data ({@code reference-forms.txt}).
 *
 * @param syntax   which files use it: {@code placeholder} (properties, YAML, compose, .env), {@code java}, ...
 * @param reusable whether the whole expression may be copied with another name in it
 */
record ReferenceForm(String syntax, boolean reusable, Pattern pattern) {
    static final String PLACEHOLDER = "placeholder";
    static final String JAVA = "java";
    private static final List<ReferenceForm> FORMS = load();

    /** A reference found in a line: the name, the whole expression, and its form. */
    record Found(String name, String expression, ReferenceForm form) {
        /** The same expression naming {@code other} instead; null when it is not reusable in {@code syntax}. */
        String renamed(String other, String syntax) {
            return form.reusable() && form.syntax().equals(syntax) ? expression.replace(name, other) : null;
        }
    }

    /** The first reference in {@code line}, if any. */
    static Optional<Found> in(String line) {
        for (ReferenceForm f : FORMS) {
            Matcher m = f.pattern().matcher(line);
            if (m.find()) {
                return Optional.of(new Found(m.group(1), m.group(), f));
            }
        }
        return Optional.empty();
    }

    private static List<ReferenceForm> load() {
        List<ReferenceForm> out = new ArrayList<>();
        try (InputStream in = ReferenceForm.class.getResourceAsStream("reference-forms.txt")) {
            if (in == null) {
                throw new IllegalStateException("reference-forms.txt missing from the remediator jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ", 3);
                out.add(new ReferenceForm(parts[0], Boolean.parseBoolean(parts[1]), Pattern.compile(parts[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
