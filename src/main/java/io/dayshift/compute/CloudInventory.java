package io.dayshift.compute;

import io.dayshift.site.Site;
import java.util.List;

/**
 * Read-only views of a site's Neutron, Cinder, Keystone and Glance that runbooks check before and
 * after they change something (agents alive, volume services up, dangling ports and floating IPs).
 * Every method takes the site first, as configured under {@code dayshift.sites}.
 */
public interface CloudInventory {

    /** Neutron agents, OVN agents included (their type is the API's own string). */
    List<NetworkAgent> networkAgents(Site site);

    /** Cinder services (scheduler, volume backends, backup). */
    List<VolumeService> volumeServices(Site site);

    /** Keystone users of every domain the credentials may see. */
    List<CloudUser> users(Site site);

    /** Every security-group rule. */
    List<SecurityGroupRule> securityGroupRules(Site site);

    /** Every floating IP, with whether it is associated to a port. */
    List<FloatingIp> floatingIps(Site site);

    /** Ports whose device owner is exactly {@code deviceOwner} (e.g. {@code compute:nova}, {@code network:dhcp}). */
    List<NetworkPort> portsByDeviceOwner(Site site, String deviceOwner);

    /** Ports that are not bound to a host, or bound to nothing at all (orphans). */
    List<NetworkPort> unboundPorts(Site site);

    List<Flavor> flavors(Site site);

    List<Image> images(Site site);

    /**
     * Every endpoint of the catalog the site's token carries (the interface and region of its clouds.yaml entry), each
     * probed with one unauthenticated GET on its URL, bounded by the adapter's connect timeout. An endpoint that does not
     * answer is a result ({@link ApiEndpoint#reachable()} false), not an exception; failing to get a token is one.
     */
    List<ApiEndpoint> apiEndpoints(Site site);
}
