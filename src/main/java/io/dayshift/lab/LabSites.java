package io.dayshift.lab;

import io.dayshift.lab.model.LabNode;
import io.dayshift.lab.model.LabOperation;
import io.dayshift.lab.model.LabSite;
import io.dayshift.lab.model.LabTimings;
import io.dayshift.lab.ssh.LabHosts;
import io.dayshift.lab.ssh.LabShell;
import io.dayshift.lab.ssh.LabSshServer;
import io.dayshift.lab.ssh.Session;
import io.dayshift.lab.topology.TopologyLoader;
import io.dayshift.site.Flavour;
import io.dayshift.site.SecretRef;
import io.dayshift.site.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * The running lab: its simulated sites (the models), their SSH servers, and the files the production adapters read to
 * reach them (client key, known_hosts, clouds.yaml, MAAS API keys). What a later HTTP endpoint of the lab needs is
 * here: {@link #require(String)} for a site's model, {@link #openstackPassword()} and {@link #maasApiKey(String)} for
 * the credentials the adapters were given.
 */
public final class LabSites implements AutoCloseable {

    private final Path directory;
    private final Map<String, LabSite> sites = new LinkedHashMap<>();
    private final Map<String, LabSshServer> servers = new LinkedHashMap<>();
    private final Map<String, LabSite> stores = new LinkedHashMap<>();
    private final Map<String, LabSshServer> storeServers = new LinkedHashMap<>();
    private final Map<String, Site> siteConfigs = new LinkedHashMap<>();
    private final Map<String, String> maasKeys = new LinkedHashMap<>();
    private final String openstackPassword;
    private KeptState kept;

    private LabSites(Path directory, String openstackPassword) {
        this.directory = directory;
        this.openstackPassword = openstackPassword;
    }

    /** Loads the topologies, starts one SSH server per site and writes the lab's files into {@code properties.directory()}. */
    public static LabSites start(LabProperties properties, Clock clock, Session.Sleeper sleeper) {
        Map<LabOperation, java.time.Duration> durations = new EnumMap<>(LabOperation.class);
        properties.durations().forEach((key, d) -> durations.put(LabOperation.ofKey(key), d));
        LabTimings timings = new LabTimings(properties.timeFactor(), properties.labPace(), durations);
        SecureRandom random = new SecureRandom();
        Path directory = properties.directory().toAbsolutePath().normalize();
        Optional<LabIdentity> before = properties.keepState() ? LabIdentity.read(directory) : Optional.empty();
        byte[] password = new byte[18];
        random.nextBytes(password);
        LabSites lab = new LabSites(directory, before.map(LabIdentity::openstackPassword)
                .orElseGet(() -> Base64.getUrlEncoder().withoutPadding().encodeToString(password)));
        try {
            lab.startAll(properties, clock, timings, sleeper, random, before);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            lab.close();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the lab cannot start: " + e.getMessage(), e);
        }
        return lab;
    }

    /** Starts every site; with {@code before} (a lab keeping its state, restarted), on the ports and with the keys it had. */
    private void startAll(LabProperties properties, Clock clock, LabTimings timings, Session.Sleeper sleeper, SecureRandom random,
                          Optional<LabIdentity> before) throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        KeyPair hostKey = properties.keepState() ? LabIdentity.keyPair(directory.resolve("ssh_host_ecdsa_key"), before.isPresent(), "dayshift-lab-host")
                : KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Path privateKey = directory.resolve("id_ecdsa");
        KeyPair clientKey = LabIdentity.keyPair(privateKey, before.isPresent(), "dayshift-lab");
        Map<String, LabIdentity.SiteIdentity> identities = new LinkedHashMap<>();
        Path knownHosts = directory.resolve("known_hosts");
        Path clouds = directory.resolve("clouds.yaml");
        TopologyLoader loader = new TopologyLoader();
        LabHosts hosts = new LabHosts();
        LabShell shell = LabShell.standard(hosts);
        StringBuilder known = new StringBuilder();
        StringBuilder cloudsYaml = new StringBuilder("# Written by the built-in lab at every start: the simulated sites' OpenStack endpoints.\nclouds:\n");
        for (Map.Entry<String, String> entry : properties.sites().entrySet()) {
            String name = entry.getKey();
            Optional<LabIdentity.SiteIdentity> was = before.map(identity -> identity.sites().get(name));
            LabSite site = loader.load(name, loader.readResource(entry.getValue()), clock, timings);
            String deployer = site.flavour() == Flavour.KOLLA
                    ? site.nodes().stream().filter(n -> n.hasRole("control")).map(LabNode::hostname).findFirst().orElse("") : "";
            LabSshServer server = new LabSshServer(site, shell, properties.user(), deployer, hostKey, clientKey.getPublic(), sleeper)
                    .start(was.map(LabIdentity.SiteIdentity::sshPort).orElse(0));
            sites.put(name, site);
            servers.put(name, server);
            known.append("[127.0.0.1]:").append(server.port()).append(' ').append(PublicKeyEntry.toString(hostKey.getPublic())).append('\n');
            LabSite store = new LabSite(name + "-backup-store", site.flavour(), clock, timings);
            store.kolla().makeDirectory(BACKUP_STORE_PATH);
            LabSshServer storeServer = new LabSshServer(store, shell, properties.user(), "", hostKey, clientKey.getPublic(), sleeper)
                    .start(was.map(LabIdentity.SiteIdentity::storeSshPort).orElse(0));
            stores.put(name, store);
            storeServers.put(name, storeServer);
            hosts.register("127.0.0.1", storeServer.port(), properties.user(), store);
            known.append("[127.0.0.1]:").append(storeServer.port()).append(' ').append(PublicKeyEntry.toString(hostKey.getPublic())).append('\n');
            cloudsYaml.append("  ").append(name).append(":\n")
                    .append("    auth:\n")
                    .append("      auth_url: ").append(properties.openstackUrl().replace("{site}", name)).append('\n')
                    .append("      username: admin\n")
                    .append("      password: ").append(openstackPassword).append('\n')
                    .append("      project_name: admin\n")
                    .append("      user_domain_name: Default\n")
                    .append("      project_domain_name: Default\n")
                    .append("    region_name: RegionOne\n")
                    .append("    interface: public\n")
                    .append("    identity_api_version: 3\n");
            Path siteDir = Files.createDirectories(directory.resolve(name));
            String key = was.map(LabIdentity.SiteIdentity::maasKey).orElseGet(() -> maasKey(random));
            maasKeys.put(name, key);
            identities.put(name, new LabIdentity.SiteIdentity(server.port(), storeServer.port(), key));
            Path keyFile = writePrivate(siteDir.resolve("maas-api-key"), key + "\n");
            Site.HostGroup group = new Site.HostGroup(List.of("127.0.0.1"), server.port(), properties.user(), privateKey, knownHosts);
            Site.HostGroup storeGroup = new Site.HostGroup(List.of("127.0.0.1"), storeServer.port(), properties.user(), privateKey, knownHosts);
            Site.Maas maas = new Site.Maas(URI.create(properties.maasUrl().replace("{site}", name)), SecretRef.parse("file:" + keyFile));
            Site.OpenStack openstack = new Site.OpenStack(name, clouds);
            Site config = site.flavour() == Flavour.KOLLA
                    ? new Site(name, Flavour.KOLLA, true, openstack, maas, null,
                    new Site.Kolla("deployer", Path.of(site.kolla().inventoryPath()), Path.of(site.kolla().globalsPath()), Path.of("/etc/kolla")),
                    backupGroups(site, Map.of("deployer", group), group, storeGroup), new Site.Capacity(1), properties.notifications(), backupSettings(site))
                    : new Site(name, Flavour.CHARMED, true, openstack, maas, new Site.Juju("jump", site.juju().jujuModel()), null,
                    backupGroups(site, Map.of("jump", group), group, storeGroup), new Site.Capacity(1), properties.notifications(), backupSettings(site));
            siteConfigs.put(name, config);
        }
        Files.writeString(knownHosts, known.toString(), StandardCharsets.UTF_8);
        writePrivate(clouds, cloudsYaml.toString());
        if (properties.keepState()) {
            new LabIdentity(URI.create(properties.openstackUrl().replace("{site}", "site")).getPort(), openstackPassword, identities).write(directory);
            Map<String, LabSite> all = new LinkedHashMap<>(sites);
            stores.forEach((name, store) -> all.put(store.name(), store));
            kept = KeptState.start(directory.resolve(STATE_DIRECTORY), all, before.isPresent());
        }
    }

    /** A new MAAS API key, {@code consumer:token:secret} in hex as MAAS hands them out. */
    private static String maasKey(SecureRandom random) {
        byte[] k = new byte[16];
        random.nextBytes(k);
        return HexFormat.of().formatHex(k, 0, 5) + ":" + HexFormat.of().formatHex(k, 5, 10) + ":" + HexFormat.of().formatHex(k, 10, 16);
    }

    // ---- backup-site: the MAAS region, a Ceph monitor and Vault (where the topology has them) are reached on the site's
    // one lab SSH server, as separate host groups the way a real site names them; the off-host store is a host of its own,
    // with its own SSH server and files, which the site's hosts reach with scp

    /** Where a lab that keeps its state keeps its ports, keys and credentials ({@link LabIdentity}). */
    public static final String IDENTITY_FILE = LabIdentity.FILE;
    /** Where a lab that keeps its state keeps its sites' state ({@link KeptState}). */
    public static final String STATE_DIRECTORY = KeptState.DIRECTORY;

    /** Where the lab's backup stores keep the copies. */
    public static final String BACKUP_STORE_PATH = "/srv/dayshift-backups";
    /** The SSH host group of a lab site's backup store. */
    public static final String BACKUP_STORE_GROUP = "backup-store";

    private static Map<String, Site.HostGroup> backupGroups(LabSite site, Map<String, Site.HostGroup> groups, Site.HostGroup server,
                                                            Site.HostGroup store) {
        Map<String, Site.HostGroup> all = new LinkedHashMap<>(groups);
        all.put(BACKUP_STORE_GROUP, store);
        all.put("maas-region", server);
        if (site.ceph().status().isPresent()) {
            all.put("ceph-mon", server);
        }
        if (site.juju().hasVault()) {
            all.put("vault", server);
        }
        return all;
    }

    private static Site.Backup backupSettings(LabSite site) {
        return new Site.Backup(null, null, null, null, null, null, site.flavour() == Flavour.CHARMED ? "jump" : null, "maas-region",
                null, null, site.ceph().status().isPresent() ? "ceph-mon" : null, site.juju().hasVault() ? "vault" : null, null, null)
                .withOffHost(new Site.OffHost(BACKUP_STORE_GROUP, Path.of(BACKUP_STORE_PATH)));
    }

    private static Path writePrivate(Path file, String content) throws IOException {
        return LabIdentity.writePrivate(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The HTTP port of the lab that kept its state in {@code directory}, as it was at its last start. */
    public static Optional<Integer> portOfLastStart(Path directory) {
        return LabIdentity.read(directory.toAbsolutePath().normalize()).map(LabIdentity::httpPort).filter(port -> port > 0);
    }

    public Optional<LabSite> find(String name) {
        return Optional.ofNullable(sites.get(name));
    }

    /** A site's model. */
    public LabSite require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no lab site " + name + "; lab sites: " + sites.keySet()));
    }

    public Collection<LabSite> all() {
        return List.copyOf(sites.values());
    }

    /** The sites as Dayshift sees them (simulated = true): SSH to the lab's servers, the lab's clouds.yaml and MAAS keys. */
    public List<Site> siteConfigurations() {
        return new ArrayList<>(siteConfigs.values());
    }

    /** The backup store of a site: another host, with files of its own. */
    public LabSite backupStore(String site) {
        return Optional.ofNullable(stores.get(site)).orElseThrow(() -> new IllegalArgumentException("no lab site " + site + "; lab sites: " + sites.keySet()));
    }

    public int sshPort(String site) {
        return servers.get(site).port();
    }

    public Path directory() {
        return directory;
    }

    /** The password of user {@code admin} written into clouds.yaml (for the lab's OpenStack endpoint). */
    public String openstackPassword() {
        return openstackPassword;
    }

    /** The {@code consumer:token:secret} MAAS API key of a site (for the lab's MAAS endpoint). */
    public String maasApiKey(String site) {
        return maasKeys.get(site);
    }

    @Override
    public void close() {
        servers.values().forEach(LabSshServer::close);
        storeServers.values().forEach(LabSshServer::close);
        if (kept != null) {
            kept.close();
        }
    }
}
