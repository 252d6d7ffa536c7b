package dev.holdfast.cli.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixture scenario folder and the ones it inherits ({@code scenario.properties: inherits=...}), shared by the local
 * cloud servers: files are looked up nearest first, and {@code fault.<name>=<spec>} lines (or {@link #fault}) name
 * the faults to inject, each spec a list of words that may end in how many times it fires.
 */
final class FixtureScenario {
    private final List<Path> dirs = new ArrayList<>();
    private final Map<String, String[]> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> uses = new ConcurrentHashMap<>();
    private final Properties settings = new Properties();

    FixtureScenario(Path root, String scenario) throws IOException {
        String s = scenario;
        while (s != null) {
            Path dir = root.resolve(s);
            if (!Files.isDirectory(dir)) {
                throw new IOException("no fixture scenario " + dir);
            }
            dirs.add(dir);
            Properties p = new Properties();
            Path props = dir.resolve("scenario.properties");
            if (Files.exists(props)) {
                try (InputStream in = Files.newInputStream(props)) {
                    p.load(in);
                }
            }
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith("fault.")) {
                    faults.putIfAbsent(k.substring(6), p.getProperty(k).trim().split("\\s+"));
                } else {
                    settings.putIfAbsent(k, p.getProperty(k).trim());
                }
            }
            s = p.getProperty("inherits");
        }
    }

    /** A whole-number setting of the nearest scenario that has it ({@code cloudtrail.pageSize=2}), or 0. */
    int intProperty(String key) {
        String v = settings.getProperty(key);
        return v == null ? 0 : Integer.parseInt(v);
    }

    /** Adds or replaces the fault for {@code name}. */
    void fault(String name, String spec) {
        faults.put(name, spec.trim().split("\\s+"));
    }

    /** The fault spec for {@code name}, or null. */
    String[] spec(String name) {
        return faults.get(name);
    }

    /** Counts one use of the fault for {@code name}: true while within the count its spec has at {@code timesAt}. */
    boolean fires(String name, String[] spec, int timesAt) {
        int times = spec.length > timesAt ? Integer.parseInt(spec[timesAt]) : Integer.MAX_VALUE;
        return uses.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet() <= times;
    }

    /** Every scenario's copy of {@code file}, nearest first. */
    List<Path> findAll(String file) {
        return dirs.stream().map(d -> d.resolve(file)).filter(Files::exists).toList();
    }

    /** The nearest scenario's copy of {@code file}, or null. */
    Path find(String file) {
        for (Path d : dirs) {
            Path f = d.resolve(file);
            if (Files.exists(f)) {
                return f;
            }
        }
        return null;
    }
}
