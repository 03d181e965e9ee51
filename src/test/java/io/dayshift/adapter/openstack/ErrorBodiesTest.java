package io.dayshift.adapter.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorBodiesTest {

    @Test
    void novaFaults() {
        assertThat(ErrorBodies.message(Fixtures.text("nova-error-404-server.json")))
                .isEqualTo("Instance 00000000-0000-0000-0000-000000000000 could not be found.");
        assertThat(ErrorBodies.message(Fixtures.text("nova-error-400-disable-log-reason-without-reason.json")))
                .isEqualTo("Missing disabled reason field");
    }

    @Test
    void neutronErrors() {
        assertThat(ErrorBodies.message(Fixtures.text("neutron-error-404-port.json")))
                .isEqualTo("Port 00000000-0000-0000-0000-000000000000 could not be found.");
    }

    @Test
    void placementErrorsOnOneLine() {
        assertThat(ErrorBodies.message(Fixtures.text("placement-error-404.json")))
                .startsWith("The resource could not be found. No resource provider with uuid")
                .doesNotContain("\n");
    }

    @Test
    void plainTextAndEmptyBodies() {
        assertThat(ErrorBodies.message("502 Bad Gateway\n<html>")).isEqualTo("502 Bad Gateway <html>");
        assertThat(ErrorBodies.message("")).isEqualTo("(no message)");
        assertThat(ErrorBodies.message("x".repeat(2000))).hasSize(501).endsWith("…");
    }
}
