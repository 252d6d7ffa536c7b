package dev.holdfast.cli;

import dev.holdfast.rules.model.Finding;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The order in which advice reads a repository for the names it already uses, within its budget: files in the
 * blocked files' folders first, then configuration (where names of secrets live: YAML, properties, .env examples,
 * JSON, TOML, Terraform, workflows, Docker files), then the rest.
 */
final class AdviceOrder {
    private static final List<String> CONFIG = List.of(".yml", ".yaml", ".properties", ".env", ".json", ".toml",
            ".tf", ".tfvars", ".conf", ".ini", ".example", ".sample", "dockerfile", ".sh");

    private AdviceOrder() {
    }

    static Comparator<String> of(List<Finding> failing) {
        Set<String> folders = failing.stream().map(f -> folder(f.location().path())).collect(Collectors.toSet());
        return Comparator.comparingInt(path -> folders.contains(folder(path)) ? 0 : isConfig(path) ? 1 : 2);
    }

    private static boolean isConfig(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return CONFIG.stream().anyMatch(p::endsWith) || p.contains(".env.");
    }

    private static String folder(String path) {
        int slash = path == null ? -1 : path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
