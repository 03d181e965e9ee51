package io.dayshift.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.runbook.drain.DrainComputeNode;
import io.dayshift.testing.Http;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import io.dayshift.testing.Users;
import java.time.Instant;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One change at a time: a run of a runbook that changes a site takes what it changes as it starts, a start that would act
 * on something another run holds is refused with who holds it since when, a run's leases go when it ends, however it
 * ends, and read-only runbooks take none.
 */
@RunbookProcessTest(clock = "2025-06-02T08:00:00Z", timeFactor = "0.01", coverage = false)
class LeasesTest extends ProcessTestFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    LeaseStore store;
    @Autowired
    LeaseSweeper sweeper;

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.sites.lab", () -> "lab/drain-kolla.yaml");
        registry.add("dayshift.lab.sites.lab-charmed", () -> "lab/small-charmed.yaml");
    }

    @BeforeEach
    void users() {
        runbooks.user("olga", Roles.OPS_LEADS);
        runbooks.user("oscar", Roles.OPS_LEADS);
        Users.ensure(identity, "audrey", Roles.AUDITORS);
    }

    @Test
    void aSecondDrainOfAHostIsRefusedNamingWhoHoldsItAndMayStartOnceTheFirstIsCancelled() throws Exception {
        // given olga's drain of cn05, waiting to validate its input
        ProcessInstance first = drain("olga", "lab", "cn05");

        // when oscar starts a drain of the same host, it is refused with the holder, its runbook, who and since when
        assertThatThrownBy(() -> drain("oscar", "lab", "cn05"))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("Rule 'one change at a time'")
                .hasMessageContaining("cn05 on lab is held by drain cn05 @ lab (drain-compute-node, run " + first.getId() + "), started by olga at ")
                .hasMessageMatching("(?s).* at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\..*");
        // and over REST, and from Tasklist's start form, the refusal names the holding run by its name and its id
        String body = "{\"variables\":{\"site\":{\"value\":\"lab\"},\"host\":{\"value\":\"cn05\"},\"reason\":{\"value\":\"fan\"}}}";
        for (String way : List.of("start", "submit-form")) {
            HttpResponse<String> refused = Http.as(port, "oscar", Users.PASSWORD).postJson("/engine-rest/process-definition/key/"
                    + DrainComputeNode.PROCESS_KEY + "/" + way, body);
            assertThat(refused.statusCode()).as(way + ": " + refused.body()).isEqualTo(403);
            assertThat(JSON.readTree(refused.body()).path("message").asText()).as(way)
                    .contains("cn05 on lab is held by drain cn05 @ lab (drain-compute-node, run " + first.getId() + "), started by olga at ");
        }
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(DrainComputeNode.PROCESS_KEY).count()).isEqualTo(1);

        // and anyone signed in sees the lease
        JsonNode leases = JSON.readTree(Http.as(port, "audrey", Users.PASSWORD).get("/api/leases").body());
        assertThat(leases.findValuesAsText("target")).contains("cn05 on lab");
        assertThat(leases.findValuesAsText("run")).contains(first.getId());

        // then once olga's drain is cancelled, its lease is gone and oscar's drain starts
        runtime.deleteProcessInstance(first.getId(), "cancelled by olga");
        assertThat(held("host:lab:cn05")).isEmpty();
        ProcessInstance second = drain("oscar", "lab", "cn05");
        assertThat(held("host:lab:cn05")).extracting(Lease::run).containsExactly(second.getId());
        // a drain of another host of the same site is not held up
        assertThat(drain("olga", "lab", "cn06")).isNotNull();
    }

    @Test
    void aRunThatEndsReleasesItsLeases() {
        // given a drain of a host Nova does not know: it ends at its input check
        ProcessInstance run = drain("olga", "lab", "cn99");
        assertThat(held("host:lab:cn99")).hasSize(1);

        runbooks.runJobs();

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getEndActivityId())
                .isEqualTo(DrainComputeNode.Elements.END_INPUT_REJECTED);
        assertThat(held("host:lab:cn99")).isEmpty();
    }

    @Test
    void aRollingUpgradeHoldsTheSitesControlPlaneDatabasesAndDeploymentButNotYetItsHosts() {
        // given a rolling upgrade of lab-charmed
        ProcessInstance upgrade = runbooks.start("olga", "rolling-upgrade", Map.of("site", "lab-charmed", "targetRelease", "2024.1",
                "batchSize", 2L));
        assertThat(store.all()).filteredOn(l -> l.run().equals(upgrade.getId())).extracting(l -> l.target().key())
                .containsExactlyInAnyOrder("control-plane:lab-charmed", "databases:lab-charmed", "deployment:lab-charmed");

        // then a second upgrade and a backup are refused, naming the upgrade
        assertThatThrownBy(() -> runbooks.start("oscar", "rolling-upgrade", Map.of("site", "lab-charmed", "targetRelease", "2024.1",
                "batchSize", 2L)))
                .hasMessageContaining("the control plane of lab-charmed is held by " + upgrade.getBusinessKey() + " (rolling-upgrade, run " + upgrade.getId() + "), started by olga");
        assertThatThrownBy(() -> runbooks.start("oscar", "backup-site", Map.of("site", "lab-charmed", "scope", "databases")))
                .hasMessageContaining("the databases of lab-charmed is held by " + upgrade.getBusinessKey() + " (rolling-upgrade, run " + upgrade.getId() + ")");
        // and a drain of one of its hosts may start: the batch that needs the host waits for it (RollingUpgradeProcessTest)
        assertThat(drain("oscar", "lab-charmed", "cn02")).isNotNull();
        assertThatThrownBy(() -> drain("olga", "lab-charmed", "cn02")).hasMessageContaining("cn02 on lab-charmed is held by drain cn02 @ lab-charmed (drain-compute-node, run ");
        // and a read-only health check of the site runs all the same
        assertThat(runbooks.start("oscar", "site-health-check", Map.of("site", "lab-charmed"))).isNotNull();
    }

    @Test
    void aLeaseWhoseRunIsGoneIsReleasedByTheSweeper() {
        // given a lease left by a run that no longer exists (deleted from the database by hand)
        store.acquire(List.of(new LeaseTarget(LeaseTarget.Kind.HOST, "lab", "cn08")), "gone-run", "drain-compute-node", "olga", Instant.now());
        ProcessInstance alive = drain("olga", "lab", "cn09");

        assertThat(sweeper.sweep()).isEqualTo(1);

        assertThat(held("host:lab:cn08")).isEmpty();
        assertThat(held("host:lab:cn09")).extracting(Lease::run).containsExactly(alive.getId());
    }

    private ProcessInstance drain(String user, String site, String host) {
        return runbooks.start(user, DrainComputeNode.PROCESS_KEY, Map.of("site", site, "host", host, "reason", "firmware update"));
    }

    private List<Lease> held(String key) {
        return store.all().stream().filter(l -> l.target().key().equals(key)).toList();
    }
}
