package dev.holdfast.scanner.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.holdfast.rules.model.FixRef;

import java.time.Instant;

/**
 * The commit that removed a finding.
 *
 * @param parent the parent the fix was made against: with {@code commit} and a path it lets the remediator re-derive
 *               the exact change from git and re-apply it with a 3-way merge
 * @param date   the commit's author date (ISO-8601)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FixRecord(String commit, String parent, String name, String email, String kind, String date) {

    public FixRef toFixRef() {
        return new FixRef(commit, name, email, date == null ? null : Instant.parse(date));
    }
}
