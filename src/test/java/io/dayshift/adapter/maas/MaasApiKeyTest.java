package io.dayshift.adapter.maas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.site.SecretRef;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MaasApiKeyTest {

    private static final SecretRef REF = SecretRef.parse("env:MAAS_API_KEY");

    @Test
    void headerIsOauthPlaintextWithPercentEncodedSignature() {
        MaasApiKey key = MaasApiKey.parse("lab", REF, "ck123:tk456:s3cretValue\n");

        String header = key.authorization("abc123", Instant.ofEpochSecond(1_700_000_000L));

        assertThat(header).isEqualTo("OAuth oauth_version=\"1.0\", oauth_signature_method=\"PLAINTEXT\", "
                + "oauth_consumer_key=\"ck123\", oauth_token=\"tk456\", oauth_signature=\"%26s3cretValue\", "
                + "oauth_nonce=\"abc123\", oauth_timestamp=\"1700000000\"");
        assertThat(key.toString()).doesNotContain("s3cretValue").doesNotContain("ck123");
    }

    @Test
    void wrongNumberOfPartsIsReportedWithoutTheKey() {
        assertThatThrownBy(() -> MaasApiKey.parse("lab", REF, "ck123:s3cretValue"))
                .hasMessageContaining("site lab")
                .hasMessageContaining("env:MAAS_API_KEY")
                .hasMessageContaining("three parts")
                .hasMessageContaining("has 2")
                .hasMessageNotContaining("s3cretValue")
                .hasMessageNotContaining("ck123");
    }

    @Test
    void emptyPartIsNamedWithoutTheKey() {
        assertThatThrownBy(() -> MaasApiKey.parse("lab", REF, ":tk456:s3cretValue"))
                .hasMessageContaining("empty consumer key (first part)")
                .hasMessageNotContaining("s3cretValue");
        assertThatThrownBy(() -> MaasApiKey.parse("lab", REF, "ck123::s3cretValue"))
                .hasMessageContaining("empty token key (second part)")
                .hasMessageNotContaining("s3cretValue");
        assertThatThrownBy(() -> MaasApiKey.parse("lab", REF, "ck123:tk456:"))
                .hasMessageContaining("empty token secret (third part)")
                .hasMessageNotContaining("tk456");
    }

    @Test
    void reservedCharactersArePercentEncoded() {
        assertThat(MaasApiKey.encode("a b&c~d*e+f")).isEqualTo("a%20b%26c~d%2Ae%2Bf");
    }
}
