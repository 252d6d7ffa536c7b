package dev.holdfast.remediator.fixers;

import dev.holdfast.rules.detect.Detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Properties, YAML and .env files: replaces the secret value with a {@code ${NAME}} reference, which Spring, Docker
 * Compose, dotenv loaders and most config systems resolve from the environment. Only the secret's characters change;
 * quotes and the rest of the line stay.
 */
public final class ConfigReferenceFixer implements RuleFixer {
    private static final Pattern PROPERTIES_KEY = Pattern.compile("^\\s*([^=:\\s#!]+)\\s*[=:]");
    private static final Pattern ENV_KEY = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=");

    private enum Format { PROPERTIES, YAML, DOTENV }

    @Override
    public String name() {
        return "config-reference";
    }

    @Override
    public boolean handles(FixContext context) {
        return format(context.path()) != null;
    }

    static Format format(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (file.endsWith(".properties")) {
            return Format.PROPERTIES;
        }
        if (file.endsWith(".yml") || file.endsWith(".yaml")) {
            return path.startsWith(".github/workflows/") ? null : Format.YAML;
        }
        if (file.equals(".env") || file.startsWith(".env.") || file.endsWith(".env")) {
            return Format.DOTENV;
        }
        return null;
    }

    @Override
    public FixerOutcome fix(FixContext context) {
        Format format = format(context.path());
        TextRegions text = new TextRegions(context.headText());
        TreeSet<String> names = new TreeSet<>();
        java.util.LinkedHashSet<String> notes = new java.util.LinkedHashSet<>();
        for (Detection target : EnvNames.conventionalFirst(context.targets())) {
            int line = lineHolding(text, target);
            if (line < 0) {
                return FixerOutcome.refused("the value reported at line " + target.line() + " of " + context.path()
                        + " is not on one line");
            }
            String lineText = text.line(line);
            String key = key(format, text, line);
            if (key == null) {
                return FixerOutcome.refused("line " + line + " of " + context.path() + " is not a key and value");
            }
            ReferenceNames.Choice env = ReferenceNames.choose(context, line, target.ruleId(), key,
                    ReferenceForm.PLACEHOLDER);
            int column = lineText.indexOf(target.subject());
            int start = text.offset(line, column + 1);
            try {
                text.replace(start, start + target.subject().length(), env.expression("${%s}"));
                names.add(env.expression("${%s}"));
                notes.add(env.note());
            } catch (IllegalArgumentException sameValue) {
                // Already replaced for another rule's detection of the same value.
            }
        }
        return FixerOutcome.changed(text.apply(), "references " + String.join(", ", names)
                + " instead of a hardcoded value", List.copyOf(notes));
    }

    /** The detection's line when it holds the value, else the only line that does. */
    private static int lineHolding(TextRegions text, Detection target) {
        if (target.line() >= 1 && target.line() <= text.lineCount() && text.line(target.line()).contains(target.subject())) {
            return target.line();
        }
        List<Integer> lines = new ArrayList<>();
        for (int i = 1; i <= text.lineCount(); i++) {
            if (text.line(i).contains(target.subject())) {
                lines.add(i);
            }
        }
        return lines.size() == 1 ? lines.get(0) : -1;
    }

    private static String key(Format format, TextRegions text, int line) {
        String lineText = text.line(line);
        switch (format) {
            case PROPERTIES -> {
                Matcher m = PROPERTIES_KEY.matcher(lineText);
                return m.find() ? m.group(1) : null;
            }
            case DOTENV -> {
                Matcher m = ENV_KEY.matcher(lineText);
                return m.find() ? m.group(1) : null;
            }
            default -> {
                return YamlKeys.path(text::line, line);
            }
        }
    }

}
