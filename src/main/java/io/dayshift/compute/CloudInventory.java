package io.dayshift.compute;

import java.util.List;

/**
 * Read-only views of a site's Neutron, Cinder, Keystone and Glance that runbooks check before and
 * after they change something (agents alive, volume services up, dangling ports and floating IPs).
 */
public interface CloudInventory {

    /** Neutron agents, OVN agents included (their type is the API's own string). */
    List<NetworkAgent> networkAgents(String site);

    /** Cinder services (scheduler, volume backends, backup). */
    List<VolumeService> volumeServices(String site);

    /** Keystone users of every domain the credentials may see. */
    List<CloudUser> users(String site);

    /** Every security-group rule. */
    List<SecurityGroupRule> securityGroupRules(String site);

    /** Every floating IP, with whether it is associated to a port. */
    List<FloatingIp> floatingIps(String site);

    /** Ports whose device owner is exactly {@code deviceOwner} (e.g. {@code compute:nova}, {@code network:dhcp}). */
    List<NetworkPort> portsByDeviceOwner(String site, String deviceOwner);

    /** Ports that are not bound to a host, or bound to nothing at all (orphans). */
    List<NetworkPort> unboundPorts(String site);

    List<Flavor> flavors(String site);

    List<Image> images(String site);
}
