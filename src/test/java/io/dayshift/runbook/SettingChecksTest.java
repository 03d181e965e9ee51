package io.dayshift.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A bad setting stops the start with a message naming the setting and what is expected. */
class SettingChecksTest {

    private final SettingChecks settings = new SettingChecks("dayshift.runbooks.drain-compute-node");

    @Test
    void goodValuesPass() {
        assertThat(settings.positive("check-interval", Duration.ofSeconds(30))).hasSeconds(30);
        assertThat(settings.atLeast("migration-deadline", Duration.ofMinutes(30), "check interval", Duration.ofSeconds(30))).hasMinutes(30);
        assertThat(settings.between("batch-size", 3, 1, 50)).isEqualTo(3);
        assertThat(settings.text("tag", " openstack-compute ", "a MAAS tag")).isEqualTo("openstack-compute");
    }

    @Test
    void badValuesAreRefusedByTheirFullName() {
        assertThatThrownBy(() -> settings.positive("check-interval", Duration.ZERO))
                .hasMessage("dayshift.runbooks.drain-compute-node.check-interval must be a positive duration, not PT0S");
        assertThatThrownBy(() -> settings.positive("check-interval", Duration.ofSeconds(-1))).hasMessageContaining("must be a positive duration");
        assertThatThrownBy(() -> settings.atLeast("migration-deadline", Duration.ofSeconds(10), "check interval", Duration.ofSeconds(30)))
                .hasMessage("dayshift.runbooks.drain-compute-node.migration-deadline must be at least the check interval (PT30S), not PT10S");
        assertThatThrownBy(() -> settings.between("batch-size", 0, 1, 50))
                .hasMessage("dayshift.runbooks.drain-compute-node.batch-size must be between 1 and 50, not 0");
        assertThatThrownBy(() -> settings.text("tag", " ", "a MAAS tag")).hasMessage("dayshift.runbooks.drain-compute-node.tag must name a MAAS tag");
    }
}
