package dev.holdfast.cli;

import dev.holdfast.scan.ScanResult;

import java.nio.file.Path;

/** Links cloud findings to the code that defines their principal (placeholder until the IaC matcher lands). */
final class CodeLinker {
    private CodeLinker() {
    }

    static ScanResult link(ScanResult result, Path repo) {
        return result;
    }
}
