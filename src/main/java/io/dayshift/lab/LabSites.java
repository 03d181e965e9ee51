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
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
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

    private LabSites(Path directory, String openstackPassword) {
        this.directory = directory;
        this.openstackPassword = openstackPassword;
    }

    /** Loads the topologies, starts one SSH server per site and writes the lab's files into {@code properties.directory()}. */
    public static LabSites start(LabProperties properties, Clock clock, Session.Sleeper sleeper) {
        Map<LabOperation, java.time.Duration> durations = new EnumMap<>(LabOperation.class);
        properties.durations().forEach((key, d) -> durations.put(LabOperation.ofKey(key), d));
        LabTimings timings = new LabTimings(properties.timeFactor(), durations);
        SecureRandom random = new SecureRandom();
        byte[] password = new byte[18];
        random.nextBytes(password);
        LabSites lab = new LabSites(properties.directory().toAbsolutePath().normalize(), Base64.getUrlEncoder().withoutPadding().encodeToString(password));
        try {
            lab.startAll(properties, clock, timings, sleeper, random);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            lab.close();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the lab cannot start: " + e.getMessage(), e);
        }
        return lab;
    }

    private void startAll(LabProperties properties, Clock clock, LabTimings timings, Session.Sleeper sleeper, SecureRandom random)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        KeyPair clientKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Path privateKey = directory.resolve("id_ecdsa");
        Files.deleteIfExists(privateKey);
        Files.createFile(privateKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(privateKey)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "dayshift-lab", null, out);
        }
        Path knownHosts = directory.resolve("known_hosts");
        Path clouds = directory.resolve("clouds.yaml");
        TopologyLoader loader = new TopologyLoader();
        LabHosts hosts = new LabHosts();
        LabShell shell = LabShell.standard(hosts);
        StringBuilder known = new StringBuilder();
        StringBuilder cloudsYaml = new StringBuilder("# Written by the built-in lab at every start: the simulated sites' OpenStack endpoints.\nclouds:\n");
        for (Map.Entry<String, String> entry : properties.sites().entrySet()) {
            String name = entry.getKey();
            LabSite site = loader.load(name, loader.readResource(entry.getValue()), clock, timings);
            String deployer = site.flavour() == Flavour.KOLLA
                    ? site.nodes().stream().filter(n -> n.hasRole("control")).map(LabNode::hostname).findFirst().orElse("") : "";
            LabSshServer server = new LabSshServer(site, shell, properties.user(), deployer, hostKey, clientKey.getPublic(), sleeper).start();
            sites.put(name, site);
            servers.put(name, server);
            known.append("[127.0.0.1]:").append(server.port()).append(' ').append(PublicKeyEntry.toString(hostKey.getPublic())).append('\n');
            LabSite store = new LabSite(name + "-backup-store", site.flavour(), clock, timings);
            store.kolla().makeDirectory(BACKUP_STORE_PATH);
            LabSshServer storeServer = new LabSshServer(store, shell, properties.user(), "", hostKey, clientKey.getPublic(), sleeper).start();
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
            byte[] k = new byte[16];
            random.nextBytes(k);
            String key = HexFormat.of().formatHex(k, 0, 5) + ":" + HexFormat.of().formatHex(k, 5, 10) + ":" + HexFormat.of().formatHex(k, 10, 16);
            maasKeys.put(name, key);
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
    }

    // ---- backup-site: the MAAS region, a Ceph monitor and Vault (where the topology has them) are reached on the site's
    // one lab SSH server, as separate host groups the way a real site names them; the off-host store is a host of its own,
    // with its own SSH server and files, which the site's hosts reach with scp

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
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, content, StandardCharsets.UTF_8);
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
    }
}
