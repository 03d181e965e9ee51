package io.dayshift.runbook.sev1;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.compute.ComputeService;
import io.dayshift.runbook.healthcheck.Finding;
import io.dayshift.runbook.healthcheck.Health;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The incident record's phases and escalations, and how findings name the hosts they are about. */
class IncidentRecordTest {

    private static final Instant OPENED = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void aRunningPhasePastItsDeadlineIsEscalatedOnceEvenWhenItRunsAgain() {
        IncidentRecord incident = IncidentRecord.opened("Tasklist", "API down", OPENED)
                .phaseStarted(Phases.DETECTION, OPENED, OPENED.plusSeconds(300))
                .phaseEnded(Phases.DETECTION, OPENED.plusSeconds(60))
                .phaseStarted(Phases.DIAGNOSIS, OPENED.plusSeconds(60), OPENED.plusSeconds(1200));

        assertThat(incident.unescalatedOverruns(OPENED.plusSeconds(1199))).isEmpty();
        List<IncidentRecord.PhaseRecord> late = incident.unescalatedOverruns(OPENED.plusSeconds(1500));
        assertThat(late).extracting(IncidentRecord.PhaseRecord::phase).containsExactly(Phases.DIAGNOSIS);

        IncidentRecord escalated = incident.escalate(late, OPENED.plusSeconds(1500)).phaseEnded(Phases.DIAGNOSIS, OPENED.plusSeconds(1600))
                .phaseStarted(Phases.DIAGNOSIS, OPENED.plusSeconds(2000), OPENED.plusSeconds(1200));
        assertThat(escalated.escalated(Phases.DIAGNOSIS)).isTrue();
        assertThat(escalated.escalated(Phases.DETECTION)).isFalse();
        assertThat(escalated.phases()).extracting(IncidentRecord.PhaseRecord::endedAt)
                .containsExactly(OPENED.plusSeconds(60), OPENED.plusSeconds(1600), null);
    }

    @Test
    void theIncidentClosesWithItsLastResolution() {
        IncidentRecord incident = IncidentRecord.opened("Tasklist", "API down", OPENED)
                .phaseStarted(Phases.RESOLUTION, OPENED.plusSeconds(600), OPENED.plusSeconds(3600)).phaseEnded(Phases.RESOLUTION, OPENED.plusSeconds(700))
                .phaseStarted(Phases.RESOLUTION, OPENED.plusSeconds(900), OPENED.plusSeconds(3600)).phaseEnded(Phases.RESOLUTION, OPENED.plusSeconds(950));

        assertThat(incident.closedAt()).contains(OPENED.plusSeconds(950));
        assertThat(incident.alertResolved(OPENED.plusSeconds(10)).alertResolved(OPENED.plusSeconds(20)).alertResolvedAt()).isEqualTo(OPENED.plusSeconds(10));
    }

    @Test
    void findingsNameTheirHostAndDownHypervisorsAreFoundAmongTheServices() {
        assertThat(IncidentScope.hostOf(new Finding("compute-services", Health.RED, "nova-compute on cn03", "is down"))).isEqualTo("cn03");
        assertThat(IncidentScope.hostOf(new Finding("containers", Health.RED, "cn03", "its containers cannot be listed"))).isEqualTo("cn03");
        assertThat(IncidentScope.hostOf(new Finding("charm-units", Health.RED, "keystone/0", "workload error"))).isEmpty();
        assertThat(IncidentScope.hostOf(new Finding("api-endpoints", Health.RED, "nova API (compute)", "answers 503"))).isEmpty();

        List<ComputeService> services = List.of(service("cn01", true, false), service("cn03", false, false), service("cn05", false, true),
                new ComputeService("9", "nova-scheduler", "cc01", "internal", true, false, false, Optional.empty(), Optional.empty()));
        assertThat(IncidentScope.downHosts(services)).containsExactly("cn03", "cn05");
        assertThat(IncidentScope.describe("RED", List.of(new Finding("compute-services", Health.RED, "nova-compute on cn03", "is down")), List.of("cn03")))
                .isEqualTo("Site health RED. Affected: compute-services: nova-compute on cn03. Hosts: cn03. Hypervisors down: cn03.");
    }

    private static ComputeService service(String host, boolean up, boolean forcedDown) {
        return new ComputeService(host, "nova-compute", host, "az1", true, up, forcedDown, Optional.empty(), Optional.empty());
    }
}
