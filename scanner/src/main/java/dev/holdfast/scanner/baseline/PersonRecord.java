package dev.holdfast.scanner.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.holdfast.rules.model.Attribution;
import dev.holdfast.rules.model.IdentityKind;
import dev.holdfast.rules.model.Person;

import java.time.Instant;

/**
 * Who made a commit, as stored in the baseline (a commit date, never a wall-clock time, so re-runs do not churn).
 *
 * @param kind       human | agent | bot | unknown
 * @param onBehalfOf the person an agent acted for, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonRecord(String commit, String name, String email, String kind, String date, Person onBehalfOf) {

    public static PersonRecord of(Attribution a) {
        if (a == null) {
            return null;
        }
        return new PersonRecord(a.commit(), a.name(), a.email(), a.kind() == null ? null : a.kind().id(),
                a.date() == null ? null : a.date().toString(), a.onBehalfOf());
    }

    public Attribution toAttribution() {
        return new Attribution(commit, name, email, kind == null ? IdentityKind.UNKNOWN : IdentityKind.fromId(kind),
                date == null ? null : Instant.parse(date), onBehalfOf);
    }
}
