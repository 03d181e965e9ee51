package io.dayshift.adapter.openstack;

import io.dayshift.compute.ApiEndpoint;
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
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.openstack4j.api.types.Facing;
import org.openstack4j.model.identity.v3.Endpoint;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.model.network.Port;
import org.openstack4j.model.network.options.PortListOptions;
import org.openstack4j.model.storage.block.ext.Service;

/** {@link CloudInventory} on Neutron, Cinder, Keystone, Nova flavors and Glance, through openstack4j. */
final class OpenStackCloudInventory implements CloudInventory {

    private final OpenStackCalls calls;
    private final HttpClient probes;

    OpenStackCloudInventory(OpenStackCalls calls) {
        this.calls = calls;
        this.probes = HttpClient.newBuilder().connectTimeout(calls.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
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

    /** A catalog entry to probe. */
    private record Target(String type, String name, String url) {
    }

    @Override
    public List<ApiEndpoint> apiEndpoints(Site site) {
        List<Target> targets = calls.call(site, "read the service catalog", "", os -> {
            CloudConfig cloud = CloudsYaml.read(site.openstack().cloudsFile(), site.openstack().cloud(), calls.secrets());
            return catalog(os.getToken(), cloud);
        });
        Duration timeout = calls.connectTimeout();
        List<CompletableFuture<ApiEndpoint>> answers = new ArrayList<>();
        for (Target target : targets) {
            long started = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(URI.create(target.url())).timeout(timeout).header("Accept", "application/json").GET().build();
            answers.add(probes.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> new ApiEndpoint(target.type(), target.name(), target.url(),
                            failure == null ? OptionalInt.of(response.statusCode()) : OptionalInt.empty(),
                            failure == null ? Optional.empty() : Optional.of(problem(failure, timeout)),
                            (System.nanoTime() - started) / 1_000_000)));
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    /** The endpoints of the clouds.yaml entry's interface (and region, if it names one), in the catalog's order. */
    private static List<Target> catalog(Token token, CloudConfig cloud) {
        Facing facing = switch (cloud.interfaceName()) {
            case "internal" -> Facing.INTERNAL;
            case "admin" -> Facing.ADMIN;
            default -> Facing.PUBLIC;
        };
        List<Target> targets = new ArrayList<>();
        if (token.getCatalog() == null) {
            return targets;
        }
        for (org.openstack4j.model.identity.v3.Service service : token.getCatalog()) {
            for (Endpoint endpoint : service.getEndpoints()) {
                boolean region = cloud.regionName().map(r -> r.equals(endpoint.getRegion()) || r.equals(endpoint.getRegionId())).orElse(true);
                if (endpoint.getIface() == facing && region && endpoint.getUrl() != null) {
                    targets.add(new Target(nonNull(service.getType()), nonNull(service.getName()), endpoint.getUrl().toString()));
                }
            }
        }
        return targets;
    }

    private String problem(Throwable failure, Duration timeout) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toSeconds() + "s";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + calls.secrets().redact(cause.getMessage()));
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
