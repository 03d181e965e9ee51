package io.dayshift.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code dayshift.public-url}: the address every link a notice sends starts with, checked when the service starts. */
class PublicUrlTest {

    @Test
    void unsetItIsThisNodeOnItsOwnPortNeverAFixedOne() {
        assertThat(new PublicUrl("", 9443).base()).hasToString("http://localhost:9443");
        assertThat(new PublicUrl(null, 8081).resolve("/camunda/app/cockpit/")).hasToString("http://localhost:8081/camunda/app/cockpit/");
    }

    @Test
    void aConfiguredAddressIsKeptWithoutItsTrailingSlash() {
        assertThat(new PublicUrl("https://dayshift.example.org/ops/", 8080).base()).hasToString("https://dayshift.example.org/ops");
    }

    @Test
    void aBadAddressStopsTheStartNamingTheSettingAndWhatItTakes() {
        assertThatThrownBy(() -> new PublicUrl("dayshift.example.org", 8080)).hasMessageContaining("dayshift.public-url (DAYSHIFT_PUBLIC_URL)")
                .hasMessageContaining("it must start with http:// or https://");
        assertThatThrownBy(() -> new PublicUrl("ftp://dayshift.example.org", 8080)).hasMessageContaining("it must start with http:// or https://");
        assertThatThrownBy(() -> new PublicUrl("https://", 8080)).hasMessageContaining("dayshift.public-url");
        assertThatThrownBy(() -> new PublicUrl("https://dayshift.example.org/?next=evil", 8080)).hasMessageContaining("no ?query");
        assertThatThrownBy(() -> new PublicUrl("https://bob:secret@dayshift.example.org", 8080)).hasMessageContaining("no user")
                .hasMessageNotContaining("secret");
    }
}
