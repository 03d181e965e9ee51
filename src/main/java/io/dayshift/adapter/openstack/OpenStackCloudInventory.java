package io.dayshift.adapter.openstack;

import io.dayshift.compute.CloudInventory;
import io.dayshift.compute.CloudUser;
import io.dayshift.compute.FloatingIp;
import io.dayshift.compute.Flavor;
import io.dayshift.compute.Image;
import io.dayshift.compute.NetworkAgent;
import io.dayshift.compute.NetworkPort;
import io.dayshift.compute.SecurityGroupRule;
import io.dayshift.compute.VolumeService;
import io.dayshift.site.Site;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.model.network.Port;
import org.openstack4j.model.network.options.PortListOptions;
import org.openstack4j.model.storage.block.ext.Service;

/** {@link CloudInventory} on Neutron, Cinder, Keystone, Nova flavors and Glance, through openstack4j. */
final class OpenStackCloudInventory implements CloudInventory {

    private final OpenStackCalls calls;

    OpenStackCloudInventory(OpenStackCalls calls) {
        this.calls = calls;
    }

    @Override
    public List<NetworkAgent> networkAgents(Site site) {
        // Raw: openstack4j's Agent.Type turns every OVN (and linuxbridge, SR-IOV, ...) agent into UNRECOGNIZED.
        return calls.call(site, "list network agents", "", os ->
                NovaJson.agents(RawApi.network().get("/agents", Map.of(), null)));
    }

    @Override
    public List<VolumeService> volumeServices(Site site) {
        return calls.call(site, "list volume services", "", os -> os.blockStorage().services().list().stream()
                .map(s -> new VolumeService(s.getBinary(), s.getHost(), nonNull(s.getZone()),
                        s.getStatus() == Service.Status.ENABLED, s.getState() == Service.State.UP,
                        optional(s.getDisabledReason())))
                .toList());
    }

    @Override
    public List<CloudUser> users(Site site) {
        return calls.call(site, "list users", "", os -> os.identity().users().list().stream()
                .map(u -> new CloudUser(u.getId(), u.getName(), nonNull(u.getDomainId()), u.isEnabled(),
                        optional(u.getDefaultProjectId())))
                .toList());
    }

    @Override
    public List<SecurityGroupRule> securityGroupRules(Site site) {
        return calls.call(site, "list security group rules", "", os -> os.networking().securityrule().list().stream()
                .map(r -> new SecurityGroupRule(r.getId(), r.getSecurityGroupId(), r.getDirection(), r.getEtherType(),
                        optional(r.getProtocol()), Optional.ofNullable(r.getPortRangeMin()), Optional.ofNullable(r.getPortRangeMax()),
                        optional(r.getRemoteIpPrefix()), optional(r.getRemoteGroupId())))
                .toList());
    }

    @Override
    public List<FloatingIp> floatingIps(Site site) {
        return calls.call(site, "list floating IPs", "", os -> os.networking().floatingip().list().stream()
                .map(f -> new FloatingIp(f.getId(), f.getFloatingIpAddress(),
                        f.getProjectId() != null ? f.getProjectId() : nonNull(f.getTenantId()),
                        nonNull(f.getStatus()), optional(f.getPortId()), optional(f.getFixedIpAddress())))
                .toList());
    }

    @Override
    public List<NetworkPort> portsByDeviceOwner(Site site, String deviceOwner) {
        return calls.call(site, "list ports", "device owner " + deviceOwner, os ->
                os.networking().port().list(PortListOptions.create().deviceOwner(deviceOwner)).stream()
                        .map(OpenStackCloudInventory::port)
                        .filter(p -> p.deviceOwner().orElse("").equals(deviceOwner))
                        .toList());
    }

    @Override
    public List<NetworkPort> unboundPorts(Site site) {
        return calls.call(site, "list unbound ports", "", os -> os.networking().port().list().stream()
                .map(OpenStackCloudInventory::port)
                .filter(p -> p.unbound() || p.orphaned())
                .toList());
    }

    @Override
    public List<Flavor> flavors(Site site) {
        return calls.call(site, "list flavors", "", os -> os.compute().flavors().list().stream()
                .map(f -> new Flavor(f.getId(), f.getName(), f.getVcpus(), f.getRam(), f.getDisk(), !Boolean.FALSE.equals(f.isPublic())))
                .sorted(Comparator.comparing(Flavor::ramMb).thenComparing(Flavor::name))
                .toList());
    }

    @Override
    public List<Image> images(Site site) {
        return calls.call(site, "list images", "", os -> os.imagesV2().list().stream()
                .map(i -> new Image(i.getId(), nonNull(i.getName()),
                        i.getStatus() == null ? "unknown" : i.getStatus().name().toLowerCase(),
                        i.getVisibility() == null ? "unknown" : i.getVisibility().name().toLowerCase(),
                        i.getSize() == null ? 0 : i.getSize()))
                .toList());
    }

    static NetworkPort port(Port p) {
        return new NetworkPort(p.getId(), p.getNetworkId(), p.getState() == null ? "UNKNOWN" : p.getState().name(),
                optional(p.getDeviceOwner()), optional(p.getDeviceId()), optional(p.getHostId()), optional(p.getVifType()));
    }

    private static Optional<String> optional(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
