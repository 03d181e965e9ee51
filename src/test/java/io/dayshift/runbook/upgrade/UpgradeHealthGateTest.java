package io.dayshift.runbook.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.runbook.healthcheck.Finding;
import io.dayshift.runbook.healthcheck.Health;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpgradeHealthGateTest {

    private final UpgradeHealthGate gate = new UpgradeHealthGate();
    private final Finding disabled = new Finding("compute-services", Health.AMBER, "nova-compute on cn06", "is disabled: RAM replacement");

    @Test
    void greenPasses() {
        assertThat(gate.passes("GREEN", List.of())).isTrue();
    }

    @Test
    void amberOnlyBecauseHostsAreDisabledPassesTheirPlanListsThem() {
        assertThat(gate.passes("AMBER", List.of(disabled))).isTrue();
    }

    @Test
    void anyOtherFindingStopsTheUpgrade() {
        Finding busy = new Finding("hypervisor-usage", Health.AMBER, "cn01", "RAM at 85 % (111411 of 131072 MiB), above the 80 % threshold");
        assertThat(gate.passes("AMBER", List.of(disabled, busy))).isFalse();
        assertThat(gate.passes("RED", List.of(new Finding("compute-services", Health.RED, "nova-compute on cn03", "is down")))).isFalse();
        assertThat(gate.passes("AMBER", List.of())).isFalse();
    }
}
