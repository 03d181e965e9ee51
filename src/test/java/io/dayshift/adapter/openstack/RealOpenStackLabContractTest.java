package io.dayshift.adapter.openstack;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dayshift.compute.CloudInventory;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.site.Flavour;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.testing.LabEnv;
import io.dayshift.testing.RealOpenStackLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.openstack4j.model.network.Network;

/**
 * Runs the {@link ComputeCloudContract} against the real OpenStack lab on loopback (three fake compute
 * hosts cn01..cn03). Runs only under {@code ./mvnw verify -Popenstack-lab} and only when the lab
 * answers; otherwise every test is skipped with a message saying how to start it.
 *
 * <p>{@link RealOpenStackLab} says where the lab is and how to reach it; its script also restarts a compute host after an
 * evacuation.
 */
class RealOpenStackLabContractTest extends ComputeCloudContract {

    static final String SITE = "openstack-lab";

    @TempDir
    static Path temp;

    private static Site site;
    private static OpenStackCalls calls;
    private static ComputeCloud compute;
    private static CloudInventory inventory;
    private static Optional<String> network = Optional.empty();
    /** Why the lab cannot be used, or null when it can. */
    private static String unavailable;

    @BeforeAll
    static void connectToTheLab() throws IOException {
        unavailable = RealOpenStackLab.whyUnavailable();
        if (unavailable != null) {
            return;
        }
        Map<String, String> env = RealOpenStackLab.environment();

        Path clouds = temp.resolve("clouds.yaml");
        Files.writeString(clouds, cloudsYaml(env));
        site = new Site(SITE, Flavour.KOLLA, false, new Site.OpenStack(SITE, clouds), null, null,
                new Site.Kolla("deployer", temp.resolve("inventory"), temp.resolve("globals.yml"), temp),
                Map.of("deployer", new Site.HostGroup(List.of("localhost"), 22, "unused", temp.resolve("key"), temp.resolve("known_hosts"))),
                null, null);
        calls = new OpenStackCalls(new Secrets(), OpenStackProperties.defaults(), Clock.systemUTC(), call -> { });
        compute = new OpenStackComputeCloud(calls, 2); // a tiny page size, so that listings really paginate
        inventory = new OpenStackCloudInventory(calls);
        network = calls.call(site, "find network", "private", os -> os.networking().network().list().stream()
                .filter(n -> n.getName().equals("private")).map(Network::getId).findFirst());
    }

    /** Checked per test rather than in {@code @BeforeAll}, so that every test is reported as skipped. */
    @Override
    protected void assumeCloudAvailable() {
        assumeTrue(unavailable == null, unavailable);
    }

    @AfterAll
    static void release() {
        if (calls != null) {
            calls.close();
        }
    }

    @Override
    protected ComputeCloud compute() {
        return compute;
    }

    @Override
    protected CloudInventory inventory() {
        return inventory;
    }

    @Override
    protected Site site() {
        return site;
    }

    @Override
    protected List<String> computeHosts() {
        return List.of("cn01", "cn02", "cn03");
    }

    @Override
    protected Optional<String> networkId() {
        return network;
    }

    @Override
    protected void restartComputeService(String host) {
        RealOpenStackLab.restartComputeService(host, temp);
    }

    static String cloudsYaml(Map<String, String> env) {
        return LabEnv.cloudsYaml(SITE, env);
    }
}
