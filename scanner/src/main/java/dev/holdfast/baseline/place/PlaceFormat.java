package dev.holdfast.baseline.place;

import java.util.Locale;

/** The file formats whose places Holdfast can read, chosen by file name. */
enum PlaceFormat {
    PROPERTIES {
        @Override
        void index(String text, String path, Claims claims) {
            KeyValuePlaces.properties(text, claims);
        }
    },
    DOTENV {
        @Override
        void index(String text, String path, Claims claims) {
            KeyValuePlaces.dotenv(text, claims);
        }
    },
    /** YAML and JSON (a JSON document is YAML): compose files, Helm values, workflows, Spring config, policies. */
    TREE {
        @Override
        void index(String text, String path, Claims claims) {
            TreePlaces.index(text, claims);
        }
    },
    HCL {
        @Override
        void index(String text, String path, Claims claims) {
            HclPlaces.index(text, path, claims);
        }
    },
    JAVA {
        @Override
        void index(String text, String path, Claims claims) {
            JavaPlaces.index(text, claims);
        }
    };

    abstract void index(String text, String path, Claims claims);

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
