package io.dayshift.lab.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Neutron of a simulated site: its agents, security groups, floating IPs, ports and networks. */
public final class NeutronState extends ServiceState {

    final Map<String, NetworkAgent> agents = new LinkedHashMap<>();
    final Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
    final Map<String, FloatingIp> floatingIps = new LinkedHashMap<>();
    final Map<String, Port> ports = new LinkedHashMap<>();
    final Map<String, LabNetwork> networks = new LinkedHashMap<>();

    NeutronState(LabSite site) {
        super(site);
    }

    void addAgent(String type, String binary, String host, String zone) {
        String id = uuid("agent", binary + "@" + host);
        agents.putIfAbsent(id, new NetworkAgent(id, type, binary, host, zone, true, true));
    }

    public List<NetworkAgent> networkAgents() {
        synchronized (site) {
            advance();
            return agents.values().stream().map(a -> a.with(a.alive() && !site.hostDown(a.host()) && !holdsExactly(FaultType.AGENT_DEAD, a.host()),
                    a.adminStateUp())).toList();
        }
    }

    public NetworkAgent setAgentAdminState(String agentId, boolean adminStateUp) {
        synchronized (site) {
            NetworkAgent a = agents.get(agentId);
            if (a == null) {
                throw LabException.notFound("Agent " + agentId + " could not be found.");
            }
            count(adminStateUp ? "enable-network-agent" : "disable-network-agent", agentId);
            agents.put(agentId, a.with(a.alive(), adminStateUp));
            return agents.get(agentId);
        }
    }

    public List<Port> ports() {
        synchronized (site) {
            return List.copyOf(ports.values());
        }
    }

    public void deletePort(String portId) {
        synchronized (site) {
            if (ports.remove(portId) == null) {
                throw LabException.notFound("Port " + portId + " could not be found.");
            }
            count("delete-port", portId);
            floatingIps.replaceAll((id, f) -> f.portId().equals(portId) ? new FloatingIp(f.id(), f.address(), f.projectId(), f.floatingNetworkId(), "", "") : f);
        }
    }

    /** A booted server's port on {@code network} (Nova asks Neutron for it). */
    void plugServer(String serverId, String network, String projectId, String zone, String host) {
        int n = ports.size() + 1;
        ports.put(uuid("port", serverId), new Port(uuid("port", serverId), "", network, projectId,
                String.format("fa:16:3e:%02x:%02x:%02x", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff),
                "10.0.0." + (n % 250 + 3), "compute:" + zone, serverId, host));
    }

    /** A deleted server's ports go; floating IPs on them are disassociated. */
    void unplugServer(String serverId) {
        List<String> gone = ports.values().stream().filter(p -> p.deviceId().equals(serverId)).map(Port::id).toList();
        gone.forEach(ports::remove);
        floatingIps.replaceAll((fid, f) -> gone.contains(f.portId())
                ? new FloatingIp(f.id(), f.address(), f.projectId(), f.floatingNetworkId(), "", "") : f);
    }

    public List<FloatingIp> floatingIps() {
        synchronized (site) {
            return List.copyOf(floatingIps.values());
        }
    }

    public void deleteFloatingIp(String id) {
        synchronized (site) {
            if (floatingIps.remove(id) == null) {
                throw LabException.notFound("Floating IP " + id + " could not be found.");
            }
            count("delete-floating-ip", id);
        }
    }

    public List<SecurityGroup> securityGroups() {
        synchronized (site) {
            return List.copyOf(securityGroups.values());
        }
    }

    public void deleteSecurityGroupRule(String ruleId) {
        synchronized (site) {
            for (SecurityGroup g : List.copyOf(securityGroups.values())) {
                List<SecurityGroupRule> kept = g.rules().stream().filter(r -> !r.id().equals(ruleId)).toList();
                if (kept.size() != g.rules().size()) {
                    securityGroups.put(g.id(), new SecurityGroup(g.id(), g.name(), g.projectId(), g.description(), kept));
                    count("delete-security-group-rule", ruleId);
                    return;
                }
            }
            throw LabException.notFound("Security group rule " + ruleId + " does not exist");
        }
    }

    /** Neutron's networks: {@code public} (external), {@code private} (shared) and those the topology's ports are on. */
    public List<LabNetwork> networks() {
        synchronized (site) {
            seedNetworks();
            for (Port p : ports.values()) {
                if (!networks.containsKey(p.networkId())) {
                    int n = networks.size();
                    networks.put(p.networkId(), new LabNetwork(p.networkId(), "net-" + p.projectId().substring(0, Math.min(8, p.projectId().length())),
                            p.projectId(), false, false, "192.168." + n + ".0/24", 1000 + n));
                }
            }
            return List.copyOf(networks.values());
        }
    }

    /** The external {@code public} network (of the topology's floating IPs, when they name one) and the shared {@code private} one. */
    private void seedNetworks() {
        String privateNet = uuid("network", "private");
        if (networks.containsKey(privateNet)) {
            return;
        }
        String admin = site.keystone().adminProjectId();
        floatingIps.values().stream().map(FloatingIp::floatingNetworkId).filter(id -> !id.isEmpty()).findFirst()
                .or(() -> Optional.of(uuid("network", "public")))
                .ifPresent(id -> networks.put(id, new LabNetwork(id, "public", admin, false, true, "203.0.113.0/24", 0)));
        networks.put(privateNet, new LabNetwork(privateNet, "private", admin, true, false, "10.0.0.0/24", 1001));
    }
}
