package io.dayshift.site;

import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * One cloud Dayshift may touch, as configured under {@code dayshift.sites.<name>}. It says how to
 * reach each tool of the site; it holds references to secrets, never secrets.
 *
 * @param name       the site's name, the key under {@code dayshift.sites}; the only thing a process variable carries
 * @param flavour    {@code kolla} or {@code charmed}
 * @param simulated  true for the built-in lab sites, so that every form and log line can say so
 * @param openstack  the site's entry in a standard clouds.yaml
 * @param maas       the MAAS region API, if the site's machines are in MAAS
 * @param juju       the Juju jump host and model (charmed sites)
 * @param kolla      the Kolla-Ansible deployer, inventory and globals (kolla sites)
 * @param ssh        SSH access per host group, e.g. {@code jump}, {@code deployer}, {@code controllers}, {@code monitors}
 * @param capacity   what must stay free when hosts are emptied
 * @param notifications {@code notify}: where incident notifications for this site go (chat webhook, mail recipients); null: nowhere
 * @param backup     where {@code backup-site} keeps artefacts on the hosts, how long, and which hosts hold what; defaults when absent
 * @param approvals  who approves what on this site and how many of them: per runbook (key: its process key), and per approval
 *                   step under {@code steps}; what is not given here comes from {@code dayshift.approvals}, then the default
 *                   (one person of {@code approvers})
 * @param calendar   when runbooks that change the site may start: maintenance windows and change freezes; null: always open
 */
public record Site(
        String name,
        Flavour flavour,
        boolean simulated,
        OpenStack openstack,
        Maas maas,
        Juju juju,
        Kolla kolla,
        Map<String, HostGroup> ssh,
        Capacity capacity,
        @Name("notify") Notify notifications,
        Backup backup,
        Map<String, Approval> approvals,
        Calendar calendar) {

    @ConstructorBinding
    public Site {
        approvals = approvals == null ? Map.of() : Map.copyOf(approvals);
        ssh = ssh == null ? Map.of() : Map.copyOf(ssh);
        capacity = capacity == null ? Capacity.N_PLUS_ONE : capacity;
        backup = backup == null ? Backup.defaults() : backup;
    }

    /** A site with the default backup settings. */
    public Site(String name, Flavour flavour, boolean simulated, OpenStack openstack, Maas maas, Juju juju, Kolla kolla,
                Map<String, HostGroup> ssh, Capacity capacity, Notify notifications) {
        this(name, flavour, simulated, openstack, maas, juju, kolla, ssh, capacity, notifications, null, null, null);
    }

    /** A site with the approval settings of {@code dayshift.approvals}. */
    public Site(String name, Flavour flavour, boolean simulated, OpenStack openstack, Maas maas, Juju juju, Kolla kolla,
                Map<String, HostGroup> ssh, Capacity capacity, Notify notifications, Backup backup) {
        this(name, flavour, simulated, openstack, maas, juju, kolla, ssh, capacity, notifications, backup, null, null);
    }

    /** A site without a calendar: always open. */
    public Site(String name, Flavour flavour, boolean simulated, OpenStack openstack, Maas maas, Juju juju, Kolla kolla,
                Map<String, HostGroup> ssh, Capacity capacity, Notify notifications, Backup backup, Map<String, Approval> approvals) {
        this(name, flavour, simulated, openstack, maas, juju, kolla, ssh, capacity, notifications, backup, approvals, null);
    }

    /** The same site with {@code calendar} as its calendar. */
    public Site withCalendar(Calendar calendar) {
        return new Site(name, flavour, simulated, openstack, maas, juju, kolla, ssh, capacity, notifications, backup, approvals, calendar);
    }

    /**
     * {@code dayshift.sites.<site>.calendar}: when a runbook that changes the site may start — inside a window and never in
     * a freeze. No windows: open at any time outside the freezes.
     *
     * @param zone    the IANA time zone of the recurring windows, e.g. {@code Europe/Madrid}; default UTC
     * @param windows maintenance windows, each recurring (days, start, end) or one-off (from, to)
     * @param freezes change freezes, each from, to and reason
     */
    public record Calendar(String zone, List<Window> windows, List<Freeze> freezes) {

        public Calendar {
            windows = windows == null ? List.of() : List.copyOf(windows);
            freezes = freezes == null ? List.of() : List.copyOf(freezes);
            if (zone != null) {
                try {
                    ZoneId.of(zone);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("calendar.zone: '" + zone + "' is not an IANA time zone such as Europe/Madrid");
                }
            }
        }

        public ZoneId zoneId() {
            return zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        }
    }

    /**
     * A maintenance window: recurring ({@code days}, {@code start} and {@code end} as HH:mm in the calendar's zone; an end at or
     * before the start ends the next day, e.g. 22:00–02:00) or one-off ({@code from} and {@code to}, ISO-8601 instants).
     */
    public record Window(List<DayOfWeek> days, String start, String end, String from, String to) {

        public Window {
            days = days == null ? List.of() : List.copyOf(days);
            boolean recurring = !days.isEmpty() || start != null || end != null;
            boolean oneOff = from != null || to != null;
            if (recurring == oneOff) {
                throw new IllegalArgumentException("calendar.windows: a window is either recurring (days, start, end) or one-off (from, to), got "
                        + "days=" + days + " start=" + start + " end=" + end + " from=" + from + " to=" + to);
            }
            if (recurring) {
                if (days.isEmpty()) {
                    throw new IllegalArgumentException("calendar.windows: a recurring window needs days (e.g. [tuesday])");
                }
                if (time("start", start).equals(time("end", end))) {
                    throw new IllegalArgumentException("calendar.windows: start and end are the same time (" + start + ")");
                }
            } else {
                Freeze.checkSpan("calendar.windows", from, to);
            }
        }

        public boolean recurring() {
            return !days.isEmpty();
        }

        public LocalTime startTime() {
            return LocalTime.parse(start);
        }

        public LocalTime endTime() {
            return LocalTime.parse(end);
        }

        public Instant fromInstant() {
            return Instant.parse(from);
        }

        public Instant toInstant() {
            return Instant.parse(to);
        }

        private static LocalTime time(String name, String value) {
            try {
                return LocalTime.parse(value == null ? "" : value);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("calendar.windows: " + name + " must be a time HH:mm, e.g. 22:00, got '" + value + "'");
            }
        }
    }

    /** A change freeze: from and to (ISO-8601 instants, e.g. {@code 2026-12-20T00:00:00Z}) and why. */
    public record Freeze(String from, String to, String reason) {

        public Freeze {
            checkSpan("calendar.freezes", from, to);
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("calendar.freezes: a freeze needs a reason, shown to whoever it stops");
            }
        }

        public Instant fromInstant() {
            return Instant.parse(from);
        }

        public Instant toInstant() {
            return Instant.parse(to);
        }

        static void checkSpan(String key, String from, String to) {
            Instant start = instant(key, "from", from);
            Instant end = instant(key, "to", to);
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException(key + ": to (" + to + ") must be after from (" + from + ")");
            }
        }

        private static Instant instant(String key, String name, String value) {
            try {
                return Instant.parse(value == null ? "" : value);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(key + ": " + name + " must be an instant such as 2026-12-20T00:00:00Z, got '" + value + "'");
            }
        }
    }

    /**
     * Who must approve a runbook's destructive steps, {@code dayshift.sites.<site>.approvals.<runbook>} (or
     * {@code dayshift.approvals.<runbook>} for every site). A field left out is taken from the next, wider setting.
     *
     * @param groups   the groups whose members may approve (each is offered the task in Tasklist); default {@code approvers}
     * @param required how many distinct people must approve, none of them who started the run or asked for the decision;
     *                 one rejection rejects; default 1
     * @param steps    per approval step of the runbook (its BPMN id, e.g. {@code Task_ApproveDataLoss}), the same two settings
     */
    public record Approval(List<String> groups, Integer required, Map<String, Approval> steps) {

        public Approval {
            groups = groups == null ? null : List.copyOf(groups);
            steps = steps == null ? Map.of() : Map.copyOf(steps);
            if (groups != null && (groups.isEmpty() || groups.stream().anyMatch(g -> g == null || !g.matches("[a-zA-Z0-9_-]+")))) {
                throw new IllegalArgumentException("approvals: groups must list one or more group ids (letters, digits, '-' and '_'), got " + groups);
            }
            if (required != null && (required < 1 || required > 9)) {
                throw new IllegalArgumentException("approvals: required is how many people must approve, from 1 to 9, got " + required);
            }
        }
    }

    /** The site's entry in a clouds.yaml file: {@code clouds.<cloud>} in {@code clouds-file}. */
    public record OpenStack(String cloud, Path cloudsFile) {
    }

    /** The MAAS region API ({@code http://host:5240/MAAS}) and where its {@code consumer:token:secret} key is read from. */
    public record Maas(URI url, SecretRef apiKey) {
    }

    /** Juju commands run on the first host of {@code hostGroup}, against {@code model}. */
    public record Juju(String hostGroup, String model) {
    }

    /** kolla-ansible runs on the first host of {@code hostGroup}, with this inventory, globals and config directory. */
    public record Kolla(String hostGroup, Path inventory, Path globals, Path configDir) {
    }

    /** Hosts reached with the same SSH user, key and known_hosts. */
    public record HostGroup(List<String> hosts, Integer port, String user, Path privateKey, Path knownHosts) {

        public HostGroup {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }

        public SshEndpoint endpoint(String host) {
            return new SshEndpoint(host, port == null ? 22 : port, user, privateKey, knownHosts);
        }
    }

    /**
     * @param reserveHosts how many of a zone's largest hosts' worth of capacity a drain must leave free in the zone: 1 (N+1,
     *                     the default, what the operations guides assume), 0 to drain down to the last free slot
     */
    public record Capacity(@DefaultValue("1") int reserveHosts) {

        public static final Capacity N_PLUS_ONE = new Capacity(1);
    }

    /**
     * Where notifications about this site go, {@code dayshift.sites.<site>.notify} (the component is named
     * {@code notifications} because a record cannot have a {@code notify()} accessor: {@code Object.notify()} is final).
     *
     * @param chatWebhook where a Slack-compatible incoming-webhook URL is read from ({@code file:…} or {@code env:…}); the
     *                    URL embeds a token, so it is a secret; null: no chat
     * @param emailTo     mail recipients; empty: no mail
     */
    public record Notify(SecretRef chatWebhook, List<String> emailTo) {

        public Notify {
            emailTo = emailTo == null ? List.of() : List.copyOf(emailTo);
        }
    }

    /**
     * {@code dayshift.sites.<site>.backup}: what {@code backup-site} needs. Artefacts are made on the hosts that hold them, under
     * {@code directory}/{@code <backup id>}/ (the Kolla MariaDB backup stays in its {@code mariadb_backup} Docker volume), and copied
     * to {@code offHost} where one is given; a part
     * whose host group is not given is not applicable to the site (no Ceph, no Vault) and is named so in the summary.
     * Credentials stay on the hosts, in the SSH user's own files: {@code ~/.pgpass} for the MAAS database, {@code ~/.vault-token}
     * for Vault, {@code ~/.my.cnf} (a read-only account) for the row counts.
     *
     * @param directory           where artefacts go on each host (absolute, no spaces)
     * @param databaseRetention   how long database artefacts are kept (the seed: 30 days)
     * @param configRetention     how long configuration artefacts are kept (the seed: 90 days)
     * @param incrementalWithin   Kolla: an incremental MariaDB backup is taken when a verified full one younger than this exists
     * @param partDeadline        how long one part may take, incidents included, before it is recorded as not backed up
     * @param mariadbHostGroup    Kolla: the group whose first host is the first host of the inventory's {@code mariadb} group
     *                            (default: the deployer's group)
     * @param databaseHostGroup   where the key tables' rows are counted with {@code mysql} (default on Kolla: {@code mariadbHostGroup};
     *                            none on charmed sites unless given)
     * @param maasRegionHostGroup the MAAS region controller (pg_dump); none: the MAAS database part is not applicable
     * @param maasDatabase        the MAAS database name
     * @param maasDatabaseUser    the MAAS database role {@code pg_dump} connects as (password in the SSH user's {@code ~/.pgpass})
     * @param cephMonitorHostGroup a Ceph monitor host (admin keyring readable with sudo); none: no Ceph part
     * @param vaultHostGroup      a Vault server; none: no Vault part
     * @param vaultAddress        the Vault API address as seen from that host
     * @param mysqlApplication    charmed: the MySQL InnoDB cluster application whose leader runs the {@code mysqldump} action
     * @param offHost             {@code off-host}: where every artefact is copied once verified, so that a disaster that takes its host
     *                            does not take it too; null: the artefacts stay on their hosts only
     */
    public record Backup(Path directory, Duration databaseRetention, Duration configRetention,
                         Duration incrementalWithin, Duration partDeadline, String mariadbHostGroup,
                         String databaseHostGroup, String maasRegionHostGroup, String maasDatabase, String maasDatabaseUser,
                         String cephMonitorHostGroup, String vaultHostGroup, URI vaultAddress, String mysqlApplication, OffHost offHost) {

        @ConstructorBinding
        public Backup {
            directory = directory == null ? Path.of("/var/backups/dayshift") : directory;
            databaseRetention = databaseRetention == null ? Duration.ofDays(30) : databaseRetention;
            configRetention = configRetention == null ? Duration.ofDays(90) : configRetention;
            incrementalWithin = incrementalWithin == null ? Duration.ofDays(7) : incrementalWithin;
            partDeadline = partDeadline == null ? Duration.ofHours(2) : partDeadline;
            maasDatabase = maasDatabase == null ? "maasdb" : maasDatabase;
            maasDatabaseUser = maasDatabaseUser == null ? "maas" : maasDatabaseUser;
            vaultAddress = vaultAddress == null ? URI.create("https://127.0.0.1:8200") : vaultAddress;
            mysqlApplication = mysqlApplication == null ? "mysql-innodb-cluster" : mysqlApplication;
        }

        /** Settings without an off-host target. */
        public Backup(Path directory, Duration databaseRetention, Duration configRetention, Duration incrementalWithin, Duration partDeadline,
                      String mariadbHostGroup, String databaseHostGroup, String maasRegionHostGroup, String maasDatabase, String maasDatabaseUser,
                      String cephMonitorHostGroup, String vaultHostGroup, URI vaultAddress, String mysqlApplication) {
            this(directory, databaseRetention, configRetention, incrementalWithin, partDeadline, mariadbHostGroup, databaseHostGroup,
                    maasRegionHostGroup, maasDatabase, maasDatabaseUser, cephMonitorHostGroup, vaultHostGroup, vaultAddress, mysqlApplication, null);
        }

        public static Backup defaults() {
            return new Backup(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        /** The same settings with {@code offHost} as the off-host target. */
        public Backup withOffHost(OffHost target) {
            return new Backup(directory, databaseRetention, configRetention, incrementalWithin, partDeadline, mariadbHostGroup, databaseHostGroup,
                    maasRegionHostGroup, maasDatabase, maasDatabaseUser, cephMonitorHostGroup, vaultHostGroup, vaultAddress, mysqlApplication, target);
        }
    }

    /**
     * {@code dayshift.sites.<site>.backup.off-host}: another host, reached like every host of the site through an SSH host group
     * (its host key checked against known_hosts), that keeps a copy of every artefact under {@code path}/{@code <backup id>}/. The
     * copy is made by {@code scp} run on the host that holds the artefact (the data never passes through Dayshift), so root's
     * key on each of those hosts must be authorised for the store's user and the store's host key be in their root's known_hosts.
     *
     * @param hostGroup the SSH host group whose first host is the store
     * @param path      where the copies go on it (absolute, no spaces)
     */
    public record OffHost(String hostGroup, Path path) {
    }

    /** The backup settings' host group of the Kolla MariaDB host: the one given, else the deployer's. */
    public Optional<String> mariadbHostGroup() {
        return Optional.ofNullable(backup.mariadbHostGroup()).or(() -> Optional.ofNullable(kolla).map(Kolla::hostGroup));
    }

    /** Where rows of the key tables are counted: the group given, else on Kolla the MariaDB host's group. */
    public Optional<String> databaseHostGroup() {
        return Optional.ofNullable(backup.databaseHostGroup()).or(() -> flavour == Flavour.KOLLA ? mariadbHostGroup() : Optional.empty());
    }

    Site named(String siteName) {
        return new Site(siteName, flavour, simulated, openstack, maas, juju, kolla, ssh, capacity, notifications, backup, approvals, calendar);
    }

    public Optional<HostGroup> hostGroup(String group) {
        return Optional.ofNullable(ssh.get(group));
    }

    /** The first host of a host group, where a tool's CLI runs (the Juju jump host, the Kolla deployer). */
    public SshEndpoint firstHostOf(String group) {
        HostGroup hostGroup = hostGroup(group).orElseThrow(() -> new IllegalStateException(
                "site " + name + " has no SSH host group '" + group + "' (dayshift.sites." + name + ".ssh." + group + ")"));
        if (hostGroup.hosts().isEmpty()) {
            throw new IllegalStateException(
                    "site " + name + ": SSH host group '" + group + "' lists no hosts (dayshift.sites." + name + ".ssh." + group + ".hosts)");
        }
        return hostGroup.endpoint(hostGroup.hosts().get(0));
    }

    /** Where Juju commands run. */
    public SshEndpoint jujuHost() {
        return firstHostOf(require(juju, "juju").hostGroup());
    }

    /** Where kolla-ansible runs. */
    public SshEndpoint kollaDeployer() {
        return firstHostOf(require(kolla, "kolla").hostGroup());
    }

    private <T> T require(T section, String key) {
        if (section == null) {
            throw new IllegalStateException("site " + name + " has no '" + key + "' settings (dayshift.sites." + name + "." + key + ")");
        }
        return section;
    }
}
