package io.dayshift.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.compute.ComputeCloud;
import io.dayshift.site.Sites;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The evidence journal of runs on the built-in lab, written by the production adapters where they make their calls: each
 * entry names the run and the step that made it; a step rolled back leaves only an entry saying its call was made and its
 * transaction did not commit; failed jobs, incidents and the run's end are journaled by the engine; every chain verifies.
 */
@RunbookProcessTest(timeFactor = "0", coverage = false)
@Import(EvidenceProbe.class)
class EvidenceJournalTest extends ProcessTestFixture {

    private static final String STEP = "Task_CallSite";

    @Autowired
    EvidenceStore store;
    @Autowired
    EvidenceVerifier verifier;

    private ProcessInstance probe(String site, String tool, boolean fail) {
        return runtime.startProcessInstanceByKey("evidence-probe", Map.of("site", site, "tool", tool, "fail", fail));
    }

    private List<Entry> calls(ProcessInstance run) {
        return store.entries(run.getId()).stream().filter(e -> e.kind().equals(Entry.CALL)).toList();
    }

    @Test
    void eachSshCommandIsJournaledWithItsCommandLineExitCodeAndOutputTail() {
        // given a run on the kolla lab, when its step reads the release over SSH
        ProcessInstance run = probe("lab", "ssh", false);
        runbooks.runJobs();

        // then the command line as sent, its host, its exit code and its output are in the run's journal, under the step
        assertThat(calls(run)).filteredOn(e -> e.origin().equals(Call.SSH)).singleElement().satisfies(e -> {
            assertThat(e.run()).isEqualTo(run.getId());
            assertThat(e.step()).isEqualTo(STEP);
            assertThat(e.action()).startsWith("$ ").contains("globals.yml");
            assertThat(e.target()).contains("127.0.0.1");
            assertThat(e.outcome()).isEqualTo("exit 0");
            assertThat(e.detail()).contains("openstack_release");
        });
    }

    @Test
    void eachMaasRequestIsJournaledWithMethodPathAndStatus() {
        ProcessInstance run = probe("lab", "maas", false);
        runbooks.runJobs();

        assertThat(calls(run)).filteredOn(e -> e.origin().equals(Call.MAAS)).singleElement().satisfies(e -> {
            assertThat(e.step()).isEqualTo(STEP);
            assertThat(e.action()).startsWith("GET ").contains("/api/2.0/machines/");
            assertThat(e.outcome()).isEqualTo("HTTP 200");
        });
    }

    @Test
    void eachOpenStackRequestIsJournaledOnTheStepsThreadWithMethodPathAndStatus() {
        ProcessInstance run = probe("lab", "openstack", false);
        runbooks.runJobs();

        // then the listing (and the authentication, when the site had no token yet), although sent from a worker thread,
        // is in the run, under the step
        List<Entry> openstack = calls(run).stream().filter(e -> e.origin().equals(Call.OPENSTACK)).toList();
        assertThat(openstack).extracting(Entry::action).contains("GET /lab/openstack/lab/compute/v2.1/os-services")
                .allSatisfy(a -> assertThat(a).matches("(GET .*/os-services|POST .*/auth/tokens)"));
        assertThat(openstack).allSatisfy(e -> {
            assertThat(e.step()).isEqualTo(STEP);
            assertThat(e.run()).isEqualTo(run.getId());
            assertThat(e.outcome()).matches("HTTP 20\\d");
        });
    }

    @Test
    void aKollaRunIsJournaledWithItsActionLimitAndRecapPerHost() {
        ProcessInstance run = probe("lab", "kolla", false);
        runbooks.runJobs();

        List<Entry> kolla = calls(run).stream().filter(e -> e.origin().equals(Call.KOLLA)).toList();
        assertThat(kolla).first().satisfies(e -> {
            assertThat(e.target()).isEqualTo("cn01");
            assertThat(e.action()).startsWith("kolla-ansible PRECHECKS");
            assertThat(e.outcome()).isEqualTo("started in the background");
            assertThat(e.detail()).contains("prechecks --limit 'cn01'");
        });
        assertThat(kolla).last().satisfies(e -> {
            assertThat(e.step()).isEqualTo(STEP);
            assertThat(e.target()).isEqualTo("cn01");
            assertThat(e.outcome()).startsWith("SUCCEEDED (exit 0), recap cn01 ok=").contains("failed=0");
        });
        // and the SSH commands that started and read it are there too, each with its own entry
        assertThat(calls(run)).filteredOn(e -> e.origin().equals(Call.SSH)).isNotEmpty();
    }

    @Test
    void aJujuActionIsJournaledWithUnitActionAndStatus() {
        ProcessInstance run = probe("lab-charmed", "juju", false);
        runbooks.runJobs();

        assertThat(calls(run)).filteredOn(e -> e.origin().equals(Call.JUJU)).singleElement().satisfies(e -> {
            assertThat(e.step()).isEqualTo(STEP);
            assertThat(e.target()).isEqualTo("mysql-innodb-cluster/0");
            assertThat(e.action()).isEqualTo("mysqldump");
            assertThat(e.outcome()).startsWith("completed");
        });
    }

    @Test
    void aRolledBackStepLeavesNoCallEntryButOneSayingTheCallWasMadeAndDidNotCommit() {
        // given a step that calls MAAS, then fails
        ProcessInstance run = probe("lab", "maas", true);

        // when its job runs once
        Job job = management.createJobQuery().processInstanceId(run.getId()).singleResult();
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("fails after its call");

        // then no entry claims the call happened in a committed step, one says it was made and its transaction rolled back,
        // then the failure of the job
        List<Entry> entries = store.entries(run.getId());
        assertThat(entries).extracting(Entry::kind).containsExactly(Entry.CALL_NOT_COMMITTED, Entry.JOB_FAILED);
        assertThat(entries.get(0)).satisfies(e -> {
            assertThat(e.step()).isEqualTo(STEP);
            assertThat(e.origin()).isEqualTo(Call.MAAS);
            assertThat(e.action()).startsWith("GET ");
        });
        assertThat(entries.get(1)).satisfies(e -> {
            assertThat(e.step()).isEqualTo(STEP);
            assertThat(e.detail()).contains("fails after its call");
        });
        assertThat(verifier.run(run.getId()).intact()).isTrue();
    }

    @Test
    void failedJobsTheIncidentAndItsResolutionAreJournaledAndTheRunsEndIsChainedIntoItsSite() {
        // given a step that always fails, run until its retries are used up
        ProcessInstance run = probe("lab", "ssh", true);
        runbooks.exhaustRetries(run);
        Job job = management.createJobQuery().processInstanceId(run.getId()).singleResult();
        assertThat(job.getRetries()).isZero();

        // when an operator gives the job its retries back, and then cancels the run
        management.setJobRetries(job.getId(), 1);
        runtime.deleteProcessInstance(run.getId(), "operator gave up");

        // then the journal tells the story: tries, failures, the incident, its resolution, the end
        List<String> kinds = store.entries(run.getId()).stream().map(Entry::kind).filter(k -> !k.equals(Entry.CALL_NOT_COMMITTED)).toList();
        assertThat(kinds).containsExactly(Entry.JOB_FAILED, Entry.JOB_FAILED, Entry.INCIDENT_CREATED, Entry.INCIDENT_RESOLVED, Entry.RUN_ENDED);
        assertThat(store.entries(run.getId())).filteredOn(e -> e.kind().equals(Entry.JOB_FAILED)).extracting(Entry::outcome)
                .containsExactly("retries left 1", "retries left 0");
        assertThat(store.entries(run.getId())).filteredOn(e -> e.kind().equals(Entry.RUN_ENDED)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("cancelled");
            assertThat(e.detail()).contains("operator gave up");
        });
        // and the run's last hash is in the site's chain, which verifies
        Entry last = store.entries(run.getId()).get(store.entries(run.getId()).size() - 1);
        assertThat(store.siteChain("lab")).filteredOn(l -> l.run().equals(run.getId())).singleElement().satisfies(l -> {
            assertThat(l.runSeq()).isEqualTo(last.seq());
            assertThat(l.runHash()).isEqualTo(last.hash());
            assertThat(l.runbook()).isEqualTo("evidence-probe");
        });
        assertThat(verifier.run(run.getId()).intact()).isTrue();
        assertThat(verifier.site("lab").intact()).isTrue();
    }

    @Test
    void approvalsAreJournaledWithWhoDecidedWhyAndHow() {
        runbooks.user("anna", "approvers");
        ProcessInstance run = runtime.startProcessInstanceByKey("approval-check", Map.of("site", "lab"));

        runbooks.approve(run, "Task_ApprovePlan", "anna", true, "looks right to me");

        assertThat(store.entries(run.getId())).filteredOn(e -> e.kind().equals(Decision.APPROVAL)).singleElement().satisfies(e -> {
            assertThat(e.step()).isEqualTo("Task_ApprovePlan");
            assertThat(e.origin()).isEqualTo(Entry.PEOPLE);
            assertThat(e.action()).isEqualTo("approved");
            assertThat(e.outcome()).isEqualTo("by anna");
            assertThat(e.detail()).isEqualTo("looks right to me");
            assertThat(e.target()).isEqualTo("lab");
        });
        assertThat(store.entries(run.getId())).extracting(Entry::kind).last().isEqualTo(Entry.RUN_ENDED);
        assertThat(verifier.run(run.getId()).intact()).isTrue();
    }

    @Test
    void aCallMadeOutsideAnyRunIsNotJournaled(@Autowired ComputeCloud compute, @Autowired Sites sites) {
        List<String> before = store.runs();
        compute.computeServices(sites.require("lab"));
        assertThat(store.runs()).isEqualTo(before);
    }
}
