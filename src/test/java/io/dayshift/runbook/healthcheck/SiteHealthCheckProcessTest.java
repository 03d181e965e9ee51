package io.dayshift.runbook.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.dayshift.lab.model.FaultType;
import io.dayshift.lab.model.Flavor;
import io.dayshift.lab.model.LabFault;
import io.dayshift.lab.model.LabImage;
import io.dayshift.lab.model.LabSite;
import io.dayshift.runbook.RunVariables;
import io.dayshift.engine.StepRecord;
import io.dayshift.testing.ChatWebhook;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code site-health-check} and {@code daily-health-check} against the built-in lab through the production adapters: the
 * whole service with the lab on (time factor 0), the job executor off, each job run by the test. Faults are injected into the
 * lab's model; a third site, {@code broken}, has a clouds.yaml whose Keystone is a closed port.
 */
@RunbookProcessTest(timeFactor = "0")
class SiteHealthCheckProcessTest extends ProcessTestFixture {

    private static final Path DIR = LabTests.tempDirectory("site-health-check-");
    private static final Path BROKEN_CLOUDS = brokenCloudsYaml();
    private static final ChatWebhook CHAT = ChatWebhook.start();

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.retries.openstack", () -> "R2/PT1S");
        registry.add("dayshift.health-check.sites", () -> "lab,lab-charmed");
        registry.add("dayshift.lab.notify.chat-webhook", () -> "file:" + CHAT.urlFile());
        // A kolla site whose clouds.yaml points at a port nobody listens on: every OpenStack call fails.
        String broken = "dayshift.sites.broken.";
        registry.add(broken + "flavour", () -> "kolla");
        registry.add(broken + "openstack.cloud", () -> "broken");
        registry.add(broken + "openstack.clouds-file", BROKEN_CLOUDS::toString);
        registry.add(broken + "kolla.host-group", () -> "deployer");
        registry.add(broken + "kolla.inventory", () -> "/etc/kolla/multinode");
        registry.add(broken + "kolla.globals", () -> "/etc/kolla/globals.yml");
        registry.add(broken + "ssh.deployer.hosts[0]", () -> "127.0.0.1");
        registry.add(broken + "ssh.deployer.port", () -> "1");
        registry.add(broken + "ssh.deployer.user", () -> "dayshift");
        registry.add(broken + "ssh.deployer.private-key", () -> DIR.resolve("no-key").toString());
        registry.add(broken + "ssh.deployer.known-hosts", () -> DIR.resolve("no-known-hosts").toString());
    }

    private final List<String> bootedServers = new ArrayList<>();

    @AfterAll
    static void stopChat() {
        CHAT.stop();
    }

    @AfterEach
    void healLab() {
        CHAT.reset();
        CHAT.failing(false);
        lab.require("lab").clearFaults();
        lab.require("lab-charmed").clearFaults();
        LabSite kolla = lab.require("lab");
        bootedServers.forEach(kolla.nova()::deleteServer);
        bootedServers.clear();
        kolla.nova().hypervisors().stream().filter(h -> !h.enabled()).forEach(h -> kolla.nova().enableComputeService(h.hostname()));
    }

    // ---------------------------------------------------------------------------------------------------- healthy

    @Test
    void aHealthyKollaSiteIsGreen() {
        // given the kolla lab as it starts
        // when the check runs
        ProcessInstance run = check("lab");

        // then every step ran, the site is green, without findings
        assertThat(run).isEnded().hasPassedInOrder(SiteHealthCheck.Elements.VALIDATE_INPUT, SiteHealthCheck.Elements.CHECK_COMPUTE_SERVICES,
                SiteHealthCheck.Elements.CHECK_NETWORK_AGENTS, SiteHealthCheck.Elements.CHECK_VOLUME_SERVICES, SiteHealthCheck.Elements.CHECK_HYPERVISOR_USAGE,
                SiteHealthCheck.Elements.CHECK_API_ENDPOINTS, SiteHealthCheck.Elements.CHECK_CEPH, SiteHealthCheck.Elements.CHECK_CONTAINERS,
                SiteHealthCheck.Elements.CHECK_CONTAINER_LOGS, SiteHealthCheck.Elements.CHECK_GALERA_CLUSTER, SiteHealthCheck.Elements.GRADE_HEALTH,
                SiteHealthCheck.Elements.SITE_GREEN_END).hasNotPassed(SiteHealthCheck.Elements.CHECK_CHARM_UNITS, SiteHealthCheck.Elements.NOTIFY_SITE_RED);
        assertThat(health(run)).isEqualTo("GREEN");
        assertThat(findings(run)).isEmpty();
        assertThat(runbooks.summary(run)).startsWith("Site lab is GREEN (0 red, 0 amber finding(s))");
        assertThat(runbooks.steps(run)).extracting(StepRecord::step).containsExactly(SiteHealthCheck.Elements.VALIDATE_INPUT,
                SiteHealthCheck.Elements.CHECK_COMPUTE_SERVICES, SiteHealthCheck.Elements.CHECK_NETWORK_AGENTS, SiteHealthCheck.Elements.CHECK_VOLUME_SERVICES,
                SiteHealthCheck.Elements.CHECK_HYPERVISOR_USAGE, SiteHealthCheck.Elements.CHECK_API_ENDPOINTS, SiteHealthCheck.Elements.CHECK_CEPH,
                SiteHealthCheck.Elements.CHECK_CONTAINERS, SiteHealthCheck.Elements.CHECK_CONTAINER_LOGS, SiteHealthCheck.Elements.CHECK_GALERA_CLUSTER,
                SiteHealthCheck.Elements.GRADE_HEALTH);
        assertThat(runbooks.steps(run).get(6).result()).isEqualTo("Ceph HEALTH_OK: nothing found");
        assertThat(runbooks.steps(run).get(8).action()).contains("docker logs --tail 200 <container>");
        assertThat(runbooks.steps(run).get(8).result()).contains("neutron_openvswitch_agent");
        assertThat(runbooks.steps(run).get(9).result()).isEqualTo("3 mariadb nodes: nothing found");
        assertThat(runbooks.steps(run).get(5).result()).contains("identity=200", "compute=200", "image=300", "volumev3=401");
    }

    @Test
    void aHealthyCharmedSiteIsGreen() {
        // given the charmed lab as it starts
        // when the check runs
        ProcessInstance run = check("lab-charmed");

        // then it took the charmed branch and the site is green
        assertThat(run).isEnded().hasPassedInOrder(SiteHealthCheck.Elements.CHECK_CEPH, SiteHealthCheck.Elements.CHECK_CHARM_UNITS,
                SiteHealthCheck.Elements.CHECK_UNIT_LOGS, SiteHealthCheck.Elements.CHECK_DATABASE_CLUSTER, SiteHealthCheck.Elements.SITE_GREEN_END)
                .hasNotPassed(SiteHealthCheck.Elements.CHECK_CONTAINERS, SiteHealthCheck.Elements.CHECK_CONTAINER_LOGS, SiteHealthCheck.Elements.CHECK_GALERA_CLUSTER);
        assertThat(health(run)).isEqualTo("GREEN");
        assertThat(findings(run)).isEmpty();
        assertThat(runbooks.steps(run)).filteredOn(s -> s.step().equals(SiteHealthCheck.Elements.CHECK_CHARM_UNITS)).singleElement()
                .satisfies(s -> assertThat(s.action()).startsWith("juju status --format=json -m openstack"));
        assertThat(runbooks.steps(run)).filteredOn(s -> s.step().equals(SiteHealthCheck.Elements.CHECK_DATABASE_CLUSTER)).singleElement()
                .satisfies(s -> assertThat(s.action()).isEqualTo("juju run <leader> cluster-status on mysql-innodb-cluster/0"));
    }

    // ---------------------------------------------------------------------------------------------------- red

    @Test
    void aHypervisorDownMakesTheSiteRed() {
        // given cn03 of the kolla lab is down
        lab.require("lab").injectFault(LabFault.of(FaultType.HYPERVISOR_DOWN, "cn03"));

        // when the check runs
        ProcessInstance run = check("lab");

        // then it is red, naming the service, the agent and the container of cn03
        assertThat(run).isEnded().hasPassed(SiteHealthCheck.Elements.SITE_RED_END);
        assertThat(health(run)).isEqualTo("RED");
        assertThat(findings(run)).filteredOn(f -> f.health() == Health.RED).extracting(Finding::check, Finding::subject)
                .contains(org.assertj.core.groups.Tuple.tuple("compute-services", "nova-compute on cn03"),
                        org.assertj.core.groups.Tuple.tuple("containers", "nova_compute on cn03"));
        assertThat(findings(run)).anySatisfy(f -> assertThat(f.subject()).endsWith(" on cn03").isNotEqualTo("nova-compute on cn03")
                .satisfies(s -> assertThat(f.check()).isEqualTo("network-agents")));
        assertThat(findings(run)).filteredOn(f -> f.subject().equals("nova_compute on cn03") && f.check().equals("containers")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("Restarting (1)"));
        assertThat(runbooks.summary(run)).startsWith("Site lab is RED").contains("nova-compute on cn03");
    }

    @Test
    void aUnitInErrorMakesACharmedSiteRed() {
        // given keystone/0 of the charmed lab is in error
        lab.require("lab-charmed").injectFault(LabFault.of(FaultType.UNIT_ERROR, "keystone/0"));

        // when the check runs
        ProcessInstance run = check("lab-charmed");

        // then it is red, naming the unit and Juju's message; its failed hook is in the model's log too
        assertThat(run).isEnded().hasPassed(SiteHealthCheck.Elements.SITE_RED_END);
        assertThat(findings(run)).extracting(Finding::check, Finding::health, Finding::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple("charm-units", Health.RED, "keystone/0"),
                org.assertj.core.groups.Tuple.tuple("unit-logs", Health.AMBER, "keystone"));
        assertThat(findings(run).get(0).message()).contains("workload error").contains("hook failed");
        assertThat(findings(run).get(1).message()).contains("hook \"config-changed\"").contains("failed");
    }

    @Test
    void cephInHealthErrMakesTheSiteRedAndInHealthWarnAmber() {
        // given the kolla lab's Ceph has PGs down
        LabSite site = lab.require("lab");
        site.injectFault(new LabFault("", FaultType.CEPH_ERROR, "", "PG_AVAILABILITY: Reduced data availability: 4 pgs down", 0));

        // when the check runs, then Ceph is a red finding with Ceph's reason
        ProcessInstance red = check("lab");
        assertThat(red).isEnded().hasPassed(SiteHealthCheck.Elements.CHECK_CEPH, SiteHealthCheck.Elements.SITE_RED_END);
        assertThat(findings(red)).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("ceph");
            assertThat(f.health()).isEqualTo(Health.RED);
            assertThat(f.message()).isEqualTo("is HEALTH_ERR: PG_AVAILABILITY: Reduced data availability: 4 pgs down");
        });

        // and with only a warning (noout set by hand) it is amber
        site.clearFaults();
        site.ceph().setCephFlag("noout", true);
        try {
            ProcessInstance amber = check("lab");
            assertThat(amber).isEnded().hasPassed(SiteHealthCheck.Elements.SITE_AMBER_END);
            assertThat(findings(amber)).singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("is HEALTH_WARN: OSDMAP_FLAGS: noout flag(s) set"));
        } finally {
            site.ceph().setCephFlag("noout", false);
        }
    }

    @Test
    void aGaleraNodeOutOfTheClusterMakesAKollaSiteRed() {
        // given cc02's MariaDB has left the Galera cluster (its container still runs)
        lab.require("lab").injectFault(LabFault.of(FaultType.GALERA_NODE_OUT, "cc02"));

        // when the check runs
        ProcessInstance run = check("lab");

        // then cc02 is out (non-Primary) and the others see two of the three nodes: red
        assertThat(run).isEnded().hasPassed(SiteHealthCheck.Elements.CHECK_GALERA_CLUSTER, SiteHealthCheck.Elements.SITE_RED_END);
        assertThat(findings(run)).extracting(Finding::check, Finding::health, Finding::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple("galera", Health.RED, "mariadb on cc01"),
                org.assertj.core.groups.Tuple.tuple("galera", Health.RED, "mariadb on cc02"),
                org.assertj.core.groups.Tuple.tuple("galera", Health.RED, "mariadb on cc03"));
        assertThat(findings(run).get(1).message()).startsWith("is out of the cluster: wsrep_cluster_status non-Primary, state Initialized");
        assertThat(findings(run).get(0).message()).isEqualTo("sees 2 of the 3 mariadb nodes in its cluster");
    }

    @Test
    void aDatabaseClusterMemberMissingMakesACharmedSiteRed() {
        // given mysql-innodb-cluster/2 has dropped out of the InnoDB cluster
        lab.require("lab-charmed").injectFault(LabFault.of(FaultType.GALERA_NODE_OUT, "mysql-innodb-cluster/2"));

        // when the check runs
        ProcessInstance run = check("lab-charmed");

        // then cluster-status says it tolerates no failure any more, naming the missing member: red
        assertThat(run).isEnded().hasPassed(SiteHealthCheck.Elements.CHECK_DATABASE_CLUSTER, SiteHealthCheck.Elements.SITE_RED_END);
        assertThat(findings(run)).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("database-cluster");
            assertThat(f.health()).isEqualTo(Health.RED);
            assertThat(f.subject()).isEqualTo("mysql-innodb-cluster");
            assertThat(f.message()).startsWith("cluster status OK_NO_TOLERANCE_PARTIAL: Cluster is NOT tolerant to any failures. 1 member is not active.")
                    .contains("(MISSING)");
        });
    }

    @Test
    void anApiThatAnswers503MakesTheSiteRed() {
        // given the image API of the kolla lab has no backend
        lab.require("lab").injectFault(LabFault.of(FaultType.API_DOWN, "image"));

        // when the check runs
        ProcessInstance run = check("lab");

        // then Glance's endpoint is red with the status and the URL
        assertThat(run).isEnded().hasPassed(SiteHealthCheck.Elements.SITE_RED_END);
        assertThat(findings(run)).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("glance API (image)");
            assertThat(f.message()).startsWith("answers HTTP 503 at http://127.0.0.1:").endsWith("/lab/openstack/lab/image");
        });
    }

    @Test
    void aKeyContainerThatExitedMakesTheSiteRed() {
        // given mariadb on cc01 has exited
        lab.require("lab").injectFault(new LabFault("", FaultType.CONTAINER_EXITED, "cc01/mariadb", "InnoDB: Database page corruption", 0));

        // when the check runs
        ProcessInstance run = check("lab");

        // then the container is red, its last log lines show the error, and Galera misses the node
        assertThat(run).isEnded().hasPassed(SiteHealthCheck.Elements.SITE_RED_END);
        assertThat(findings(run)).extracting(Finding::check, Finding::health, Finding::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple("containers", Health.RED, "mariadb on cc01"),
                org.assertj.core.groups.Tuple.tuple("container-logs", Health.AMBER, "mariadb on cc01"),
                org.assertj.core.groups.Tuple.tuple("galera", Health.RED, "mariadb on cc01"),
                org.assertj.core.groups.Tuple.tuple("galera", Health.RED, "mariadb on cc02"),
                org.assertj.core.groups.Tuple.tuple("galera", Health.RED, "mariadb on cc03"));
        assertThat(findings(run).get(2).message()).startsWith("cannot be asked for its wsrep status: rc=1").contains("is not running");
        assertThat(findings(run).get(0).message()).isEqualTo("is not running: Exited (1) 7 minutes ago (a key container)");
        assertThat(findings(run).get(1).message()).contains("1 error line(s)").contains("InnoDB: Database page corruption");
    }

    // ---------------------------------------------------------------------------------------------------- amber

    @Test
    void aHostLoadedPastTheRamThresholdMakesTheSiteAmber() {
        // given cn06 (4 GiB used) gets seven more m1.xlarge servers: 116 GiB of 128 GiB RAM
        LabSite site = lab.require("lab");
        Flavor xlarge = site.nova().flavors().stream().filter(f -> f.name().equals("m1.xlarge")).findFirst().orElseThrow();
        LabImage image = site.nova().images().get(0);
        for (int i = 1; i <= 7; i++) {
            bootedServers.add(site.nova().bootServer("load-" + i, site.keystone().adminProjectId(), xlarge.id(), image.id(), "cn06", "", "", "").id());
        }

        // when the check runs
        ProcessInstance run = check("lab");

        // then cn06 is amber with its numbers against the 80 % threshold
        assertThat(run).isEnded().hasPassed(SiteHealthCheck.Elements.SITE_AMBER_END);
        assertThat(health(run)).isEqualTo("AMBER");
        assertThat(findings(run)).filteredOn(f -> f.subject().equals("cn06")).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("hypervisor-usage");
            assertThat(f.message()).startsWith("RAM at ").contains("of 131072 MiB").endsWith("above the 80 % threshold");
        });
    }

    @Test
    void aComputeServiceDisabledForMaintenanceMakesTheSiteAmber() {
        // given cn05's nova-compute is disabled
        lab.require("lab").nova().disableComputeService("cn05", "kernel update CHG-1234");

        // when the check runs
        ProcessInstance run = check("lab");

        // then it is amber with the reason
        assertThat(run).isEnded().hasPassed(SiteHealthCheck.Elements.SITE_AMBER_END);
        assertThat(findings(run)).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("nova-compute on cn05");
            assertThat(f.message()).isEqualTo("is disabled: kernel update CHG-1234");
        });
    }

    @Test
    void anExitedContainerAndErrorLinesMakeAKollaSiteAmber() {
        // given horizon on cc02 has exited, and nova_conductor on cc01 logs errors
        LabSite site = lab.require("lab");
        site.injectFault(LabFault.of(FaultType.CONTAINER_EXITED, "cc02/horizon"));
        site.injectFault(new LabFault("", FaultType.CONTAINER_ERRORS, "cc01/nova_conductor", "AMQP server on rabbitmq:5672 is unreachable", 0));

        // when the check runs
        ProcessInstance run = check("lab");

        // then both are amber, with the container's status and the error lines counted
        assertThat(run).isEnded().hasPassed(SiteHealthCheck.Elements.SITE_AMBER_END);
        assertThat(findings(run)).extracting(Finding::check, Finding::health, Finding::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple("containers", Health.AMBER, "horizon on cc02"),
                org.assertj.core.groups.Tuple.tuple("container-logs", Health.AMBER, "nova_conductor on cc01"));
        assertThat(findings(run).get(1).message()).startsWith("2 error line(s) in its last 8 log lines")
                .contains("AMQP server on rabbitmq:5672 is unreachable");
    }

    @Test
    void errorsInTheOpenvswitchAgentLogMakeAKollaSiteAmber() {
        // given neutron_openvswitch_agent on cn02 logs errors
        lab.require("lab").injectFault(new LabFault("", FaultType.CONTAINER_ERRORS, "cn02/neutron_openvswitch_agent",
                "Failed to communicate with the switch: ovsdb-server connection refused", 0));

        // when the check runs
        ProcessInstance run = check("lab");

        // then the agent's log is read and its errors are an amber finding
        assertThat(run).isEnded().hasPassed(SiteHealthCheck.Elements.SITE_AMBER_END);
        assertThat(findings(run)).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("container-logs");
            assertThat(f.subject()).isEqualTo("neutron_openvswitch_agent on cn02");
            assertThat(f.message()).contains("ovsdb-server connection refused");
        });
    }

    @Test
    void errorsInACharmedUnitsLogMakeTheSiteAmber() {
        // given keystone/1 logs errors (its workload is still active)
        lab.require("lab-charmed").injectFault(new LabFault("", FaultType.UNIT_LOG_ERRORS, "keystone/1",
                "Hook error: keystoneauth1.exceptions.http.InternalServerError: Internal Server Error (HTTP 500)", 0));

        // when the check runs
        ProcessInstance run = check("lab-charmed");

        // then juju debug-log shows them and they are an amber finding of the application
        assertThat(run).isEnded().hasPassed(SiteHealthCheck.Elements.CHECK_UNIT_LOGS, SiteHealthCheck.Elements.SITE_AMBER_END);
        assertThat(findings(run)).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("unit-logs");
            assertThat(f.health()).isEqualTo(Health.AMBER);
            assertThat(f.subject()).isEqualTo("keystone");
            assertThat(f.message()).startsWith("1 error line(s)").contains("unit-keystone-1").contains("HTTP 500");
        });
        assertThat(runbooks.steps(run)).filteredOn(s -> s.step().equals(SiteHealthCheck.Elements.CHECK_UNIT_LOGS)).singleElement()
                .satisfies(s -> assertThat(s.action()).isEqualTo("juju debug-log --no-tail --level ERROR --limit 200"));
    }

    // ---------------------------------------------------------------------------------------------------- input, failures

    @Test
    void anUnknownSiteIsRejectedAndCountsAsRed() {
        // given no site named atlantis
        // when a check of it starts
        ProcessInstance run = runtime.startProcessInstanceByKey(SiteHealthCheck.PROCESS_KEY, Map.of("site", "atlantis"));
        runJobs(run);

        // then the input is rejected, nothing is checked, and a caller's gate sees RED
        assertThat(run).isEnded().hasPassed(SiteHealthCheck.Elements.INPUT_REJECTED_END).hasNotPassed(SiteHealthCheck.Elements.CHECK_COMPUTE_SERVICES);
        assertThat(runbooks.summary(run)).startsWith("Input rejected, nothing was checked: site: 'atlantis' is not a configured site")
                .contains("lab-charmed");
        assertThat(health(run)).isEqualTo("RED");
        assertThat(findings(run)).singleElement().extracting(Finding::check).isEqualTo("input");
    }

    @Test
    void aSiteWhoseApiCannotBeReachedRaisesAnIncidentAfterTheRetries() {
        // given site broken, whose Keystone is a closed port
        ProcessInstance run = runtime.startProcessInstanceByKey(SiteHealthCheck.PROCESS_KEY, Map.of("site", "broken"));
        management.executeJob(onlyJob(run).getId()); // after the start
        management.executeJob(onlyJob(run).getId()); // validate input, up to the first OpenStack step

        // when the first OpenStack step fails as often as its profile allows (dayshift.retries.openstack=R2/PT1S: two tries)
        for (int left = 2; left >= 1; left--) {
            Job job = onlyJob(run);
            assertThat(job.getRetries()).isEqualTo(left);
            assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("site broken");
        }

        // then an incident names the step and the failure; the run waits there
        assertThat(run).isNotEnded().isWaitingAt(SiteHealthCheck.Elements.CHECK_COMPUTE_SERVICES);
        Incident incident = runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(SiteHealthCheck.Elements.CHECK_COMPUTE_SERVICES);
        assertThat(incident.getIncidentMessage()).contains("site broken").contains("authenticate");
        assertThat(onlyJob(run).getRetries()).isZero();
        runtime.deleteProcessInstance(run.getId(), "test done");
    }

    // ---------------------------------------------------------------------------------------------------- daily

    @Test
    void theDailyCheckStartsOneCheckPerConfiguredSite() {
        // given the daily process's timer (it never fires by itself: the job executor is off)
        Job timer = management.createJobQuery().processDefinitionKey(DailyHealthCheck.PROCESS_KEY).timers().singleResult();
        assertThat(timer).isNotNull();

        // when it fires
        management.executeJob(timer.getId());
        ProcessInstance daily = runtime.createProcessInstanceQuery().processDefinitionKey(DailyHealthCheck.PROCESS_KEY).singleResult();
        management.executeJob(onlyJob(daily).getId());

        // then one site-health-check runs per configured site, each to its end, and the daily run ends
        List<ProcessInstance> checks = runtime.createProcessInstanceQuery().processDefinitionKey(SiteHealthCheck.PROCESS_KEY)
                .superProcessInstanceId(daily.getId()).list();
        assertThat(checks).extracting(c -> runtime.getVariable(c.getId(), "site")).containsExactlyInAnyOrder("lab", "lab-charmed");
        checks.forEach(this::runJobs);
        assertThat(daily).isEnded().hasPassed(DailyHealthCheck.Elements.CHECK_EACH_SITE, DailyHealthCheck.Elements.DAILY_CHECK_DONE_END);
        assertThat(checks).allSatisfy(c -> assertThat(c).isEnded().hasPassed(SiteHealthCheck.Elements.SITE_GREEN_END));
        assertThat(CHAT.messages()).isEmpty();
    }

    @Test
    void aRedSiteOfTheDailyCheckNotifiesItsChannelsWithItsRedFindings() {
        // given the kolla lab's Ceph is in error, the charmed lab healthy
        lab.require("lab").injectFault(new LabFault("", FaultType.CEPH_ERROR, "", "PG_AVAILABILITY: Reduced data availability: 4 pgs down", 0));

        // when the daily check runs
        List<ProcessInstance> checks = runDailyCheck();

        // then the red site's check notified the site's chat with the site, its grade and its red findings; the green one did not
        ProcessInstance red = checks.stream().filter(c -> "lab".equals(runbooks.variable(c, "site"))).findFirst().orElseThrow();
        assertThat(red).isEnded().hasPassed(SiteHealthCheck.Elements.NOTIFY_SITE_RED, SiteHealthCheck.Elements.SITE_RED_END);
        assertThat(CHAT.messages()).singleElement().asString().contains("site lab is RED").contains("RED ceph: Ceph cluster is HEALTH_ERR")
                .contains("4 pgs down").doesNotContain("lab-charmed");
        assertThat(runbooks.steps(red)).filteredOn(s -> s.step().equals(SiteHealthCheck.Elements.NOTIFY_SITE_RED)).singleElement()
                .satisfies(s -> assertThat(s.result()).isEqualTo("chat delivered"));
    }

    @Test
    void aFailingChannelNeverFailsTheDailyCheck() {
        // given the kolla lab is red and the chat service answers 500
        lab.require("lab").injectFault(new LabFault("", FaultType.CEPH_ERROR, "", "", 0));
        CHAT.failing(true);

        // when the daily check runs
        List<ProcessInstance> checks = runDailyCheck();

        // then the red check still ends RED, recording that the chat did not take the message
        ProcessInstance red = checks.stream().filter(c -> "lab".equals(runbooks.variable(c, "site"))).findFirst().orElseThrow();
        assertThat(red).isEnded().hasPassed(SiteHealthCheck.Elements.NOTIFY_SITE_RED, SiteHealthCheck.Elements.SITE_RED_END);
        assertThat(runbooks.steps(red)).filteredOn(s -> s.step().equals(SiteHealthCheck.Elements.NOTIFY_SITE_RED)).singleElement()
                .satisfies(s -> assertThat(s.result()).isEqualTo("chat NOT delivered"));
        assertThat(management.createJobQuery().withException().list()).isEmpty();
    }

    private List<ProcessInstance> runDailyCheck() {
        ProcessInstance daily = runtime.startProcessInstanceByKey(DailyHealthCheck.PROCESS_KEY);
        management.executeJob(onlyJob(daily).getId());
        List<ProcessInstance> checks = runtime.createProcessInstanceQuery().processDefinitionKey(SiteHealthCheck.PROCESS_KEY)
                .superProcessInstanceId(daily.getId()).list();
        checks.forEach(this::runJobs);
        assertThat(daily).isEnded();
        return checks;
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private ProcessInstance check(String site) {
        ProcessInstance run = runtime.startProcessInstanceByKey(SiteHealthCheck.PROCESS_KEY, Map.of("site", site));
        runJobs(run);
        return run;
    }

    /** Runs the instance's jobs one by one, as the job executor would, until it has none left. */
    private void runJobs(ProcessInstance run) {
        for (int i = 0; i < 50; i++) {
            List<Job> jobs = management.createJobQuery().processInstanceId(run.getId()).list();
            if (jobs.isEmpty()) {
                return;
            }
            management.executeJob(jobs.get(0).getId());
        }
        throw new AssertionError("run " + run.getId() + " did not end within 50 jobs");
    }

    private Job onlyJob(ProcessInstance run) {
        return management.createJobQuery().processInstanceId(run.getId()).singleResult();
    }

    private String health(ProcessInstance run) {
        return (String) runbooks.variable(run, RunVariables.HEALTH.name());
    }

    @SuppressWarnings("unchecked")
    private List<Finding> findings(ProcessInstance run) {
        return (List<Finding>) runbooks.variable(run, SiteHealthCheck.Variables.FINDINGS.name());
    }

    private static Path brokenCloudsYaml() {
        try (ServerSocket socket = new ServerSocket(0)) {
            int closed = socket.getLocalPort();
            return Files.writeString(DIR.resolve("broken-clouds.yaml"), """
                    clouds:
                      broken:
                        auth:
                          auth_url: http://127.0.0.1:%d/v3
                          username: admin
                          password: not-a-real-password
                          project_name: admin
                          user_domain_name: Default
                          project_domain_name: Default
                        region_name: RegionOne
                        interface: public
                        identity_api_version: 3
                    """.formatted(closed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
