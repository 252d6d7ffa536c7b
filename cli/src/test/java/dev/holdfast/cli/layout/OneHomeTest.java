package dev.holdfast.cli.layout;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout keeps one home for each idea: no class name is declared twice in main code (two {@code Glob}s, two
 * {@code IdentityClassifier}s drifted apart before), every package names its module, and a finding property that
 * crosses modules is spelled only in {@code model.FindingProperty}.
 */
class OneHomeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("rules", "scanner", "remediator", "reports", "cli");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");

    private static List<Path> mainSources(String module) throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void noClassNameIsDeclaredTwiceInMainCode() throws IOException {
        Map<String, List<String>> byName = new TreeMap<>();
        for (String m : MODULES) {
            for (Path p : mainSources(m)) {
                String name = p.getFileName().toString().replace(".java", "");
                if (!name.equals("package-info")) {
                    byName.computeIfAbsent(name, k -> new ArrayList<>()).add(ROOT.relativize(p).toString());
                }
            }
        }
        byName.values().removeIf(l -> l.size() < 2);
        assertThat(byName).isEmpty();
    }

    @Test
    void everyPackageNamesItsModule() throws IOException {
        List<String> strays = new ArrayList<>();
        for (String m : MODULES) {
            for (Path p : mainSources(m)) {
                Matcher pkg = PACKAGE.matcher(Files.readString(p));
                String name = pkg.find() ? pkg.group(1) : "";
                String prefix = "dev.holdfast." + m;
                if (!name.equals(prefix) && !name.startsWith(prefix + ".")) {
                    strays.add(m + ": " + name + " (" + p.getFileName() + ")");
                }
            }
        }
        assertThat(strays).isEmpty();
    }

    @Test
    void crossModulePropertiesAreSpelledInOnePlace() throws IOException {
        // the keys FindingProperty declares, as quoted literals anywhere else in main code
        String home = Files.readString(ROOT.resolve("rules/src/main/java/dev/holdfast/rules/model/FindingProperty.java"));
        Matcher declared = Pattern.compile("(?:text|flag)\\(\"(\\w+)\"\\)|FindingProperty<>\\(\"(\\w+)\"").matcher(home);
        List<String> keys = new ArrayList<>();
        while (declared.find()) {
            keys.add(declared.group(1) != null ? declared.group(1) : declared.group(2));
        }
        assertThat(keys).contains("lines", "lineage", "presentAtHead");
        List<String> elsewhere = new ArrayList<>();
        for (String m : MODULES) {
            for (Path p : mainSources(m)) {
                if (p.getFileName().toString().equals("FindingProperty.java")) {
                    continue;
                }
                String text = Files.readString(p);
                for (String k : keys) {
                    // as a property: a properties map's put, get or containsKey, or Map.of with the key first
                    if (Pattern.compile("(?:(?:props|properties\\(\\)|\\bp)\\.(?:put|get|getOrDefault|containsKey)"
                            + "|withProperty|Map\\.of)\\(\"" + k + "\"")
                            .matcher(text).find()) {
                        elsewhere.add(k + " in " + ROOT.relativize(p));
                    }
                }
            }
        }
        assertThat(elsewhere).isEmpty();
    }
}
