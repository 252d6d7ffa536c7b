package dev.holdfast.identity;

import dev.holdfast.model.Attribution;
import dev.holdfast.model.Category;
import dev.holdfast.model.Finding;
import dev.holdfast.model.IdentityKind;
import dev.holdfast.model.Location;
import dev.holdfast.model.Person;
import dev.holdfast.model.Severity;
import dev.holdfast.model.Status;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IdentitySummaryTest {
    private static Finding by(IdentityKind kind, Person onBehalfOf) {
        Attribution a = kind == null ? null : new Attribution("c", "n", "e", kind, null, onBehalfOf);
        return new Finding("fp", "r", Category.SECRET, Severity.HIGH, Status.NEW, "m", Location.file("p", 1, 1),
                "x…y", a, null, null, Map.of());
    }

    @Test
    void countsFindingsByTheKindOfIdentityThatIntroducedThem() {
        Person alice = new Person("Alice", "alice@example.com");
        IdentitySummary s = IdentitySummary.of(List.of(by(IdentityKind.AGENT, alice), by(IdentityKind.AGENT, null),
                by(IdentityKind.BOT, null), by(IdentityKind.HUMAN, null), by(IdentityKind.HUMAN, null),
                by(IdentityKind.HUMAN, null), by(null, null)));
        assertThat(s.byIdentity()).containsExactly(Map.entry("agent", 2), Map.entry("bot", 1),
                Map.entry("human", 3), Map.entry("unknown", 0));
        assertThat(s.line())
                .isEqualTo("2 findings introduced by agents (1 on behalf of a person), 1 by bots, 3 by people");
    }

    @Test
    void nothingAttributedGivesNoLine() {
        assertThat(IdentitySummary.of(List.of(by(null, null))).line()).isEmpty();
        assertThat(IdentitySummary.of(List.of(by(IdentityKind.UNKNOWN, null))).line())
                .isEqualTo("0 findings introduced by agents, 0 by bots, 0 by people, 1 by unknown identities");
    }
}
