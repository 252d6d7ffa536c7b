package dev.holdfast.scanner.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Comparator;
import java.util.List;

/**
 * What a fix commit did to one file.
 *
 * @param path  the file in the fix's parent that held the finding
 * @param patch the unified diff of that file in the fix commit, with every secret redacted: for people to read. The
 *              remediator re-derives the exact change from {@link FixRecord#parent()}, {@link FixRecord#commit()} and
 *              {@code path}, because a redacted hunk cannot be applied.
 * @param places where in this file the fix put a reference instead of the finding (empty when it deleted the line,
 *               or for files in a format without places), sorted by place
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerChange(String path, String patch,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FixedPlace> places) {

    public LedgerChange {
        places = places == null ? List.of()
                : places.stream().distinct().sorted(Comparator.comparing(FixedPlace::place)
                        .thenComparing(p -> p.reference() == null ? "" : p.reference())).toList();
    }

    public LedgerChange(String path, String patch) {
        this(path, patch, List.of());
    }
}
