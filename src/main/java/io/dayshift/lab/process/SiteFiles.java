package io.dayshift.lab.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.dayshift.site.SecretRef;
import io.dayshift.site.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a real site needs, written for one lab site into a directory of its own: its {@code clouds.yaml} (its cloud only),
 * its MAAS API key ({@code maas-api-key}, already there), the SSH client key ({@code id_ecdsa}) and {@code known_hosts},
 * and {@code application.yml}: the site's settings under {@code dayshift.sites.<name>}, exactly the {@link Site} the lab
 * gives the service in-process, pointing at these files. The service takes it through the production configuration path
 * ({@code --spring.config.import=file:…/application.yml}) with its own lab off.
 */
final class SiteFiles {

    static final String FRAGMENT = "application.yml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private SiteFiles() {
    }

    /** Writes the site's files into {@code directory} (its key file already there); returns the settings fragment. */
    static Path write(Site site, Path directory) {
        try {
            Files.createDirectories(directory);
            Site own = relocated(site, directory);
            writeCloudsFile(site, own.openstack().cloudsFile());
            for (Site.HostGroup group : site.ssh().values()) {
                copyPrivate(group.privateKey(), directory.resolve(group.privateKey().getFileName()));
                copyPrivate(group.knownHosts(), directory.resolve(group.knownHosts().getFileName()));
            }
            Path fragment = directory.resolve(FRAGMENT);
            String header = "# Written by the lab process at every start: the simulated site '" + site.name() + "' as a real site's settings.\n"
                    + "# Start the service with --spring.config.import=file:" + fragment + " and dayshift.lab.enabled=false.\n";
            Map<String, Object> root = Map.of("dayshift", Map.of("sites", Map.of(site.name(), settings(own))));
            Files.writeString(fragment, header + YAML.writeValueAsString(root));
            return fragment;
        } catch (IOException e) {
            throw new UncheckedIOException("lab site " + site.name() + ": cannot write its settings into " + directory, e);
        }
    }

    /** The same site with its clouds.yaml, SSH key and known_hosts in {@code directory}. */
    static Site relocated(Site site, Path directory) {
        Map<String, Site.HostGroup> ssh = new LinkedHashMap<>();
        site.ssh().forEach((name, group) -> ssh.put(name, new Site.HostGroup(group.hosts(), group.port(), group.user(),
                directory.resolve(group.privateKey().getFileName()), directory.resolve(group.knownHosts().getFileName()))));
        Site.OpenStack openstack = new Site.OpenStack(site.openstack().cloud(), directory.resolve(site.openstack().cloudsFile().getFileName()));
        return new Site(site.name(), site.flavour(), site.simulated(), openstack, site.maas(), site.juju(), site.kolla(), ssh,
                site.capacity(), site.notifications(), site.backup(), site.approvals(), site.calendar());
    }

    /** {@code dayshift.sites.<name>}: every record component that is set, in kebab case, as Spring Boot binds it back. */
    static Map<String, Object> settings(Site site) {
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) value(site);
        settings.remove("name");
        return settings;
    }

    private static Object value(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof SecretRef ref) {
            return ref.toString(); // a reference (file:…, env:…), never the secret
        }
        if (value instanceof Record record) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object v = value(read(component, record));
                if (v != null && !(v instanceof Map<?, ?> m && m.isEmpty()) && !(v instanceof Collection<?> c && c.isEmpty())) {
                    map.put(key(component.getName()), v);
                }
            }
            return map;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), value(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(SiteFiles::value).toList();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof Boolean || value instanceof Number || value instanceof String) {
            return value;
        }
        if (value instanceof Path || value instanceof URI || value instanceof Duration) {
            return value.toString();
        }
        throw new IllegalArgumentException("no settings form for a " + value.getClass().getName() + " in a site");
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }

    /** The settings key of a component: kebab case; {@code notifications} is {@code notify} (see {@link Site.Notify}). */
    private static String key(String component) {
        if (component.equals("notifications")) {
            return "notify";
        }
        return component.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static void writeCloudsFile(Site site, Path target) throws IOException {
        JsonNode all = YAML.readTree(site.openstack().cloudsFile().toFile());
        JsonNode cloud = all.path("clouds").path(site.openstack().cloud());
        if (cloud.isMissingNode()) {
            throw new IllegalStateException("lab site " + site.name() + ": no cloud " + site.openstack().cloud() + " in " + site.openstack().cloudsFile());
        }
        ObjectNode own = YAML.createObjectNode();
        own.putObject("clouds").set(site.openstack().cloud(), cloud);
        writePrivate(target, "# Written by the lab process at every start: the OpenStack endpoints of lab site '" + site.name() + "'.\n"
                + YAML.writeValueAsString(own));
    }

    private static void copyPrivate(Path from, Path to) throws IOException {
        writePrivate(to, Files.readString(from));
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
