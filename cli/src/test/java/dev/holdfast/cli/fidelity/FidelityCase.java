package dev.holdfast.cli.fidelity;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One regression scenario as a case folder: {@code case.properties} (format, kind, description, the file's path
 * when fixed and at HEAD, the kind of each secret placeholder) and the file's versions, kept byte for byte:
 * {@code 1-original}, {@code 2-fixed}, optional {@code 3-between} (a colleague's commit after the baseline),
 * {@code 4-head} (the agent's commit) and {@code expected} (what the fix branch must hold), each with the file's
 * extension; {@code also/} holds other files the agent changed in the same commit.
 */
record FidelityCase(String name, String format, String kind, String description, String path, String headPath,
                    Map<String, String> secrets, byte[] original, byte[] fixed, byte[] between, byte[] head,
                    byte[] expected, Map<String, byte[]> also) {

    static FidelityCase of(String name, Format f, Kind k, Kind.Versions v) {
        Map<String, byte[]> also = new TreeMap<>();
        v.alsoChanged().forEach((p, text) -> also.put(p, text.getBytes(StandardCharsets.UTF_8)));
        return new FidelityCase(name, f.name(), k.id(), k.description, v.path(), v.headPath(),
                new TreeMap<>(v.secrets()), bytes(v.original()), bytes(v.fixed()),
                v.between() == null ? null : bytes(v.between()), bytes(v.head()), bytes(v.expected()), also);
    }

    private static byte[] bytes(Doc d) {
        return d.render().getBytes(StandardCharsets.UTF_8);
    }

    /** The file's extension, as the versions are named ({@code .properties}, {@code .env}, {@code .java}). */
    String extension() {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot);
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder props = new StringBuilder();
        props.append("format=").append(format).append('\n');
        props.append("kind=").append(kind).append('\n');
        props.append("description=").append(description).append('\n');
        props.append("path=").append(path).append('\n');
        props.append("headPath=").append(headPath).append('\n');
        secrets.forEach((p, k) -> props.append("secret.").append(p).append('=').append(k).append('\n'));
        Files.writeString(dir.resolve("case.properties"), props.toString(), StandardCharsets.UTF_8);
        String ext = extension();
        Files.write(dir.resolve("1-original" + ext), original);
        Files.write(dir.resolve("2-fixed" + ext), fixed);
        if (between != null) {
            Files.write(dir.resolve("3-between" + ext), between);
        }
        Files.write(dir.resolve("4-head" + ext), head);
        Files.write(dir.resolve("expected" + ext), expected);
        for (Map.Entry<String, byte[]> e : also.entrySet()) {
            Path p = dir.resolve("also").resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
    }

    static FidelityCase read(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("case.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> secrets = new TreeMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("secret."))
                .forEach(k -> secrets.put(k.substring("secret.".length()), p.getProperty(k)));
        String path = p.getProperty("path");
        String file = path.substring(path.lastIndexOf('/') + 1);
        String ext = file.lastIndexOf('.') < 0 ? "" : file.substring(file.lastIndexOf('.'));
        Path between = dir.resolve("3-between" + ext);
        Map<String, byte[]> also = new TreeMap<>();
        Path alsoDir = dir.resolve("also");
        if (Files.isDirectory(alsoDir)) {
            try (Stream<Path> files = Files.walk(alsoDir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    also.put(alsoDir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
        }
        return new FidelityCase(dir.getFileName().toString(), p.getProperty("format"), p.getProperty("kind"),
                p.getProperty("description"), path, p.getProperty("headPath"), secrets,
                Files.readAllBytes(dir.resolve("1-original" + ext)), Files.readAllBytes(dir.resolve("2-fixed" + ext)),
                Files.exists(between) ? Files.readAllBytes(between) : null,
                Files.readAllBytes(dir.resolve("4-head" + ext)), Files.readAllBytes(dir.resolve("expected" + ext)),
                also);
    }

    /** Byte-for-byte equality of every field, for checking the kept cases against the generator. */
    boolean sameAs(FidelityCase o) {
        return toString().equals(o.toString()) && Arrays.equals(original, o.original)
                && Arrays.equals(fixed, o.fixed) && Arrays.equals(between, o.between) && Arrays.equals(head, o.head)
                && Arrays.equals(expected, o.expected) && also.keySet().equals(o.also.keySet())
                && also.keySet().stream().allMatch(k -> Arrays.equals(also.get(k), o.also.get(k)));
    }

    @Override
    public String toString() {
        return name + " [" + format + ", " + kind + ", " + path + " -> " + headPath + ", " + secrets + "]";
    }
}
