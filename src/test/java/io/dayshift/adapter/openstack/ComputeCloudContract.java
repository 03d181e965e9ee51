package io.dayshift.adapter.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.compute.CloudInventory;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.compute.ComputeCloudException;
import io.dayshift.compute.ComputeService;
import io.dayshift.compute.Flavor;
import io.dayshift.compute.HostAggregate;
import io.dayshift.compute.Hypervisor;
import io.dayshift.compute.Image;
import io.dayshift.compute.NetworkPort;
import io.dayshift.compute.ResourceInventory;
import io.dayshift.compute.ResourceUsage;
import io.dayshift.compute.ServerDetail;
import io.dayshift.compute.ServerRequest;
import io.dayshift.compute.ServerSettlement;
import io.dayshift.compute.ServerSettlement.Phase;
import io.dayshift.compute.ServerSummary;
import io.dayshift.site.Site;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link ComputeCloud} and {@link CloudInventory} must do, exercised end
 * to end against a cloud: the real OpenStack lab ({@link RealOpenStackLabContractTest}) or a simulated
 * one. Subclasses say where the cloud is and which hosts it has; this class never assumes more.
 *
 * <p>Each test leaves the cloud as it found it, also when it fails: servers it booted are deleted,
 * compute services it disabled are enabled, forced-down services are forced up again (after the
 * subclass has restarted an evacuated host's compute service, as Nova requires).
 */
public abstract class ComputeCloudContract {

    // ---- what a subclass provides -------------------------------------------------------------

    protected abstract ComputeCloud compute();

    protected abstract CloudInventory inventory();

    /** The site the ports are called with. */
    protected abstract Site site();

    /** At least three compute hosts (one to pin to, one to evacuate, one spare). */
    protected abstract List<String> computeHosts();

    /** A network to attach smoke-test servers to, if the cloud has one. */
    protected abstract Optional<String> networkId();

    /**
     * Restarts the compute service of a host from which servers were evacuated: Nova refuses to force
     * such a host up before its nova-compute restarted and cleaned up. Blocks until it is back.
     */
    protected abstract void restartComputeService(String host);

    /**
     * Called before every test: a subclass aborts it with a JUnit assumption when its cloud is not
     * there, so that each test is reported as skipped with the reason.
     */
    protected void assumeCloudAvailable() {
    }

    /**
     * The device owner Nova gives the port of a server on {@code host}: {@code compute:<availability zone>}, the zone
     * of the host the scheduler put it on. The real lab has the single zone {@code nova}.
     */
    protected String computeDeviceOwner(String host) {
        return "compute:nova";
    }

    /** How long a server may take to boot or to move. */
    protected Duration settleTimeout() {
        return Duration.ofMinutes(3);
    }

    // ---- bookkeeping so that every test restores the cloud ------------------------------------

    private final List<String> bootedServers = new ArrayList<>();
    private final List<String> evacuatedHosts = new ArrayList<>();
    private Map<String, ComputeService> servicesBefore;

    @BeforeEach
    void rememberComputeServices() {
        assumeCloudAvailable();
        servicesBefore = compute().computeServices(site()).stream()
                .filter(ComputeService::isCompute)
                .collect(Collectors.toMap(ComputeService::host, s -> s));
    }

    @AfterEach
    void restoreCloud() {
        if (servicesBefore == null) {
            return; // skipped before anything was touched
        }
        List<Throwable> problems = new ArrayList<>();
        for (String id : bootedServers) {
            run(problems, () -> compute().deleteServer(site(), id));
        }
        for (String host : evacuatedHosts) {
            run(problems, () -> restartComputeService(host));
        }
        for (ComputeService before : servicesBefore.values()) {
            run(problems, () -> {
                ComputeService now = compute().computeService(site(), before.host()).orElseThrow();
                if (now.forcedDown() && !before.forcedDown()) {
                    compute().unsetForcedDown(site(), before.host());
                }
                if (!now.enabled() && before.enabled()) {
                    compute().enableComputeService(site(), before.host());
                }
            });
        }
        for (String id : bootedServers) {
            run(problems, () -> awaitGone(id));
        }
        bootedServers.clear();
        evacuatedHosts.clear();
        if (!problems.isEmpty()) {
            AssertionError error = new AssertionError("could not restore the cloud: " + problems);
            problems.forEach(error::addSuppressed);
            throw error;
        }
    }

    private static void run(List<Throwable> problems, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | AssertionError e) {
            problems.add(e);
        }
    }

    // ---- compute services ---------------------------------------------------------------------

    @Test
    void listsComputeServicesOfEveryHostUpAndEnabled() {
        List<ComputeService> services = compute().computeServices(site());

        assertThat(services).filteredOn(ComputeService::isCompute)
                .extracting(ComputeService::host)
                .containsAll(computeHosts());
        assertThat(services).filteredOn(s -> computeHosts().contains(s.host()))
                .allSatisfy(s -> {
                    assertThat(s.up()).as("%s up", s.host()).isTrue();
                    assertThat(s.forcedDown()).as("%s forced down", s.host()).isFalse();
                    assertThat(s.updatedAt()).isPresent();
                });
        assertThat(services).extracting(ComputeService::binary).contains("nova-scheduler", "nova-conductor");
    }

    @Test
    void aggregatesNameOnlyComputeHostsOfTheSite() {
        List<String> computes = compute().computeServices(site()).stream().filter(ComputeService::isCompute).map(ComputeService::host).toList();

        List<HostAggregate> aggregates = compute().aggregates(site());

        assertThat(aggregates).allSatisfy(a -> {
            assertThat(a.name()).isNotBlank();
            assertThat(computes).containsAll(a.hosts());
        });
    }

    @Test
    void disablesWithAReasonThatTheServiceListShowsAndEnablesAgain() {
        String host = computeHosts().get(0);
        String reason = "dayshift contract " + UUID.randomUUID();

        ComputeService disabled = compute().disableComputeService(site(), host, reason);

        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason()).contains(reason);
        assertThat(compute().computeServices(site()))
                .filteredOn(s -> s.host().equals(host) && s.isCompute())
                .singleElement()
                .satisfies(s -> assertThat(s.disabledReason()).contains(reason));
        assertThat(compute().hypervisors(site()))
                .filteredOn(h -> h.serviceHost().equals(host))
                .allSatisfy(h -> assertThat(h.enabled()).isFalse());

        ComputeService enabled = compute().enableComputeService(site(), host);

        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.disabledReason()).isEmpty();
    }

    @Test
    void disablingNeedsAReason() {
        assertThatThrownBy(() -> compute().disableComputeService(site(), computeHosts().get(0), " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(computeHosts().get(0));
    }

    @Test
    void forcesAServiceDownAndUp() {
        String host = computeHosts().get(2);

        ComputeService down = compute().forceDownComputeService(site(), host);

        assertThat(down.forcedDown()).isTrue();
        assertThat(down.up()).isFalse();

        ComputeService up = compute().unsetForcedDown(site(), host);

        assertThat(up.forcedDown()).isFalse();
        assertThat(up.up()).isTrue();
    }

    @Test
    void operationsOnAnUnknownHostNameTheSiteHostAndOperation() {
        String host = "no-such-host-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(compute().computeService(site(), host)).isEmpty();
        assertThatThrownBy(() -> compute().disableComputeService(site(), host, "maintenance"))
                .isInstanceOf(ComputeCloudException.class)
                .hasMessageContaining("site " + site().name())
                .hasMessageContaining(host)
                .hasMessageContaining("disable");
    }

    // ---- API reachability (the daily health check) ---------------------------------------------

    @Test
    void everyCatalogEndpointAnswersAGetOnItsRoot() {
        List<io.dayshift.compute.ApiEndpoint> endpoints = inventory().apiEndpoints(site());

        assertThat(endpoints).extracting(io.dayshift.compute.ApiEndpoint::serviceType).contains("identity", "compute", "network", "image", "placement");
        assertThat(endpoints).allSatisfy(e -> {
            assertThat(e.reachable()).as(e.serviceType() + " at " + e.url() + ": " + e.status() + " " + e.problem()).isTrue();
            assertThat(e.status().getAsInt()).as(e.url()).isIn(200, 300, 401);
        });
    }

    // ---- hypervisors and capacity -------------------------------------------------------------

    @Test
    void reportsHypervisorUsageAndPlacementAllocationRatios() {
        List<Hypervisor> hypervisors = compute().hypervisors(site());

        assertThat(hypervisors).extracting(Hypervisor::serviceHost).containsAll(computeHosts());
        Hypervisor first = hypervisors.stream().filter(h -> h.serviceHost().equals(computeHosts().get(0))).findFirst().orElseThrow();
        assertThat(first.vcpus()).isPositive();
        assertThat(first.memoryMb()).isPositive();
        assertThat(first.diskGb()).isPositive();
        assertThat(first.vcpusUsed()).isBetween(0L, first.vcpus() * 64);
        assertThat(first.up()).isTrue();

        List<ResourceInventory> inventories = compute().inventories(site(), first.hostname());

        assertThat(inventories).extracting(ResourceInventory::resourceClass).contains("VCPU", "MEMORY_MB", "DISK_GB");
        ResourceInventory vcpu = inventories.stream().filter(i -> i.resourceClass().equals("VCPU")).findFirst().orElseThrow();
        assertThat(vcpu.total()).isEqualTo(first.vcpus());
        assertThat(vcpu.allocationRatio()).isPositive();
        assertThat(vcpu.capacity()).isGreaterThanOrEqualTo(vcpu.total() - vcpu.reserved());
    }

    @Test
    void inventoriesOfAnUnknownHypervisorFailNamingIt() {
        assertThatThrownBy(() -> compute().inventories(site(), "no-such-hypervisor"))
                .isInstanceOf(ComputeCloudException.class)
                .hasMessageContaining("no-such-hypervisor")
                .hasMessageContaining("site " + site().name());
    }

    // ---- servers ------------------------------------------------------------------------------

    @Test
    void bootsAServerPinnedToAHostListsItThereAndDeletesIt() {
        String host = computeHosts().get(0);
        String id = bootActiveOn(host, "pinned");

        assertThat(compute().serversOnHost(site(), host)).extracting(ServerSummary::id).contains(id);
        assertThat(compute().serversOnHost(site(), computeHosts().get(1))).extracting(ServerSummary::id).doesNotContain(id);
        String name = compute().server(site(), id).orElseThrow().name();
        assertThat(compute().serversNamed(site(), name)).extracting(ServerSummary::id).containsExactly(id);
        assertThat(compute().serversNamed(site(), name.substring(0, name.length() - 1))).isEmpty(); // exact names only
        ServerSettlement settlement = compute().settlement(site(), id);
        assertThat(settlement.phase()).isEqualTo(Phase.SETTLED);
        assertThat(settlement.migration()).isEmpty();

        compute().deleteServer(site(), id);
        awaitGone(id);
        compute().deleteServer(site(), id); // already gone: not an error
    }

    @Test
    void liveMigratesWithoutATargetHostAndToANamedHost() {
        String source = computeHosts().get(0);
        String id = bootActiveOn(source, "live");

        compute().liveMigrate(site(), id);
        ServerSettlement moved = awaitPhase(id, Phase.SETTLED);

        assertThat(moved.server().host()).isPresent().get().isNotEqualTo(source);
        assertThat(moved.server().status()).isEqualTo("ACTIVE");
        assertThat(moved.migration()).get().satisfies(m -> {
            assertThat(m.type()).isEqualTo("live-migration");
            assertThat(m.sourceHost()).isEqualTo(source);
        });

        String target = computeHosts().stream().filter(h -> !h.equals(moved.server().host().get())).findFirst().orElseThrow();
        compute().liveMigrate(site(), id, target);
        ServerSettlement again = awaitPhase(id, Phase.SETTLED);

        assertThat(again.server().host()).contains(target);
    }

    @Test
    void coldMigratesAwaitsConfirmationAndConfirms() {
        String source = computeHosts().get(0);
        String id = bootActiveOn(source, "cold");

        compute().coldMigrate(site(), id);
        ServerSettlement waiting = awaitPhase(id, Phase.AWAITING_CONFIRMATION);

        assertThat(waiting.server().status()).isEqualTo("VERIFY_RESIZE");
        assertThat(waiting.migration()).get().extracting(ServerSettlement.Migration::type).isEqualTo("migration");

        compute().confirmMigration(site(), id);
        ServerSettlement settled = awaitPhase(id, Phase.SETTLED);

        assertThat(settled.server().host()).isPresent().get().isNotEqualTo(source);
        assertThat(settled.migration()).get().extracting(ServerSettlement.Migration::status).isEqualTo("confirmed");

        String target = source;
        compute().coldMigrate(site(), id, target);
        awaitPhase(id, Phase.AWAITING_CONFIRMATION);
        compute().confirmMigration(site(), id);

        assertThat(awaitPhase(id, Phase.SETTLED).server().host()).contains(target);
    }

    @Test
    void confirmingAServerThatWasNotMigratedFails() {
        String id = bootActiveOn(computeHosts().get(0), "noconfirm");

        assertThatThrownBy(() -> compute().confirmMigration(site(), id))
                .isInstanceOf(ComputeCloudException.class)
                .hasMessageContaining(id)
                .hasMessageContaining("confirm");
    }

    @Test
    void evacuatesFromAForcedDownHost() {
        String failed = computeHosts().get(1);
        String id = bootActiveOn(failed, "evac");

        assertThatThrownBy(() -> compute().evacuate(site(), id))
                .as("Nova refuses to evacuate from a host whose compute service is up")
                .isInstanceOf(ComputeCloudException.class)
                .hasMessageContaining(id);

        compute().forceDownComputeService(site(), failed);
        compute().evacuate(site(), id);
        evacuatedHosts.add(failed);
        ServerSettlement rebuilt = awaitPhase(id, Phase.SETTLED);

        assertThat(rebuilt.server().host()).isPresent().get().isNotEqualTo(failed);
        assertThat(rebuilt.migration()).get().satisfies(m -> {
            assertThat(m.type()).isEqualTo("evacuation");
            assertThat(m.sourceHost()).isEqualTo(failed);
        });
        assertThatThrownBy(() -> compute().unsetForcedDown(site(), failed))
                .as("Nova keeps an evacuated host down until its compute service restarted")
                .isInstanceOf(ComputeCloudException.class)
                .hasMessageContaining(failed);
    }

    @Test
    void unknownServersAreEmptyAndActionsOnThemFailNamingThem() {
        String id = UUID.randomUUID().toString();

        assertThat(compute().server(site(), id)).isEmpty();
        assertThatThrownBy(() -> compute().liveMigrate(site(), id))
                .isInstanceOf(ComputeCloudException.class)
                .hasMessageContaining(id)
                .hasMessageContaining("site " + site().name())
                .satisfies(e -> assertThat(((ComputeCloudException) e).httpStatus()).hasValue(404));
    }

    // ---- inventory ----------------------------------------------------------------------------

    @Test
    void listsNetworkAgentsWithTheirRawType() {
        assertThat(inventory().networkAgents(site())).isNotEmpty().allSatisfy(a -> {
            assertThat(a.type()).isNotBlank().isNotEqualTo("UNRECOGNIZED");
            assertThat(a.host()).isNotBlank();
            assertThat(a.alive()).isTrue();
        });
    }

    @Test
    void listsVolumeServices() {
        assertThat(inventory().volumeServices(site()))
                .extracting(v -> v.binary())
                .contains("cinder-scheduler", "cinder-volume");
        assertThat(inventory().volumeServices(site())).allSatisfy(v -> assertThat(v.up()).isTrue());
    }

    @Test
    void listsUsers() {
        assertThat(inventory().users(site())).isNotEmpty()
                .allSatisfy(u -> assertThat(u.id()).isNotBlank())
                .anySatisfy(u -> assertThat(u.enabled()).isTrue());
    }

    @Test
    void listsSecurityGroupRulesOfTheDefaultGroups() {
        assertThat(inventory().securityGroupRules(site())).isNotEmpty().allSatisfy(r -> {
            assertThat(r.direction()).isIn("ingress", "egress");
            assertThat(r.etherType()).isIn("IPv4", "IPv6");
            assertThat(r.securityGroupId()).isNotBlank();
        });
    }

    @Test
    void floatingIpsSayWhetherTheyAreAssociated() {
        assertThat(inventory().floatingIps(site()))
                .allSatisfy(f -> assertThat(f.associated()).isEqualTo(f.portId().isPresent()));
    }

    @Test
    void findsTheBoundPortOfAServerByDeviceOwner() {
        String host = computeHosts().get(0);
        String id = bootActiveOn(host, "port");
        Predicate<NetworkPort> ofServer = p -> p.deviceId().equals(Optional.of(id));

        String owner = computeDeviceOwner(host);
        List<NetworkPort> computePorts = inventory().portsByDeviceOwner(site(), owner);

        if (networkId().isPresent()) {
            assertThat(computePorts).filteredOn(ofServer).singleElement().satisfies(p -> {
                assertThat(p.bindingHost()).contains(host);
                assertThat(p.unbound()).isFalse();
            });
            assertThat(inventory().unboundPorts(site())).noneMatch(ofServer);
        }
        assertThat(computePorts).allSatisfy(p -> assertThat(p.deviceOwner()).contains(owner));
        assertThat(inventory().portsByDeviceOwner(site(), "network:no-such-owner")).isEmpty();
    }

    @Test
    void listsFlavorsAndImagesForASmokeTest() {
        List<Flavor> flavors = inventory().flavors(site());
        List<Image> images = inventory().images(site());

        assertThat(flavors).isNotEmpty().allSatisfy(f -> {
            assertThat(f.vcpus()).isPositive();
            assertThat(f.ramMb()).isPositive();
        });
        assertThat(images).anySatisfy(i -> assertThat(i.status()).isEqualTo("active"));
    }

    // ---- capacity planning (drain-compute-node) -------------------------------------------------

    @Test
    void listsTheServersOfAHostWithTheirFlavorsAndZone() {
        String host = computeHosts().get(0);
        String id = bootActiveOn(host, "detail");
        Flavor flavor = inventory().flavors(site()).get(0);

        ServerDetail detail = compute().serverDetailsOnHost(site(), host).stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();

        assertThat(detail.host()).contains(host);
        assertThat(detail.status()).isEqualTo("ACTIVE");
        assertThat(detail.availabilityZone()).isPresent();
        assertThat(detail.flavor().name()).isEqualTo(flavor.name());
        assertThat(detail.flavor().vcpus()).isEqualTo(flavor.vcpus());
        assertThat(detail.flavor().ramMb()).isEqualTo(flavor.ramMb());
        assertThat(detail.flavor().diskGb()).isGreaterThanOrEqualTo(flavor.diskGb());
        assertThat(compute().serverDetailsOnHost(site(), computeHosts().get(1))).extracting(ServerDetail::id).doesNotContain(id);
    }

    @Test
    void listsServerGroupsOfEveryProjectWithTheirPolicies() {
        assertThat(compute().serverGroups(site())).allSatisfy(g -> {
            assertThat(g.id()).isNotBlank();
            assertThat(g.policy()).isIn("affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity");
            assertThat(g.members()).doesNotContainNull();
        });
    }

    @Test
    void reportsPlacementUsagesOfAHypervisor() {
        String host = computeHosts().get(0);
        String node = compute().hypervisors(site()).stream().filter(h -> h.serviceHost().equals(host)).findFirst().orElseThrow().hostname();
        bootActiveOn(host, "usage");
        Flavor flavor = inventory().flavors(site()).get(0);

        List<ResourceUsage> usages = compute().usages(site(), node);

        assertThat(usages).extracting(ResourceUsage::resourceClass).contains("VCPU", "MEMORY_MB", "DISK_GB");
        assertThat(usages).filteredOn(u -> u.resourceClass().equals("VCPU")).singleElement()
                .satisfies(u -> assertThat(u.used()).isGreaterThanOrEqualTo(flavor.vcpus()));
        assertThatThrownBy(() -> compute().usages(site(), "no-such-hypervisor"))
                .isInstanceOf(ComputeCloudException.class).hasMessageContaining("no-such-hypervisor").hasMessageContaining("usages");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** The smallest flavor and the first active image. */
    private ServerRequest request(String name, String host) {
        Flavor flavor = inventory().flavors(site()).get(0);
        Image image = inventory().images(site()).stream().filter(i -> i.status().equals("active")).findFirst().orElseThrow();
        return new ServerRequest("dayshift-contract-" + name + "-" + UUID.randomUUID().toString().substring(0, 8),
                flavor.id(), image.id(), Optional.of(host), networkId());
    }

    private String bootActiveOn(String host, String name) {
        String id = compute().bootServer(site(), request(name, host));
        bootedServers.add(id);
        ServerSettlement settled = awaitPhase(id, Phase.SETTLED);
        assertThat(settled.server().status()).isEqualTo("ACTIVE");
        assertThat(settled.server().host()).contains(host);
        return id;
    }

    /** Polls the settlement check, as a runbook's timer would, until the phase is reached (or FAILED, or time is up). */
    private ServerSettlement awaitPhase(String id, Phase expected) {
        Instant deadline = Instant.now().plus(settleTimeout());
        ServerSettlement last = compute().settlement(site(), id);
        while (last.phase() != expected && Instant.now().isBefore(deadline)) {
            assertThat(last.phase()).as("server %s: %s", id, last).isNotEqualTo(Phase.FAILED);
            pause();
            last = compute().settlement(site(), id);
        }
        assertThat(last.phase()).as("server %s after %s: %s", id, settleTimeout(), last).isEqualTo(expected);
        return last;
    }

    private void awaitGone(String id) {
        Instant deadline = Instant.now().plus(settleTimeout());
        while (compute().server(site(), id).isPresent()) {
            assertThat(Instant.now()).as("server %s still exists", id).isBefore(deadline);
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
