package dev.holdfast.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a fix commit did to one file.
 *
 * @param path  the file in the fix's parent that held the finding
 * @param patch the unified diff of that file in the fix commit, with every secret redacted: for people to read. The
 *              remediator re-derives the exact change from {@link FixRecord#parent()}, {@link FixRecord#commit()} and
 *              {@code path}, because a redacted hunk cannot be applied.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerChange(String path, String patch) {
}
