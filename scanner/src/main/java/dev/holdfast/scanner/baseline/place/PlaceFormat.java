package dev.holdfast.scanner.baseline.place;

import java.util.Locale;

/** The file formats whose places Holdfast can read, chosen by file name. */
enum PlaceFormat {
    PROPERTIES((text, path, claims) -> KeyValuePlaces.properties(text, claims)),
    DOTENV((text, path, claims) -> KeyValuePlaces.dotenv(text, claims)),
    /** YAML and JSON (a JSON document is YAML): compose files, Helm values, workflows, Spring config, policies. */
    TREE((text, path, claims) -> TreePlaces.index(text, claims)),
    HCL(HclPlaces::index),
    JAVA((text, path, claims) -> JavaPlaces.index(text, claims));

    /** Reads a file's places into claims; throws when the text does not parse. */
    @FunctionalInterface
    interface Reader {
        void index(String text, String path, Claims claims);
    }

    private final Reader reader;

    PlaceFormat(Reader reader) {
        this.reader = reader;
    }

    void index(String text, String path, Claims claims) {
        reader.index(text, path, claims);
    }

    static PlaceFormat of(String path) {
        if (path == null) {
            return null;
        }
        String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (file.endsWith(".properties")) {
            return PROPERTIES;
        }
        if (file.equals(".env") || file.startsWith(".env.") || file.endsWith(".env")) {
            return DOTENV;
        }
        if (file.endsWith(".yml") || file.endsWith(".yaml") || file.endsWith(".json")) {
            return TREE;
        }
        if (file.endsWith(".tf") || file.endsWith(".tfvars") || file.endsWith(".hcl")) {
            return HCL;
        }
        if (file.endsWith(".java")) {
            return JAVA;
        }
        return null;
    }
}
