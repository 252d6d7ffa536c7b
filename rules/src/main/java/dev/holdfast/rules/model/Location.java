package dev.holdfast.rules.model;

/**
 * Where a finding sits.
 *
 * @param path     relative to the scanned root, '/' separated; null for cloud findings without a file
 * @param line     1-based, 0 when unknown
 * @param column   1-based, 0 when unknown
 * @param commit   the commit the content was read from (history mode), or null
 * @param resource a cloud resource id (ARN, Azure id), or null
 */
public record Location(String path, int line, int column, String commit, String resource) {

    public static Location file(String path, int line, int column) {
        return new Location(path, line, column, null, null);
    }

    public Location withLine(int newLine, int newColumn) {
        return new Location(path, newLine, newColumn, commit, resource);
    }

    public Location withCommit(String newCommit) {
        return new Location(path, line, column, newCommit, resource);
    }

    public Location withPath(String newPath) {
        return new Location(newPath, line, column, commit, resource);
    }
}
