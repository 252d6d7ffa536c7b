package dev.holdfast.scanner.change;

/**
 * Which content the next commit takes: what {@code git commit} records (the index), what {@code git commit -a} records
 * (tracked files as they are in the work tree), or what {@code git add -A && git commit} records (untracked files
 * that are not ignored too). An agent's hook runs before the command, so it must read what the command will stage.
 */
public enum Staging {
    INDEX, TRACKED, ALL
}
