package dev.holdfast.rules.catalogue;

import dev.holdfast.rules.tokens.TokenChecks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class ExampleExpanderTest {

    @Test
    void generatorsAreDeterministicPerSeed() {
        String t = "k={{gen:a-f0-9:32}}";
        assertThat(ExampleExpander.seeded("x").expand(t)).isEqualTo(ExampleExpander.seeded("x").expand(t))
                .matches("k=[a-f0-9]{32}");
        assertThat(ExampleExpander.seeded("x").expand(t)).isNotEqualTo(ExampleExpander.seeded("y").expand(t));
    }

    @Test
    void base64GeneratorsEncodeTheirExpandedContentWithByteEscapes() {
        String out = new ExampleExpander(1).expand("{{b64url:{\"sub\":\"{{gen:a-z:4}}\"}}}");
        String json = new String(Base64.getUrlDecoder().decode(out), StandardCharsets.UTF_8);
        assertThat(json).matches("\\{\"sub\":\"[a-z]{4}\"}");
        byte[] bytes = Base64.getDecoder().decode(new ExampleExpander(1).expand("{{b64:\\x00\\xffA}}"));
        assertThat(bytes).containsExactly(0, 0xff, 'A');
    }

    @Test
    void sumAppendsTheChecksumOfTheTokenWrittenSoFar() {
        String token = new ExampleExpander(2).expand("t=ghp_{{gen:A-Za-z0-9:30}}{{sum:github-checksum}}").substring(2);
        assertThat(TokenChecks.named("github-checksum").verify(token)).isNotNull();
    }

    @Test
    void textThatIsNotAGeneratorIsKept() {
        assertThat(new ExampleExpander(3).expand("v: ${{ secrets.TOKEN }} and {{=x}}")).isEqualTo("v: ${{ secrets.TOKEN }} and x");
    }
}
