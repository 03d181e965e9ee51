package io.dayshift.lab.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeystoneTokensTest {

    private final KeystoneTokens tokens = new KeystoneTokens(Duration.ofHours(1));
    private final Instant now = Instant.parse("2026-11-21T08:00:00Z");

    @Test
    void aTokenIsValidOnItsSiteUntilItExpires() {
        KeystoneTokens.Token token = tokens.issue("lab", "u1", "admin", "p1", now);

        assertThat(token.expiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(tokens.find(token.id(), "lab", now.plus(Duration.ofMinutes(59)))).contains(token);
        assertThat(tokens.find(token.id(), "lab", now.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(tokens.find(token.id(), "lab-charmed", now)).isEmpty();
        assertThat(tokens.find("gAAAAAunknown", "lab", now)).isEmpty();
        assertThat(tokens.find(null, "lab", now)).isEmpty();
    }

    @Test
    void tokensAreUnguessableAndDistinct() {
        KeystoneTokens.Token a = tokens.issue("lab", "u1", "admin", "p1", now);
        KeystoneTokens.Token b = tokens.issue("lab", "u1", "admin", "p1", now);

        assertThat(a.id()).isNotEqualTo(b.id()).hasSizeGreaterThan(100);
    }
}
