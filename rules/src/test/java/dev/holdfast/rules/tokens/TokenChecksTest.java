package dev.holdfast.rules.tokens;

import dev.holdfast.rules.catalogue.ExampleExpander;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenChecksTest {
    private final ExampleExpander gen = new ExampleExpander(15);

    @Test
    void gitHubClassicTokensCarryABase62Crc32OfTheirBody() {
        TokenCheck check = TokenChecks.named("github-checksum");
        for (String prefix : new String[] {"ghp_", "gho_", "ghu_", "ghr_"}) {
            String token = TokenChecks.githubToken(prefix, gen.generate("A-Za-z0-9", 30));
            assertThat(check.verify(token)).as(prefix).containsEntry("checksum", "valid");
            assertThat(check.verify(flipLast(token))).as(prefix + " with its last character changed").isNull();
            assertThat(check.verify(prefix + gen.generate("A-Za-z0-9", 36))).as("random body").isNull();
        }
        // installation tokens have no documented checksum: they pass unchecked
        assertThat(check.verify("ghs_" + gen.generate("A-Za-z0-9", 36))).isEmpty();
    }

    @Test
    void gitHubFineGrainedTokensCarryTheFirstBase32CharactersOfTheBodysSha256() {
        TokenCheck check = TokenChecks.named("github-checksum");
        String body = "github_pat_1" + gen.generate("A-Za-z0-9", 21) + "_" + gen.generate("A-Za-z0-9", 43);
        String token = body + check.complete(body) + gen.generate("A-Za-z0-9", 8);
        assertThat(token).hasSize(93);
        assertThat(check.verify(token)).containsEntry("checksum", "valid");
        assertThat(check.verify(body + "AAAAAAAA" + gen.generate("A-Za-z0-9", 8))).isNull();
        assertThatThrownBy(() -> check.complete(body + "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void npmTokensCarryTheSameChecksum() {
        TokenCheck check = TokenChecks.named("npm-checksum");
        String start = "npm_" + gen.generate("A-Za-z0-9", 30);
        String token = start + check.complete(start);
        assertThat(check.verify(token)).containsEntry("checksum", "valid");
        assertThat(check.verify(flipLast(token))).isNull();
    }

    @Test
    void awsKeyIdsOfNewAccountsDecodeToTheirAccountAndImpossibleOnesAreRejected() {
        TokenCheck check = TokenChecks.named("aws-key-id");
        String id = keyIdFor(123456789012L);
        assertThat(check.verify(id)).containsEntry("awsAccount", "123456789012");
        assertThat(check.verify(keyIdFor(7L))).containsEntry("awsAccount", "000000000007");
        // 40 bits hold more than twelve digits: such an id cannot have been issued
        assertThat(check.verify(keyIdFor((1L << 40) - 1))).isNull();
        // older ids (fifth character before Q) carry no account: nothing to learn, nothing to reject
        assertThat(check.verify("AKIAI" + gen.generate("A-Z2-7", 15))).isEmpty();
        assertThat(TokenChecks.awsAccessKeyId("AKIA", keyIdFor((1L << 40) - 1).substring(4)))
                .satisfies(k -> assertThat(check.verify(k)).isNotNull());
    }

    @Test
    void jwtsNeedAJsonHeaderWithAnAlgorithmAndJsonClaims() {
        TokenCheck check = TokenChecks.named("jwt");
        String header = b64url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = b64url("{\"sub\":\"" + gen.generate("a-z", 8) + "\",\"iss\":\"https://issuer.test\"}");
        String sig = gen.generate("A-Za-z0-9_-", 43);
        assertThat(check.verify(header + "." + claims + "." + sig)).containsEntry("issuer", "https://issuer.test");
        assertThat(check.verify(b64url("{\"typ\":\"JWT\"}") + "." + claims + "." + sig)).as("no alg").isNull();
        assertThat(check.verify("eyJ" + gen.generate("A-Za-z0-9", 30) + ".eyJ" + gen.generate("A-Za-z0-9", 40) + "." + sig))
                .as("random base64 after eyJ").isNull();
    }

    @Test
    void keyBodiesMustDecodeToWhatTheirHeaderPromises() {
        byte[] der = new byte[64];
        der[0] = 0x30;
        der[1] = (byte) 0x82;
        String body = Base64.getEncoder().encodeToString(der) + gen.generate("A-Za-z0-9+/", 64);
        assertThat(TokenChecks.named("pem-der").verify(body)).isEmpty();
        assertThat(TokenChecks.named("pem-der").verify("AAAA" + body)).isNull();
        String openssh = Base64.getEncoder().encodeToString("openssh-key-v1\0\0\0\0\4none\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(TokenChecks.named("openssh-key").verify(openssh + gen.generate("A-Za-z0-9+/", 64))).isEmpty();
        assertThat(TokenChecks.named("openssh-key").verify(body)).isNull();
    }

    @Test
    void pypiTokensAreVersionTwoMacaroonsForPypiWithASignature() {
        TokenCheck check = TokenChecks.named("pypi-macaroon");
        String token = new ExampleExpander(3).expand("pypi-{{b64url:\\x02\\x01\\x08pypi.org\\x02\\x24{{gen:0-9a-f:36}}"
                + "\\x00\\x02\\x10{{gen:a-z:16}}\\x00\\x00\\x06\\x20{{gen:\\x00-\\xff:32}}}}");
        assertThat(check.verify(token)).containsEntry("location", "pypi.org");
        assertThat(check.verify(token.substring(0, token.length() - 8))).as("signature cut").isNull();
        assertThat(check.verify("pypi-AgEIcHlwaS5vcmc" + gen.generate("A-Za-z0-9_-", 80))).as("random tail").isNull();
    }

    @Test
    void basicCredentialsDecodeToAUserAndAPassword() {
        TokenCheck check = TokenChecks.named("base64-credentials");
        String user = gen.generate("a-z", 6);
        assertThat(check.verify(b64(user + ":" + gen.generate("A-Za-z0-9", 16)))).isEqualTo(Map.of("user", user));
        assertThat(check.verify(b64(user))).as("no password").isNull();
        assertThat(check.verify(b64(user + ":"))).as("empty password").isNull();
        assertThat(check.verify("%%%")).isNull();
    }

    @Test
    void anUnknownCheckNamesTheKnownOnes() {
        assertThatThrownBy(() -> TokenChecks.named("crc64")).hasMessageContaining("github-checksum")
                .hasMessageContaining("jwt");
    }

    /** A key id from an account, written the way AWS encodes it (flag bit, 40 account bits, then random bits). */
    private String keyIdFor(long account) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        long z = (1L << 47) | (account << 7) | 0x55;
        StringBuilder bits = new StringBuilder(String.format("%48s", Long.toBinaryString(z)).replace(' ', '0'));
        while (bits.length() < 80) {
            bits.append(gen.generate("01", 1));
        }
        StringBuilder id = new StringBuilder("AKIA");
        for (int i = 0; i < 80; i += 5) {
            id.append(alphabet.charAt(Integer.parseInt(bits.substring(i, i + 5), 2)));
        }
        return id.toString();
    }

    private static String flipLast(String s) {
        char last = s.charAt(s.length() - 1);
        return s.substring(0, s.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
