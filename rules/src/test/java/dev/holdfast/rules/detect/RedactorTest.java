package dev.holdfast.rules.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {
    /** Values are built from pieces so that this file holds no secret. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "aws key id,      AKIA, IOSFODNN7EXAMPLE, AKIA…MPLE",
            "github token,    ghp_, 0123456789abcdefghijABCDEFGHIJ012345, ghp_…2345",
            "short password,  '',   hunter2, *******",
            "no prefix,       '',   wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY, wJ…EY",
    })
    void showsTheTypePrefixAndAtMostAQuarterOfTheRest(String name, String prefix, String body, String expected) {
        assertThat(Redactor.redact(prefix + body)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0123456789ab", "0123456789abcdefghijklmnopqrstuvwxyz", "sk-ant-api03-0123456789abcdefghijklmnop"})
    void neverRevealsMoreThanAQuarterOfTheRandomPart(String value) {
        String r = Redactor.redact(value);
        long revealed = r.replace("…", "").chars().filter(c -> c != '*').count();
        assertThat(r).isNotEqualTo(value);
        assertThat(revealed).isLessThanOrEqualTo(Math.max(value.length() / 4, 13));
    }
}
