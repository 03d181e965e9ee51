package io.dayshift.adapter.juju;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.adapter.ssh.SshTestSupport;
import io.dayshift.charm.ActionFailedException;
import io.dayshift.charm.ActionResult;
import io.dayshift.charm.CharmModelException;
import io.dayshift.charm.ControllerBackup;
import io.dayshift.charm.NewUnit;
import io.dayshift.charm.Readiness;
import io.dayshift.charm.UnitCheck;
import io.dayshift.site.Flavour;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.site.SshEndpoint;
import io.dayshift.testing.TestSshServer;
import io.dayshift.testing.TestSshServer.Reply;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Juju adapter over real SSH against a server answering like the juju CLI of 2.9 and 3.x. */
class JujuCharmModelContractTest {

    private static final String J3 = "cou-openstack-ussuri-juju3.4.2.json";
    private static final String J29 = "cou-openstack-ussuri-juju2.9.42.json";
    private static final String STATUS = "juju status -m 'openstack' --format=json";

    private final ObjectMapper json = new ObjectMapper();
    private TestSshServer server;
    private FakeJuju juju;
    private Secrets secrets;
    private JujuCharmModel model;
    private Site site;

    /** Answers juju command lines; records nothing itself (the server records every line). */
    private static final class FakeJuju implements TestSshServer.Handler {
        String version = "3.4.2-genericlinux-amd64";
        final Deque<String> statuses = new ArrayDeque<>();
        final Map<String, Reply> replies = new HashMap<>();

        @Override
        public Reply handle(String line) {
            if (line.equals("juju version")) {
                return Reply.ok(version + "\n");
            }
            if (line.equals(STATUS)) {
                return Reply.ok(statuses.size() > 1 ? statuses.poll() : statuses.peek());
            }
            return replies.getOrDefault(line, Reply.failure(2, "ERROR unexpected command: " + line + "\n"));
        }
    }

    @BeforeEach
    void start() {
        server = TestSshServer.start();
        juju = new FakeJuju();
        server.onCommand(juju);
        secrets = new Secrets(name -> null);
        model = new JujuCharmModel(SshTestSupport.shell(secrets), JujuProperties.defaults(), secrets, json,
                Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC), call -> { });
        site = site("lab", server.endpoint(), "openstack");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    static Site site(String name, SshEndpoint jump, String jujuModel) {
        return new Site(name, Flavour.CHARMED, false, new Site.OpenStack(name, Path.of("clouds.yaml")), null, new Site.Juju("jump", jujuModel), null,
                Map.of("jump", new Site.HostGroup(List.of(jump.host()), jump.port(), jump.user(), jump.privateKey(), jump.knownHosts())), null, null);
    }

    private void use(String juju29or3) {
        juju.version = juju29or3.equals(J29) ? "2.9.42-ubuntu-amd64" : "3.4.2-genericlinux-amd64";
    }

    // --- status ---

    @Test
    void readsTheStatusOfTheSitesModel() {
        juju.statuses.add(Fixtures.read(J3));

        assertThat(model.status(site).application("nova-compute").orElseThrow().revision()).isEqualTo(669);
        assertThat(server.commands()).containsExactly(STATUS);
    }

    // --- add a unit on a tagged MAAS machine ---

    @ParameterizedTest
    @CsvSource({J3, J29})
    void addsAUnitOnANewTaggedMachineWithoutConstraintsOnAddUnit(String fixture) throws Exception {
        use(fixture);
        juju.statuses.add(Fixtures.read(fixture));
        juju.statuses.add(withUnit(Fixtures.read(fixture), "nova-compute/1", "12", "waiting", "allocating", "pending", "allocating"));
        juju.replies.put("juju add-machine -m 'openstack' --constraints 'tags=openstack-compute'", new Reply(0, "", "created machine 12\n"));
        juju.replies.put("juju add-unit -m 'openstack' 'nova-compute' --to '12'", Reply.ok(""));

        NewUnit unit = model.addUnit(site, "nova-compute", "openstack-compute");

        assertThat(unit).isEqualTo(new NewUnit("nova-compute/1", "12"));
        assertThat(server.commands()).containsExactly(
                STATUS,
                "juju add-machine -m 'openstack' --constraints 'tags=openstack-compute'",
                "juju add-unit -m 'openstack' 'nova-compute' --to '12'",
                STATUS);
        assertThat(server.commands()).filteredOn(c -> c.contains("add-unit")).noneMatch(c -> c.contains("--constraints"));
    }

    @Test
    void reusesAnEmptyTaggedMachineLeftByAnEarlierAttempt() throws Exception {
        String withEmptyMachine = withMachine(Fixtures.read(J3), "12", "arch=amd64 tags=openstack-compute", "started", "running", "");
        juju.statuses.add(withEmptyMachine);
        juju.statuses.add(withUnit(withEmptyMachine, "nova-compute/1", "12", "maintenance", "executing", "started", "running"));
        juju.replies.put("juju add-unit -m 'openstack' 'nova-compute' --to '12'", Reply.ok(""));

        NewUnit unit = model.addUnit(site, "nova-compute", "openstack-compute");

        assertThat(unit).isEqualTo(new NewUnit("nova-compute/1", "12"));
        assertThat(server.commands()).noneMatch(c -> c.contains("add-machine"));
    }

    @Test
    void aFailedAddMachineNamesSiteAndApplication() {
        juju.statuses.add(Fixtures.read(J3));
        juju.replies.put("juju add-machine -m 'openstack' --constraints 'tags=gpu'", Reply.failure(1, "ERROR cannot add machine: quota\n"));

        assertThatThrownBy(() -> model.addUnit(site, "nova-compute", "gpu"))
                .isInstanceOf(CharmModelException.class)
                .hasMessageContaining("site lab")
                .hasMessageContaining("nova-compute")
                .hasMessageContaining("quota");
        assertThat(server.commands()).noneMatch(c -> c.contains("add-unit"));
    }

    @Test
    void refusesToAddUnitsOfASubordinate() {
        juju.statuses.add(Fixtures.read(J3));

        assertThatThrownBy(() -> model.addUnit(site, "neutron-openvswitch", "openstack-compute"))
                .isInstanceOf(CharmModelException.class).hasMessageContaining("subordinate");
    }

    // --- add-compute-node: a unit on one named MAAS machine, removing its machine ---

    @ParameterizedTest
    @CsvSource({J3, J29})
    void addsAUnitOnANamedMaasMachineWithAPlacementAndTheTagConstraint(String fixture) throws Exception {
        use(fixture);
        juju.statuses.add(Fixtures.read(fixture));
        juju.statuses.add(withUnit(Fixtures.read(fixture), "nova-compute/1", "12", "waiting", "allocating", "pending", "allocating"));
        juju.replies.put("juju add-machine -m 'openstack' 'spare01' --constraints 'tags=openstack-compute'", new Reply(0, "", "created machine 12\n"));
        juju.replies.put("juju add-unit -m 'openstack' 'nova-compute' --to '12'", Reply.ok(""));

        NewUnit unit = model.addUnitOnMachine(site, "nova-compute", "spare01", "openstack-compute");

        assertThat(unit).isEqualTo(new NewUnit("nova-compute/1", "12"));
        assertThat(server.commands()).containsExactly(STATUS,
                "juju add-machine -m 'openstack' 'spare01' --constraints 'tags=openstack-compute'",
                "juju add-unit -m 'openstack' 'nova-compute' --to '12'",
                STATUS);
        assertThat(server.commands()).filteredOn(c -> c.contains("add-unit")).noneMatch(c -> c.contains("--constraints"));
    }

    @Test
    void aUnitAlreadyOnThatMaasMachineIsReturnedWithoutAddingAnything() throws Exception {
        ObjectNode root = (ObjectNode) json.readTree(withUnit(Fixtures.read(J3), "nova-compute/1", "12", "active", "idle", "started", "running"));
        ((ObjectNode) root.at("/machines/12")).put("hostname", "spare01");
        juju.statuses.add(json.writeValueAsString(root));

        NewUnit unit = model.addUnitOnMachine(site, "nova-compute", "spare01", "openstack-compute");

        assertThat(unit).isEqualTo(new NewUnit("nova-compute/1", "12"));
        assertThat(server.commands()).containsExactly(STATUS);
    }

    @Test
    void aMachineNameWithShellCharactersIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> model.addUnitOnMachine(site, "nova-compute", "new01; rm -rf /", "openstack-compute"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.commands()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({J3 + ",juju remove-machine -m 'openstack' '12' --no-prompt", J29 + ",juju remove-machine -m 'openstack' '12'"})
    void removesAnEmptyMachine(String fixture, String expected) throws Exception {
        use(fixture);
        juju.statuses.add(withMachine(Fixtures.read(fixture), "12", "tags=openstack-compute", "started", "running", ""));
        juju.replies.put(expected, new Reply(0, "", "will remove machine 12\n"));

        assertThat(model.removeMachine(site, "12")).isTrue();
        assertThat(server.commands()).contains(expected);
    }

    @Test
    void aMachineWithUnitsIsNotRemoved() throws Exception {
        juju.statuses.add(withUnit(Fixtures.read(J3), "nova-compute/1", "12", "active", "idle", "started", "running"));

        assertThatThrownBy(() -> model.removeMachine(site, "12")).isInstanceOf(CharmModelException.class)
                .hasMessageContaining("site lab").hasMessageContaining("nova-compute/1");
        assertThat(server.commands()).noneMatch(c -> c.contains("remove-machine"));
    }

    @Test
    void removingAMachineThatIsGoneDoesNothing() {
        juju.statuses.add(Fixtures.read(J3));

        assertThat(model.removeMachine(site, "99")).isFalse();
        assertThat(server.commands()).containsExactly(STATUS);
    }

    // --- check a unit (no waiting) ---

    @Test
    void aUnitAndItsSubordinatesActiveAndIdleIsReady() {
        juju.statuses.add(Fixtures.read(J3));

        UnitCheck check = model.checkUnit(site, "nova-compute/0");

        assertThat(check.readiness()).isEqualTo(Readiness.READY);
        assertThat(check.machine()).isEqualTo("5");
        assertThat(check.summary()).contains("nova-compute/0").contains("neutron-openvswitch/0");
    }

    @Test
    void aNewUnitStillAllocatingIsWaiting() throws Exception {
        juju.statuses.add(withUnit(Fixtures.read(J3), "nova-compute/1", "12", "waiting", "allocating", "pending", "allocating"));

        UnitCheck check = model.checkUnit(site, "nova-compute/1");

        assertThat(check.readiness()).isEqualTo(Readiness.WAITING);
        assertThat(check.pending()).anyMatch(p -> p.startsWith("machine 12")).anyMatch(p -> p.startsWith("nova-compute/1"))
                .anyMatch(p -> p.contains("subordinate neutron-openvswitch"));
    }

    @Test
    void aUnitInErrorIsAFailureNamingIt() throws Exception {
        ObjectNode status = (ObjectNode) json.readTree(Fixtures.read(J3));
        ObjectNode workload = (ObjectNode) status.at("/applications/nova-compute/units/nova-compute~10/workload-status");
        workload.put("current", "error").put("message", "hook failed: \"install\"");

        juju.statuses.add(json.writeValueAsString(status));
        UnitCheck check = model.checkUnit(site, "nova-compute/0");

        assertThat(check.readiness()).isEqualTo(Readiness.FAILED);
        assertThat(check.summary()).contains("nova-compute/0").contains("hook failed");
    }

    @Test
    void aSubordinateInErrorIsAFailureNamingIt() throws Exception {
        ObjectNode status = (ObjectNode) json.readTree(Fixtures.read(J29));
        ((ObjectNode) status.at("/applications/nova-compute/units/nova-compute~10/subordinates/neutron-openvswitch~10/workload-status"))
                .put("current", "error").put("message", "hook failed: \"config-changed\"");

        juju.statuses.add(json.writeValueAsString(status));
        UnitCheck check = model.checkUnit(site, "nova-compute/0");

        assertThat(check.failed()).isTrue();
        assertThat(check.summary()).contains("nova-compute/0").contains("neutron-openvswitch/0").contains("config-changed");
    }

    @Test
    void aMachineWithAProvisioningErrorIsAFailureNamingTheUnit() throws Exception {
        String status = withUnit(Fixtures.read(J3), "nova-compute/1", "12", "waiting", "allocating", "pending", "provisioning error");
        juju.statuses.add(status.replace("\"provisioning error\"", "\"provisioning error\",\"message\":\"No available machine matches constraints\""));

        UnitCheck check = model.checkUnit(site, "nova-compute/1");

        assertThat(check.failed()).isTrue();
        assertThat(check.summary()).contains("nova-compute/1").contains("machine 12").contains("No available machine");
    }

    @Test
    void aBlockedSubordinateKeepsTheUnitWaiting() {
        juju.statuses.add(Fixtures.read("jubilant-subordinates-juju3.6.4.json"));

        UnitCheck check = model.checkUnit(site, "ubuntu/1");

        assertThat(check.readiness()).isEqualTo(Readiness.WAITING);
        assertThat(check.pending()).singleElement().asString().contains("nrpe/1").contains("blocked");
    }

    @Test
    void anUnknownUnitIsAFailure() {
        juju.statuses.add(Fixtures.read(J3));

        assertThat(model.checkUnit(site, "nova-compute/9").summary()).contains("nova-compute/9").contains("does not exist");
    }

    // --- refresh, config ---

    @ParameterizedTest
    @CsvSource({J3 + ", juju refresh", J29 + ", juju upgrade-charm"})
    void refreshesToAChannelWithTheVerbOfTheInstalledJuju(String fixture, String verb) {
        use(fixture);
        juju.statuses.add(Fixtures.read(fixture));
        String expected = verb + " -m 'openstack' 'nova-compute' --channel 'victoria/stable'";
        juju.replies.put(expected, Reply.ok("Added charm-hub charm \"nova-compute\", revision 680 in channel victoria/stable\n"));

        assertThat(model.refresh(site, "nova-compute", "victoria/stable")).isTrue();
        assertThat(server.commands()).containsExactly(STATUS, "juju version", expected);
    }

    @Test
    void refreshingToTheCurrentChannelWithNothingNewerDoesNothing() {
        juju.statuses.add(Fixtures.read(J3));

        assertThat(model.refresh(site, "glance", "ussuri/stable")).isFalse();
        assertThat(server.commands()).containsExactly(STATUS);
    }

    @Test
    void setsAConfigOption() {
        juju.replies.put("juju config -m 'openstack' 'nova-compute' 'action-managed-upgrade=true'", Reply.ok(""));

        model.setConfig(site, "nova-compute", "action-managed-upgrade", "true");

        assertThat(server.commands()).containsExactly("juju config -m 'openstack' 'nova-compute' 'action-managed-upgrade=true'");
    }

    @Test
    void aConfigValueWithShellCharactersIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> model.setConfig(site, "nova-compute", "openstack-origin", "x; touch y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.commands()).isEmpty();
    }

    // --- actions ---

    @Test
    void runsAJuju3ActionAndReadsItsResults() {
        String line = "juju run -m 'openstack' 'mysql/0' 'mysqldump' 'databases=keystone' 'gzip=true' --format=json --wait=1800s";
        juju.replies.put(line, Reply.ok(Fixtures.read("juju3-run-action-completed.json")));

        ActionResult result = model.runAction(site, "mysql/0", "mysqldump", Map.of("gzip", "true", "databases", "keystone"));

        assertThat(server.commands()).containsExactly("juju version", line);
        assertThat(result.status()).isEqualTo("completed");
        assertThat(result.id()).isEqualTo("42");
        assertThat(result.results()).containsEntry("username", "user");
        assertThat(result.stdout()).isEqualTo("OUT");
        assertThat(secrets.redact("value=pass")).isEqualTo("value=****"); // the result named password is now masked everywhere
    }

    @Test
    void runsAJuju29ActionWithRunActionAndReadsTheUnitTagKey() {
        use(J29);
        String line = "juju run-action -m 'openstack' 'nova-compute/0' 'instance-count' --format=json --wait=1800s";
        juju.replies.put(line, Reply.ok("{\"unit-nova-compute-0\":{\"id\":\"7\",\"results\":{\"instance-count\":\"3\",\"return-code\":0},"
                + "\"status\":\"completed\",\"unit\":\"nova-compute/0\"}}"));

        ActionResult result = model.runAction(site, "nova-compute/0", "instance-count", Map.of());

        assertThat(result.results()).containsEntry("instance-count", "3");
        assertThat(server.commands()).containsExactly("juju version", line);
    }

    @Test
    void aFailedActionNamesTheUnitAndTheActionsMessage() {
        juju.replies.put("juju run -m 'openstack' 'mysql/0' 'mysqldump' --format=json --wait=1800s",
                Reply.ok(Fixtures.read("juju3-run-action-failed.json")));

        assertThatThrownBy(() -> model.runAction(site, "mysql/0", "mysqldump", Map.of()))
                .isInstanceOfSatisfying(ActionFailedException.class, e -> {
                    assertThat(e.unit()).isEqualTo("mysql/0");
                    assertThat(e.action()).isEqualTo("mysqldump");
                    assertThat(e.status()).isEqualTo("failed");
                })
                .hasMessageContaining("site lab")
                .hasMessageContaining("mysql/0")
                .hasMessageContaining("Failure message");
    }

    @Test
    void anUncaughtCharmExceptionIsAFailedActionEvenThoughJujuExitsNonZero() {
        juju.replies.put("juju run -m 'openstack' 'mysql/0' 'mysqldump' --format=json --wait=1800s",
                new Reply(1, Fixtures.read("juju3-run-action-uncaught-exception.json"), "ERROR task failed\n"));

        assertThatThrownBy(() -> model.runAction(site, "mysql/0", "mysqldump", Map.of()))
                .isInstanceOf(ActionFailedException.class)
                .hasMessageContaining("mysql/0")
                .hasMessageContaining("return code 1")
                .hasMessageContaining("Uncaught Exception");
    }

    @Test
    void anUndefinedActionIsAFailureWithJujusMessage() {
        juju.replies.put("juju run -m 'openstack' 'mysql/0' 'nope' --format=json --wait=1800s",
                Reply.failure(1, "ERROR action \"nope\" not defined for unit \"mysql/0\" (not found)\n"));

        assertThatThrownBy(() -> model.runAction(site, "mysql/0", "nope", Map.of()))
                .isInstanceOf(CharmModelException.class)
                .isNotInstanceOf(ActionFailedException.class)
                .hasMessageContaining("not defined");
    }

    @ParameterizedTest
    @CsvSource({J3 + ", juju run", J29 + ", juju run-action"})
    void pausesAndResumesThroughActions(String fixture, String verb) {
        use(fixture);
        String done = "{\"nova-compute/0\":{\"id\":\"1\",\"status\":\"completed\",\"results\":{\"return-code\":0}}}";
        juju.replies.put(verb + " -m 'openstack' 'nova-compute/0' 'pause' --format=json --wait=1800s", Reply.ok(done));
        juju.replies.put(verb + " -m 'openstack' 'nova-compute/0' 'resume' --format=json --wait=1800s", Reply.ok(done));

        model.pause(site, "nova-compute/0");
        model.resume(site, "nova-compute/0");

        assertThat(server.commands()).containsExactly("juju version",
                verb + " -m 'openstack' 'nova-compute/0' 'pause' --format=json --wait=1800s",
                verb + " -m 'openstack' 'nova-compute/0' 'resume' --format=json --wait=1800s");
    }

    // --- remove-unit, backup ---

    @ParameterizedTest
    @CsvSource({J3 + ", juju remove-unit -m 'openstack' 'nova-compute/0' --no-prompt", J29 + ", juju remove-unit -m 'openstack' 'nova-compute/0'"})
    void removesAUnit(String fixture, String expected) {
        use(fixture);
        juju.statuses.add(Fixtures.read(fixture));
        juju.replies.put(expected, Reply.ok(""));

        assertThat(model.removeUnit(site, "nova-compute/0")).isTrue();
        assertThat(server.commands()).containsExactly(STATUS, "juju version", expected);
    }

    @Test
    void removingAUnitThatIsGoneDoesNothing() {
        juju.statuses.add(Fixtures.read(J3));

        assertThat(model.removeUnit(site, "nova-compute/7")).isFalse();
        assertThat(server.commands()).containsExactly(STATUS);
    }

    @Test
    void backsUpTheControllerOfAQualifiedModel() {
        Site qualified = site("lab", server.endpoint(), "prod:admin/openstack");
        String file = "/var/tmp/dayshift-backups/juju-backup-lab-20250102T030405Z.tar.gz";
        String create = "mkdir -p '/var/tmp/dayshift-backups' && juju create-backup -m 'prod:controller' --filename '" + file + "'";
        juju.replies.put(create, new Reply(0, "Downloaded to " + file + "\n", ""));
        juju.replies.put("wc -c '" + file + "'", Reply.ok("52428800 " + file + "\n"));

        ControllerBackup backup = model.createControllerBackup(qualified);

        assertThat(backup.file()).isEqualTo(file);
        assertThat(backup.sizeBytes()).isEqualTo(52428800L);
        assertThat(backup.host()).contains("127.0.0.1");
        assertThat(server.commands()).containsExactly(create, "wc -c '" + file + "'");
    }

    @Test
    void theJujuVersionIsAskedOncePerSite() {
        String done = "{\"nova-compute/0\":{\"id\":\"1\",\"status\":\"completed\",\"results\":{\"return-code\":0}}}";
        juju.replies.put("juju run -m 'openstack' 'nova-compute/0' 'pause' --format=json --wait=1800s", Reply.ok(done));

        model.pause(site, "nova-compute/0");
        model.pause(site, "nova-compute/0");

        assertThat(server.commands()).filteredOn("juju version"::equals).hasSize(1);
    }

    @Test
    void aFailingStatusNamesTheSiteAndHost() {
        juju.statuses.add("not json");

        assertThatThrownBy(() -> model.status(site))
                .isInstanceOf(CharmModelException.class)
                .hasMessageContaining("site lab")
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("openstack");
    }

    // --- helpers: a fixture with one more machine and unit ---

    private String withMachine(String status, String id, String constraints, String jujuStatus, String machineStatus, String unused) throws Exception {
        ObjectNode root = (ObjectNode) json.readTree(status);
        ObjectNode machine = ((ObjectNode) root.get("machines")).putObject(id);
        machine.putObject("juju-status").put("current", jujuStatus);
        machine.putObject("machine-status").put("current", machineStatus);
        machine.put("constraints", constraints);
        machine.put("hardware", "arch=amd64 availability-zone=az1");
        return json.writeValueAsString(root);
    }

    private String withUnit(String status, String unit, String machineId, String workload, String agent, String machineJuju, String machineStatus)
            throws Exception {
        ObjectNode root = (ObjectNode) json.readTree(withMachine(status, machineId, "arch=amd64 tags=openstack-compute", machineJuju, machineStatus, ""));
        String app = unit.substring(0, unit.indexOf('/'));
        ObjectNode node = ((ObjectNode) root.at("/applications/" + app + "/units")).putObject(unit);
        node.putObject("workload-status").put("current", workload);
        node.putObject("juju-status").put("current", agent);
        node.put("machine", machineId);
        return json.writeValueAsString(root);
    }
}
