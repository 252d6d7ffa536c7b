package dev.holdfast.cli.fidelity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the benchmark's cases: every scenario kind for every format, {@code rounds} times, with names, values and
 * neighbours drawn from the seed. The cases kept in the test resources are round one of {@link #DEFAULT_SEED}.
 */
final class CaseGenerator {
    static final long DEFAULT_SEED = 14;

    private CaseGenerator() {
    }

    static List<FidelityCase> generate(long seed, int rounds) {
        List<FidelityCase> out = new ArrayList<>();
        Random r = new Random(seed);
        int n = 0;
        for (int round = 0; round < rounds; round++) {
            for (Format f : Formats.all()) {
                for (Kind k : Kind.values()) {
                    if (!k.applies(f)) {
                        continue;
                    }
                    String name = String.format("%03d-%s-%s", ++n, f.name(), k.id());
                    out.add(FidelityCase.of(name, f, k, k.build(f, new Random(r.nextLong()))));
                }
            }
        }
        return out;
    }

    static void write(List<FidelityCase> cases, Path dir) throws IOException {
        for (FidelityCase c : cases) {
            c.write(dir.resolve(c.name()));
        }
    }

    /** Writes the default cases into a folder: {@code CaseGenerator DIR [SEED] [ROUNDS]}. */
    public static void main(String[] args) throws IOException {
        long seed = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_SEED;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        write(generate(seed, rounds), Path.of(args[0]));
    }
}
