package io.dayshift.adapter.backup;

import io.dayshift.backup.ArtefactKind;
import io.dayshift.backup.BackupException;
import io.dayshift.backup.BackupHosts;
import io.dayshift.backup.FileFacts;
import io.dayshift.backup.Readability;
import io.dayshift.shell.Arg;
import io.dayshift.shell.CommandResult;
import io.dayshift.shell.RemoteCommandException;
import io.dayshift.shell.RemoteShell;
import io.dayshift.shell.ShellCommand;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.site.SshEndpoint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link BackupHosts} with the tools on the hosts, over {@link RemoteShell}: every value in a command line goes through
 * {@link Arg}. Writers write {@code <target>.part} (created mode 600 first where the content is secret) and rename it.
 */
final class ShellBackupHosts implements BackupHosts {

    /** Kolla's mariabackup container writes into this Docker volume on the first MariaDB host. */
    static final String MARIADB_VOLUME = "/var/lib/docker/volumes/mariadb_backup/_data";
    /** The key tables whose rows are counted for a restore to compare with (not deleted rows where the table soft-deletes). */
    static final Map<String, String> KEY_TABLES = keyTables();
    private static final Pattern SHA = Pattern.compile("^([0-9a-f]{64})\\s", Pattern.MULTILINE);
    private static final Pattern STAT = Pattern.compile("^([0-9]+) ([0-7]{3,4})$", Pattern.MULTILINE);
    private static final Pattern ROW = Pattern.compile("^([a-z_]+\\.[a-z_]+)\\t([0-9]+)$", Pattern.MULTILINE);
    private static final int TAIL = 600;

    private final RemoteShell shell;
    private final BackupProperties properties;
    private final Secrets secrets;

    ShellBackupHosts(RemoteShell shell, BackupProperties properties, Secrets secrets) {
        this.shell = shell;
        this.properties = properties;
        this.secrets = secrets;
    }

    private static Map<String, String> keyTables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("nova.instances", " WHERE deleted = 0");
        tables.put("keystone.project", "");
        tables.put("glance.images", " WHERE deleted = 0");
        tables.put("cinder.volumes", " WHERE deleted = 0");
        tables.put("neutron.ports", "");
        return tables;
    }

    /** One command: {@code test -f} (silent exit 1 when absent), then {@code sha256sum} and {@code stat -c '%s %a'}. */
    @Override
    public Optional<FileFacts> facts(Site site, String group, String path) {
        SshEndpoint host = site.firstHostOf(group);
        CommandResult read = run(host, site, ShellCommand.of("test").flag("-f").arg(Arg.PATH, path).withSudo()
                .andThen(ShellCommand.of("sha256sum").arg(Arg.PATH, path).withSudo())
                .andThen(ShellCommand.of("stat").flag("-c").arg(Arg.STAT_FORMAT, "%s %a").arg(Arg.PATH, path).withSudo()), properties.readTimeout());
        if (read.exitStatus() == 1 && read.stdout().isBlank() && read.stderr().isBlank()) {
            return Optional.empty();
        }
        Matcher sha = SHA.matcher(read.stdout());
        Matcher stat = STAT.matcher(read.stdout());
        if (!read.succeeded() || !sha.find() || !stat.find()) {
            throw new BackupException(where(site, host) + ": cannot read the checksum and size of " + path + " (exit " + read.exitStatus() + "): "
                    + tail(read.stderr().isBlank() ? read.stdout() : read.stderr()));
        }
        return Optional.of(new FileFacts(host.host(), path, Long.parseLong(stat.group(1)), stat.group(2), sha.group(1)));
    }

    @Override
    public Optional<String> newestFile(Site site, String group, String directory, String prefix) {
        SshEndpoint host = site.firstHostOf(group);
        CommandResult list = runOk(host, site, "listing of " + directory,
                ShellCommand.of("ls").flag("-1t").arg(Arg.PATH, directory).withSudo(), properties.readTimeout());
        return list.stdout().lines().map(String::strip).filter(name -> name.startsWith(prefix)).findFirst();
    }

    @Override
    public void archive(Site site, String group, String target, List<String> sources) {
        ShellCommand tar = ShellCommand.of("tar").flag("-czf").arg(Arg.PATH, target + ".part");
        for (String source : sources) {
            tar = tar.arg(Arg.PATH, source);
        }
        write(site, group, target, "tar of " + String.join(" ", sources), tar.withSudo());
    }

    @Override
    public void dumpPostgres(Site site, String group, String target, String database, String user) {
        write(site, group, target, "pg_dump of " + database, ShellCommand.of("pg_dump").flag("-w").flag("-h").flag("localhost")
                .flag("-U").arg(Arg.WORD, user).flag("-d").arg(Arg.WORD, database).flag("-Fc").flag("-f").arg(Arg.PATH, target + ".part"));
    }

    /** The keys are staged in a directory of mode 700 next to the target and removed once archived. */
    @Override
    public void exportCeph(Site site, String group, String target) {
        String stage = target + ".d";
        ShellCommand export = ShellCommand.of("install").flag("-d").flag("-m").flag("700").arg(Arg.PATH, stage)
                .andThen(ShellCommand.of("ceph").flag("config").flag("generate-minimal-conf").flag("-o").arg(Arg.PATH, stage + "/ceph.conf").withSudo())
                .andThen(ShellCommand.of("ceph").flag("auth").flag("export").flag("-o").arg(Arg.PATH, stage + "/ceph.keyring").withSudo())
                .andThen(ShellCommand.of("tar").flag("-czf").arg(Arg.PATH, target + ".part").arg(Arg.PATH, stage).withSudo())
                .andThen(ShellCommand.of("rm").flag("-f").arg(Arg.PATH, stage + "/ceph.conf").arg(Arg.PATH, stage + "/ceph.keyring"));
        write(site, group, target, "ceph configuration and keys", export);
    }

    @Override
    public void saveVaultSnapshot(Site site, String group, String target, String address) {
        write(site, group, target, "vault raft snapshot", ShellCommand.of("vault").flag("operator").flag("raft").flag("snapshot").flag("save")
                .flag("-address").arg(Arg.URL, address).arg(Arg.PATH, target + ".part"));
    }

    @Override
    public void createControllerBackup(Site site, String target) {
        String model = site.juju().model();
        String controllerModel = model.contains(":") ? model.substring(0, model.indexOf(':')) + ":controller" : "controller";
        write(site, site.juju().hostGroup(), target, "juju create-backup", ShellCommand.of(properties.juju()).flag("create-backup")
                .flag("-m").arg(Arg.MODEL, controllerModel).flag("--filename").arg(Arg.PATH, target + ".part"));
    }

    @Override
    public void copyFromUnit(Site site, String unit, String remote, String target) {
        write(site, site.juju().hostGroup(), target, "juju scp from " + unit, ShellCommand.of(properties.juju()).flag("scp")
                .flag("-m").arg(Arg.MODEL, site.juju().model()).arg(Arg.UNIT_FILE, unit + ":" + remote).arg(Arg.PATH, target + ".part"));
    }

    @Override
    public void copyToUnit(Site site, String local, String unit, String remote) {
        SshEndpoint host = site.firstHostOf(site.juju().hostGroup());
        runOk(host, site, "juju scp " + local + " to " + unit, ShellCommand.of(properties.juju()).flag("scp").flag("-m").arg(Arg.MODEL, site.juju().model())
                .arg(Arg.PATH, local).arg(Arg.UNIT_FILE, unit + ":" + remote), properties.readTimeout());
    }

    @Override
    public Readability readable(Site site, String group, ArtefactKind kind, String path) {
        ShellCommand check = switch (kind) {
            case MARIADB_FULL, MARIADB_INCREMENTAL -> ShellCommand.of("gzip").flag("-t").arg(Arg.PATH, path);
            case MYSQL_DUMP -> ShellCommand.of("zgrep").flag("-c").flag("-F").flag("-e").arg(Arg.SEARCH_TEXT, "-- Dump completed").arg(Arg.PATH, path);
            case MAAS_DATABASE -> ShellCommand.of("pg_restore").flag("--list").arg(Arg.PATH, path);
            case KOLLA_CONFIG -> ShellCommand.of("tar").flag("-tzf").arg(Arg.PATH, path).arg(Arg.ARCHIVE_MEMBER,
                    site.kolla().configDir().toString().substring(1) + "/globals.yml");
            case JUJU_CONTROLLER -> ShellCommand.of("tar").flag("-tzf").arg(Arg.PATH, path).arg(Arg.ARCHIVE_MEMBER, "juju-backup/metadata.json");
            case CEPH_CONFIG -> ShellCommand.of("tar").flag("-tzf").arg(Arg.PATH, path).arg(Arg.ARCHIVE_MEMBER, path.substring(1) + ".d/ceph.keyring");
            case VAULT_SNAPSHOT -> ShellCommand.of("tar").flag("-tzf").arg(Arg.PATH, path).arg(Arg.ARCHIVE_MEMBER, "meta.json");
        };
        CommandResult result = run(site.firstHostOf(group), site, check.withSudo(), properties.readTimeout());
        return new Readability(result.succeeded(), result.command(), tail(result.evidenceTail(TAIL)));
    }

    @Override
    public Map<String, Long> countRows(Site site, String group) {
        StringBuilder query = new StringBuilder();
        KEY_TABLES.forEach((table, where) -> query.append(query.isEmpty() ? "" : " UNION ALL ")
                .append("SELECT '").append(table).append("', COUNT(*) FROM ").append(table).append(where));
        SshEndpoint host = site.firstHostOf(group);
        CommandResult result = runOk(host, site, "row counts of the key tables", ShellCommand.of("mysql").flag("--batch").flag("--skip-column-names")
                .flag("-e").arg(Arg.ROW_COUNT_QUERY, query.toString()), properties.readTimeout());
        Map<String, Long> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(result.stdout());
        while (row.find()) {
            rows.put(row.group(1), Long.parseLong(row.group(2)));
        }
        if (!rows.keySet().containsAll(KEY_TABLES.keySet())) {
            throw new BackupException(where(site, host) + ": the row counts miss tables " + KEY_TABLES.keySet() + ": " + tail(result.stdout()));
        }
        return rows;
    }

    @Override
    public boolean remove(Site site, String group, String path) {
        Site.OffHost store = site.backup().offHost();
        List<String> allowed = store != null && store.hostGroup().equals(group) ? List.of(store.path() + "/")
                : List.of(site.backup().directory() + "/", MARIADB_VOLUME + "/");
        if (allowed.stream().noneMatch(path::startsWith)) {
            throw new IllegalArgumentException("refused to remove " + path + " on host group " + group + ": not under " + String.join(" nor ", allowed));
        }
        SshEndpoint host = site.firstHostOf(group);
        CommandResult removed = run(host, site, ShellCommand.of("test").flag("-e").arg(Arg.PATH, path).withSudo()
                .andThen(ShellCommand.of("rm").flag("-f").arg(Arg.PATH, path).withSudo()), properties.readTimeout());
        if (removed.exitStatus() == 1 && removed.stderr().isBlank()) {
            return false;
        }
        if (!removed.succeeded()) {
            throw new BackupException(where(site, host) + ": removal of " + path + " failed (exit " + removed.exitStatus() + "): " + tail(removed.stderr()));
        }
        return true;
    }

    @Override
    public void copyToStore(Site site, String group, String path, String storePath) {
        SshEndpoint store = store(site, storePath);
        String part = storePath + ".part";
        runOk(store, site, "preparing " + part, ShellCommand.of("install").flag("-d").flag("-m").flag("700").arg(Arg.PATH, parent(storePath))
                .andThen(ShellCommand.of("install").flag("-m").flag("600").arg(Arg.PATH, "/dev/null").arg(Arg.PATH, part)), properties.readTimeout());
        runOk(site.firstHostOf(group), site, "scp of " + path + " to " + store.display() + ":" + part,
                scp(store).arg(Arg.PATH, path).arg(Arg.REMOTE_FILE, store.user() + "@" + store.host() + ":" + part).withSudo(), properties.writeTimeout());
    }

    @Override
    public void keepCopy(Site site, String storePath) {
        runOk(store(site, storePath), site, "rename of " + storePath + ".part", ShellCommand.of("mv").arg(Arg.PATH, storePath + ".part")
                .arg(Arg.PATH, storePath), properties.readTimeout());
    }

    /** As {@link #write}: under the backup directory the SSH user owns the {@code .part}; elsewhere (the MariaDB volume) root does. */
    @Override
    public void copyFromStore(Site site, String storePath, String group, String path) {
        SshEndpoint store = store(site, storePath);
        String part = path + ".part";
        ShellCommand fetch = scp(store).arg(Arg.REMOTE_FILE, store.user() + "@" + store.host() + ":" + storePath).arg(Arg.PATH, part).withSudo();
        ShellCommand command = path.startsWith(site.backup().directory() + "/")
                ? ShellCommand.of("install").flag("-d").flag("-m").flag("700").arg(Arg.PATH, parent(path))
                        .andThen(ShellCommand.of("install").flag("-m").flag("600").arg(Arg.PATH, "/dev/null").arg(Arg.PATH, part))
                        .andThen(fetch).andThen(ShellCommand.of("mv").arg(Arg.PATH, part).arg(Arg.PATH, path))
                : fetch.andThen(ShellCommand.of("mv").arg(Arg.PATH, part).arg(Arg.PATH, path).withSudo());
        runOk(site.firstHostOf(group), site, "scp of " + store.display() + ":" + storePath + " to " + path, command, properties.writeTimeout());
    }

    /** The site's off-host store, refusing a path outside its configured directory. */
    private static SshEndpoint store(Site site, String storePath) {
        Site.OffHost store = site.backup().offHost();
        if (store == null) {
            throw new IllegalStateException("site " + site.name() + " has no off-host backup target (dayshift.sites." + site.name() + ".backup.off-host)");
        }
        if (!storePath.startsWith(store.path() + "/")) {
            throw new IllegalArgumentException("refused " + storePath + ": not under the off-host path " + store.path());
        }
        return site.firstHostOf(store.hostGroup());
    }

    /** scp as root of the host it runs on: no prompt, the peer's host key checked against root's known_hosts. */
    private static ShellCommand scp(SshEndpoint peer) {
        return ShellCommand.of("scp").flag("-q").flag("-o").flag("BatchMode=yes").flag("-o").flag("StrictHostKeyChecking=yes")
                .flag("-P").arg(Arg.NUMBER, Integer.toString(peer.port()));
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    /**
     * As the SSH user, who owns the backup directory: {@code install -d -m 700} the target's directory, an empty {@code .part}
     * file mode 600, the writer (with sudo where it reads root's files), then the rename.
     */
    private void write(Site site, String group, String target, String operation, ShellCommand writer) {
        String directory = target.substring(0, target.lastIndexOf('/'));
        ShellCommand command = ShellCommand.of("install").flag("-d").flag("-m").flag("700").arg(Arg.PATH, directory)
                .andThen(ShellCommand.of("install").flag("-m").flag("600").arg(Arg.PATH, "/dev/null").arg(Arg.PATH, target + ".part"))
                .andThen(writer)
                .andThen(ShellCommand.of("mv").arg(Arg.PATH, target + ".part").arg(Arg.PATH, target));
        runOk(site.firstHostOf(group), site, operation + " into " + target, command, properties.writeTimeout());
    }

    private CommandResult runOk(SshEndpoint host, Site site, String operation, ShellCommand command, Duration timeout) {
        CommandResult result = run(host, site, command, timeout);
        if (!result.succeeded()) {
            throw new BackupException(where(site, host) + ": " + operation + " failed (exit " + result.exitStatus() + "): "
                    + tail(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        }
        return result;
    }

    private CommandResult run(SshEndpoint host, Site site, ShellCommand command, Duration timeout) {
        try {
            return shell.run(host, command, timeout);
        } catch (RemoteCommandException e) {
            throw new BackupException(where(site, host) + ": " + secrets.redact(e.getMessage()), e);
        }
    }

    private static String where(Site site, SshEndpoint host) {
        return "site " + site.name() + " (" + host.display() + ")";
    }

    private String tail(String text) {
        String trimmed = text == null ? "" : text.strip();
        return secrets.redact(trimmed.length() <= TAIL ? trimmed : "…" + trimmed.substring(trimmed.length() - TAIL));
    }
}
