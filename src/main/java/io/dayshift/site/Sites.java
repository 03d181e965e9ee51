package io.dayshift.site;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The configured sites, checked once at start-up: a site that names a missing host group or lacks the
 * section its flavour needs stops the service with a message naming the setting to fix.
 */
public final class Sites {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    /** A plain {@code local@domain} address; names and display forms are not accepted. */
    private static final Pattern MAIL_ADDRESS = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+");

    private final Map<String, Site> byName;

    public Sites(Map<String, Site> configured) {
        Map<String, Site> named = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        configured.forEach((name, site) -> {
            Site withName = site.named(name);
            problems.addAll(problems(withName));
            named.put(name, withName);
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid site configuration:\n  - " + String.join("\n  - ", problems));
        }
        this.byName = Collections.unmodifiableMap(named);
    }

    public static Sites of(SitesProperties properties) {
        return new Sites(properties.sites());
    }

    /**
     * The configured sites and those contributed by {@link SiteSource}s; a name given twice (in configuration and by a
     * source, or by two sources) stops the start. A contributed site (the built-in lab) takes its calendar from the
     * settings: {@code dayshift.sites.<site>.calendar} with nothing else under {@code dayshift.sites.<site>}.
     */
    public static Sites of(SitesProperties properties, List<Site> contributed) {
        Map<String, Site> all = new TreeMap<>(properties.sites());
        List<String> duplicates = new ArrayList<>();
        for (Site site : contributed) {
            if (site.name() == null) {
                throw new IllegalStateException("a contributed site has no name");
            }
            Site configured = all.get(site.name());
            if (configured != null && onlyACalendar(configured) && site.calendar() == null) {
                all.put(site.name(), site.withCalendar(configured.calendar()));
            } else if (all.putIfAbsent(site.name(), site) != null) {
                duplicates.add(site.name());
            }
        }
        if (!duplicates.isEmpty()) {
            throw new IllegalStateException("invalid site configuration: site name(s) " + duplicates
                    + " given twice (under dayshift.sites and by a site source such as the built-in lab)");
        }
        return new Sites(all);
    }

    /** Whether the settings of a site give its calendar and nothing else. */
    private static boolean onlyACalendar(Site site) {
        return site.calendar() != null && site.flavour() == null && site.openstack() == null && site.maas() == null && site.juju() == null
                && site.kolla() == null && site.ssh().isEmpty() && site.notifications() == null && site.approvals().isEmpty()
                && Site.Capacity.N_PLUS_ONE.equals(site.capacity()) && Site.Backup.defaults().equals(site.backup());
    }

    public Optional<Site> find(String name) {
        return Optional.ofNullable(name).map(byName::get);
    }

    /** The site, or an {@link UnknownSiteException} listing the configured ones. */
    public Site require(String name) {
        return find(name).orElseThrow(() -> new UnknownSiteException(name, byName.keySet()));
    }

    public Collection<Site> all() {
        return byName.values();
    }

    private static List<String> problems(Site site) {
        String key = "dayshift.sites." + site.name();
        List<String> problems = new ArrayList<>();
        if (!NAME.matcher(site.name()).matches()) {
            problems.add(key + ": a site name is lower-case letters, digits and hyphens, starting with a letter");
        }
        if (site.flavour() == null) {
            problems.add(key + ".flavour: must be kolla or charmed");
        } else if (site.flavour() == Flavour.KOLLA && site.kolla() == null) {
            problems.add(key + ".kolla: a kolla site needs host-group, inventory and globals");
        } else if (site.flavour() == Flavour.CHARMED && site.juju() == null) {
            problems.add(key + ".juju: a charmed site needs host-group and model");
        }
        if (site.openstack() == null || site.openstack().cloud() == null || site.openstack().cloudsFile() == null) {
            problems.add(key + ".openstack: cloud and clouds-file are required");
        }
        if (site.maas() != null && (site.maas().url() == null || site.maas().apiKey() == null)) {
            problems.add(key + ".maas: url and api-key (file:… or env:…) are required");
        }
        if (site.juju() != null) {
            checkGroup(site, key + ".juju.host-group", site.juju().hostGroup(), problems);
            if (site.juju().model() == null || site.juju().model().isBlank()) {
                problems.add(key + ".juju.model: required");
            }
        }
        if (site.kolla() != null) {
            checkGroup(site, key + ".kolla.host-group", site.kolla().hostGroup(), problems);
            if (site.kolla().inventory() == null || site.kolla().globals() == null) {
                problems.add(key + ".kolla: inventory and globals are required");
            }
        }
        site.ssh().forEach((group, hosts) -> {
            String groupKey = key + ".ssh." + group;
            if (hosts.user() == null || hosts.privateKey() == null || hosts.knownHosts() == null) {
                problems.add(groupKey + ": user, private-key and known-hosts are required (host keys are always checked)");
            }
        });
        if (site.notifications() != null) {
            if (site.notifications().chatWebhook() == null && site.notifications().emailTo().isEmpty()) {
                problems.add(key + ".notify: give chat-webhook (file:… or env:…), email-to, or both");
            }
            for (String address : site.notifications().emailTo()) {
                if (address == null || !MAIL_ADDRESS.matcher(address).matches()) {
                    problems.add(key + ".notify.email-to: '" + address + "' is not a mail address");
                }
            }
        }
        problems.addAll(backupProblems(site, key + ".backup"));
        if (site.capacity().reserveHosts() < 0) {
            problems.add(key + ".capacity.reserve-hosts: must be 0 or more");
        }
        return problems;
    }

    private static List<String> backupProblems(Site site, String key) {
        List<String> problems = new ArrayList<>();
        Site.Backup backup = site.backup();
        if (!safeDirectory(backup.directory().toString())) {
            problems.add(key + ".directory: an absolute path of letters, digits, '_', '.', '+', '@' and '-', such as /var/backups/dayshift");
        }
        for (var retention : List.of(backup.databaseRetention(), backup.configRetention(), backup.incrementalWithin(), backup.partDeadline())) {
            if (retention.isNegative() || retention.isZero()) {
                problems.add(key + ": retentions, incremental-within and part-deadline must be positive durations");
            }
        }
        java.util.Map<String, String> groups = new java.util.LinkedHashMap<>();
        groups.put("mariadb-host-group", backup.mariadbHostGroup());
        groups.put("database-host-group", backup.databaseHostGroup());
        groups.put("maas-region-host-group", backup.maasRegionHostGroup());
        groups.put("ceph-monitor-host-group", backup.cephMonitorHostGroup());
        groups.put("vault-host-group", backup.vaultHostGroup());
        groups.forEach((setting, group) -> {
            if (group != null) {
                checkGroup(site, key + "." + setting, group, problems);
            }
        });
        Site.OffHost offHost = backup.offHost();
        if (offHost != null) {
            checkGroup(site, key + ".off-host.host-group", offHost.hostGroup(), problems);
            if (offHost.path() == null || !safeDirectory(offHost.path().toString())) {
                problems.add(key + ".off-host.path: an absolute path of letters, digits, '_', '.', '+', '@' and '-', such as /srv/dayshift-backups");
            }
        }
        return problems;
    }

    private static boolean safeDirectory(String path) {
        return path.matches("(/[A-Za-z0-9_.+@-]+)+") && !path.contains("/..");
    }

    private static void checkGroup(Site site, String key, String group, List<String> problems) {
        if (group == null || !site.ssh().containsKey(group)) {
            problems.add(key + ": names SSH host group '" + group + "', which is not under dayshift.sites." + site.name() + ".ssh");
        } else if (site.ssh().get(group).hosts().isEmpty()) {
            problems.add(key + ": SSH host group '" + group + "' lists no hosts");
        }
    }
}
