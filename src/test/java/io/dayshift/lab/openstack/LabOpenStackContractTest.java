package io.dayshift.lab.openstack;

import io.dayshift.adapter.openstack.ComputeCloudContract;
import io.dayshift.compute.CloudInventory;
import io.dayshift.compute.ComputeCloud;
import io.dayshift.lab.LabSites;
import io.dayshift.lab.model.LabNetwork;
import io.dayshift.lab.model.LabSite;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import io.dayshift.testing.LabTests;
import io.dayshift.testing.ServiceTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same {@link ComputeCloudContract} that runs against the real OpenStack lab, here against the built-in lab's
 * site {@code lab}: the whole service with the lab on, the production adapter beans, the site from {@link Sites}
 * and its clouds.yaml, the lab's own Keystone, Nova, Placement, Neutron, Cinder and Glance over HTTP. Simulated time
 * runs 20 times faster than the defaults; listings page by two, so that paging is exercised.
 */
@ServiceTest
class LabOpenStackContractTest extends ComputeCloudContract {

    private static final Path DIR = LabTests.tempDirectory("lab-openstack-contract-");

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.lab.enabled", () -> "true");
        registry.add("dayshift.lab.directory", DIR::toString);
        registry.add("dayshift.lab.time-factor", () -> "0.05");
        registry.add("dayshift.adapters.openstack.page-size", () -> "2");
    }


    @Autowired
    ComputeCloud compute;
    @Autowired
    CloudInventory inventory;
    @Autowired
    Sites sites;
    @Autowired
    LabSites lab;

    private LabSite model() {
        return lab.require("lab");
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
        return sites.require("lab");
    }

    /** The three computes of availability zone az1 (cn04..cn06 are in az2). */
    @Override
    protected List<String> computeHosts() {
        return List.of("cn01", "cn02", "cn03");
    }

    @Override
    protected Optional<String> networkId() {
        return model().neutron().networks().stream().filter(n -> n.name().equals("private")).map(LabNetwork::id).findFirst();
    }

    /** What restarting nova-compute does in Nova: the evacuations from the host go from done to completed. */
    @Override
    protected void restartComputeService(String host) {
        model().nova().restartComputeService(host);
    }

    /** The lab's computes are in az1 and az2: a server's port is owned by {@code compute:<its host's zone>}. */
    @Override
    protected String computeDeviceOwner(String host) {
        return "compute:" + model().nova().hypervisor(host).orElseThrow().zone();
    }

    @Override
    protected Duration settleTimeout() {
        return Duration.ofSeconds(30);
    }
}
