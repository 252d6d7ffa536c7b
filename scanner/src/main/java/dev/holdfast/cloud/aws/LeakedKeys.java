package dev.holdfast.cloud.aws;

import dev.holdfast.cloud.CloudFindings;
import dev.holdfast.cloud.CloudInventory;
import dev.holdfast.model.Finding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** AWS access key ids found in a repository that belong to an inventoried principal. */
public final class LeakedKeys {
    private LeakedKeys() {
    }

    public static List<Finding> find(CloudInventory inv, CloudFindings findings, Path repo) throws IOException {
        return List.of();
    }
}
