package dev.holdfast.remediator.fixers;

import dev.holdfast.scanner.baseline.PatchRedactor;
import dev.holdfast.scanner.baseline.place.PlaceIndex;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the name a rule fixer refers to a secret by, preferring a name the repository already uses over a new one
 * (a reference to a variable that exists nowhere breaks the application once merged). In order: the reference at the
 * same place in the fix commit's and earlier versions of the file; the same key's reference in other configuration
 * files and profiles; a name {@code .env.example} declares; the naming of the surrounding keys
 * ({@code payments.url: ${PAY_URL}} makes {@code payments.api-key} {@code PAY_API_KEY}); else a new name, said to be
 * new so that it gets provisioned.
 */
public final class ReferenceNames {
    private static final Pattern ENV_DECLARATION = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=",
            Pattern.MULTILINE);

    private ReferenceNames() {
    }

    /**
     * @param name       the variable
     * @param expression the whole reference to write, when one in the same syntax was found to copy; else null
     * @param note       where the name came from, or that it is new (one line for the PR body)
     */
    public record Choice(String name, String expression, String note) {
        /** The expression to write, made with {@code form} (e.g. {@code "${%s}"}) when none was found to copy. */
        public String expression(String form) {
            return expression != null ? expression : String.format(form, name);
        }
    }

    /**
     * @param line   the 1-based line of the value at HEAD
     * @param holder the key or variable holding the value, for a new name
     * @param syntax {@link ReferenceForm#PLACEHOLDER} or {@link ReferenceForm#JAVA}
     */
    public static Choice choose(FixContext context, int line, String ruleId, String holder, String syntax) {
        String place = PlaceIndex.of(context.path(), context.headText()).at(line).orElse(null);
        if (place != null) {
            Optional<Choice> c = fromVersions(context, place, syntax)
                    .or(() -> fromOtherFiles(context, place, syntax));
            if (c.isPresent()) {
                return c.get();
            }
        }
        List<String> wanted = derived(place, ruleId, holder);
        for (NameEvidence.Source s : context.names().files()) {
            if (isEnvExample(s.path())) {
                Set<String> declared = new LinkedHashSet<>();
                Matcher m = ENV_DECLARATION.matcher(s.text());
                while (m.find()) {
                    declared.add(m.group(1));
                }
                for (String name : wanted) {
                    if (declared.contains(name)) {
                        return new Choice(name, null, name + " is declared in " + s.path());
                    }
                }
            }
        }
        if (place != null) {
            Optional<Choice> c = fromSurroundingKeys(context, place, line, syntax);
            if (c.isPresent()) {
                return c.get();
            }
        }
        String name = EnvNames.choose(ruleId, holder);
        String why = name.equals(EnvNames.forRule(ruleId)) ? " is the provider's conventional variable"
                : " is a new name";
        return new Choice(name, null, name + why + ": nothing in the repository names this secret yet;"
                + " provision " + name + " where the application runs before merging");
    }

    private static Optional<Choice> fromVersions(FixContext context, String place, String syntax) {
        List<NameEvidence.Source> versions = new ArrayList<>();
        if (context.fixVersion() != null && context.names().versions().isEmpty()) {
            versions.add(new NameEvidence.Source(context.path(), context.fixVersionText(), "the fix commit"));
        }
        versions.addAll(context.names().versions());
        for (NameEvidence.Source v : versions) {
            Optional<ReferenceForm.Found> found = referenceAt(v, place);
            if (found.isPresent()) {
                return Optional.of(choice(found.get(), syntax, found.get().name() + " comes from " + v.label()
                        + ", which had it at " + PatchRedactor.maskValues(place)));
            }
        }
        return Optional.empty();
    }

    /** The same key in other files (profiles, other compose files): the name most of them use. */
    private static Optional<Choice> fromOtherFiles(FixContext context, String place, String syntax) {
        String key = canonical(place);
        Map<String, List<ReferenceForm.Found>> byName = new TreeMap<>();
        Map<String, String> firstFile = new TreeMap<>();
        for (NameEvidence.Source s : context.names().files()) {
            PlaceIndex index = PlaceIndex.of(s.path(), s.text());
            String[] lines = s.text().split("\r?\n", -1);
            index.all().forEach((line, p) -> {
                if (line <= lines.length && canonical(p).equals(key)) {
                    ReferenceForm.in(lines[line - 1]).ifPresent(f -> {
                        byName.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
                        firstFile.putIfAbsent(f.name(), s.path());
                    });
                }
            });
        }
        return byName.entrySet().stream()
                .max(java.util.Comparator.comparingInt((Map.Entry<String, List<ReferenceForm.Found>> e) ->
                        e.getValue().size()).thenComparing(Map.Entry::getKey, java.util.Comparator.reverseOrder()))
                .map(e -> choice(e.getValue().get(0), syntax, e.getKey() + " comes from "
                        + firstFile.get(e.getKey()) + ", which refers to the same key (" + PatchRedactor.maskValues(place)
                        + ") by it"));
    }

    /** Siblings of the key that refer to variables named {@code PREFIX + KEY}: the same prefix for this key. */
    private static Optional<Choice> fromSurroundingKeys(FixContext context, String place, int line, String syntax) {
        String parent = parent(place);
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        String[] lines = context.headText().split("\r?\n", -1);
        for (Map.Entry<Integer, String> e : PlaceIndex.of(context.path(), context.headText()).all().entrySet()) {
            if (e.getKey() == line || e.getKey() > lines.length || !parent(e.getValue()).equals(parent)) {
                continue;
            }
            Optional<ReferenceForm.Found> found = ReferenceForm.in(lines[e.getKey() - 1]);
            String sibling = EnvNames.constantCase(leaf(e.getValue()));
            if (found.isPresent() && !sibling.isEmpty() && found.get().name().endsWith(sibling)) {
                String prefix = found.get().name().substring(0, found.get().name().length() - sibling.length());
                String name = prefix + EnvNames.constantCase(leaf(place));
                String expression = found.get().renamed(name, syntax);
                return Optional.of(new Choice(name, expression, name + " is named like the surrounding keys ("
                        + leaf(e.getValue()) + " refers to " + found.get().name() + "); provision " + name
                        + " where the application runs if it is not there yet"));
            }
        }
        return Optional.empty();
    }

    private static Optional<ReferenceForm.Found> referenceAt(NameEvidence.Source v, String place) {
        List<Integer> at = PlaceIndex.of(v.path(), v.text()).lines(place);
        if (at.size() != 1) {
            return Optional.empty();
        }
        String[] lines = v.text().split("\r?\n", -1);
        return at.get(0) <= lines.length ? ReferenceForm.in(lines[at.get(0) - 1]) : Optional.empty();
    }

    private static Choice choice(ReferenceForm.Found found, String syntax, String note) {
        return new Choice(found.name(), found.renamed(found.name(), syntax), note);
    }

    /** Names a declaration file might use for this key: the whole path, the key alone, the provider's, the holder's. */
    private static List<String> derived(String place, String ruleId, String holder) {
        Set<String> out = new LinkedHashSet<>();
        if (place != null) {
            out.add(EnvNames.constantCase(place.replaceAll("\\[(?:[^=\\]]*=)?([^\\]]*)]", ".$1")));
            out.add(EnvNames.constantCase(leaf(place)));
        }
        String byRule = EnvNames.forRule(ruleId);
        if (byRule != null) {
            out.add(byRule);
        }
        out.add(EnvNames.constantCase(holder));
        out.remove("");
        return List.copyOf(out);
    }

    static boolean isEnvExample(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return file.matches("\\.env\\.(example|sample|template|dist|defaults)|(example|sample)\\.env|env\\.example");
    }

    /** Spring's relaxed binding, roughly: case, dashes, underscores and dots do not make a key different. */
    private static String canonical(String place) {
        return place.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
    }

    static String leaf(String place) {
        if (place.endsWith("]")) {
            String inside = place.substring(place.lastIndexOf('[') + 1, place.length() - 1);
            return inside.substring(inside.indexOf('=') + 1);
        }
        return place.substring(place.lastIndexOf('.') + 1);
    }

    private static String parent(String place) {
        int cut = place.endsWith("]") ? place.lastIndexOf('[') : place.lastIndexOf('.');
        return cut < 0 ? "" : place.substring(0, cut);
    }
}
