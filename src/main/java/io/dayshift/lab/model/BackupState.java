package io.dayshift.lab.model;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backups of a simulated site: what was taken (MariaDB, controller, files written by backup programs), the table rows
 * each held, what a restore put back, and what archives hold; checksums read as {@code sha256sum} would.
 */
public final class BackupState extends ServiceState {

    /** Where Kolla's mariabackup container writes: the {@code mariadb_backup} Docker volume of the first MariaDB host. */
    public static final String MARIADB_BACKUP_VOLUME = "/var/lib/docker/volumes/mariadb_backup/_data";

    final List<Backup> backups = new ArrayList<>();

    // dr-restore: the table rows each backup held, what a restore put back, where Galera was recovered
    final Map<String, Map<String, Long>> rowsAtBackup = new HashMap<>();

    /** The rows the last restore put back; empty until a restore. */
    Map<String, Long> restoredRows = Map.of();

    List<String> restoredMariaBackups = List.of();
    final Map<String, Map<String, String>> archived = new HashMap<>();

    BackupState(LabSite site) {
        super(site);
    }

    public List<Backup> backups() {
        synchronized (site) {
            advance();
            return List.copyOf(backups);
        }
    }

    Backup addBackup(String kind, String host, String location, long size) {
        Backup b = new Backup("b" + (backups.size() + 1), kind, host, location, now(), size, sha256(site.name + kind + location + now()));
        backups.add(b);
        rowsAtBackup.put(location, liveTableRows());
        return b;
    }

    /** {@code mysqldump --all-databases} on {@code host}: the dump's text, recorded as a backup. */
    public String dumpDatabases(String host) {
        synchronized (site) {
            advance();
            count("mysqldump", host);
            fire(FaultType.BACKUP_FAILS).ifPresent(f -> {
                throw LabException.conflict(f.messageOr("mysqldump: Got error: 2013: \"Lost connection to server during query\" when using LOCK TABLES"));
            });
            String dump = "-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n--\n-- Host: " + host
                    + "    Database: \n-- ------------------------------------------------------\n"
                    + "CREATE DATABASE IF NOT EXISTS `keystone`;\nCREATE DATABASE IF NOT EXISTS `nova`;\nCREATE DATABASE IF NOT EXISTS `nova_api`;\n"
                    + "CREATE DATABASE IF NOT EXISTS `neutron`;\nCREATE DATABASE IF NOT EXISTS `glance`;\nCREATE DATABASE IF NOT EXISTS `cinder`;\n"
                    + "CREATE DATABASE IF NOT EXISTS `placement`;\n-- instances: " + site.nova().instances.size() + "\n-- Dump completed on "
                    + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(now()) + "\n";
            addBackup("mysqldump", host, "stdout", dump.length());
            return dump;
        }
    }

    /** {@code mysql} reading a dump on standard input. */
    public void restoreDatabases(String host, String dump) {
        synchronized (site) {
            advance();
            count("mysql-restore", host);
            fire(FaultType.RESTORE_FAILS).ifPresent(f -> {
                throw LabException.conflict(f.messageOr("ERROR 2013 (HY000) at line 1: Lost connection to server during query"));
            });
            if (!dump.contains("-- MariaDB dump") && !dump.contains("-- MySQL dump")) {
                throw LabException.badRequest("ERROR 1064 (42000) at line 1: You have an error in your SQL syntax");
            }
        }
    }

    /** The rows of the key tables the backup at {@code location} (a file, or {@code volume:mariadb_backup/<file>}) held when taken. */
    public Optional<Map<String, Long>> tableRowsAt(String location) {
        synchronized (site) {
            boolean known = backups.stream().anyMatch(b -> b.location().equals(location));
            return known ? Optional.of(rowsOf(location)) : Optional.empty();
        }
    }

    /** A backup's rows; one of the topology (taken before the lab started) holds the rows the lab started with. */
    Map<String, Long> rowsOf(String location) {
        return Map.copyOf(rowsAtBackup.computeIfAbsent(location, l -> liveTableRows()));
    }

    /**
     * The one-shot mariabackup container of a Kolla restore on {@code host}: unpacks and prepares the full backup {@code files[0]}
     * of the {@code mariadb_backup} volume, applies each incremental after it in order, and copies the result back into the
     * mariadb data volume; returns what mariabackup prints. Refuses a broken chain as mariabackup does: each incremental must
     * start where the prepared target ends (its {@code from_lsn} the target's {@code to_lsn}), so one applied without its base,
     * out of order, or onto another full is refused, and nothing is copied back.
     *
     * @throws LabException (NOT_FOUND) when a file is not a backup on that host, (CONFLICT) for a broken chain or an injected
     *                      {@link FaultType#RESTORE_FAILS}
     */
    public String restoreMariaBackup(String host, List<String> files) {
        synchronized (site) {
            advance();
            count("mariadb-restore", host);
            List<Backup> chain = new ArrayList<>();
            for (String file : files) {
                String location = "volume:mariadb_backup/" + file;
                chain.add(backups.stream().filter(b -> b.host().equals(host) && b.location().equals(location)).findFirst()
                        .orElseThrow(() -> LabException.notFound("no backup /backup/" + file + " in the mariadb_backup volume")));
            }
            String ts = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(now());
            StringBuilder out = new StringBuilder();
            Lsn target = lsn(chain.get(0));
            if (target.from() != 0) {
                throw LabException.conflict("[00] " + ts + " mariabackup: error: " + files.get(0) + " is an incremental backup (from_lsn " + target.from()
                        + "); prepare its full backup first\n");
            }
            out.append("[00] ").append(ts).append(" mariabackup: Starting to apply redo log\n[00] ").append(ts).append(" completed OK!\n");
            for (int i = 1; i < chain.size(); i++) {
                Lsn incremental = lsn(chain.get(i));
                if (incremental.from() != target.to()) {
                    throw LabException.conflict(out + "[00] " + ts + " mariabackup: error: This incremental backup seems not to be proper for the target.\n"
                            + "mariabackup:  Check 'to_lsn' of the target and 'from_lsn' of the incremental.\n");
                }
                target = incremental;
                out.append("[00] ").append(ts).append(" mariabackup: incremental backup from ").append(incremental.from()).append(" is enabled.\n[00] ")
                        .append(ts).append(" completed OK!\n");
            }
            fire(FaultType.RESTORE_FAILS, host).ifPresent(f -> {
                throw LabException.conflict(f.messageOr("[00] " + LabSite.STAMP.format(now()) + " mariabackup: Error: cannot open ./xtrabackup_checkpoints\n"
                        + "[00] FATAL ERROR: " + LabSite.STAMP.format(now()) + " failed to copy back: datadir is not empty"));
            });
            restoredRows = rowsOf(chain.get(chain.size() - 1).location());
            restoredMariaBackups = List.copyOf(files);
            return out + "[01] " + ts + " Copying ./ibdata1 to /var/lib/mysql/ibdata1\n[00] " + ts + " completed OK!\nrestored " + String.join(" ", files)
                    + " into /var/lib/mysql\n";
        }
    }

    /** The files of the MariaDB backups the last restore applied, full first (dr-restore, rolling-upgrade's rollback). */
    public List<String> restoredMariaBackups() {
        synchronized (site) {
            return restoredMariaBackups;
        }
    }

    /** Where a MariaDB backup's redo log starts and ends, as its {@code xtrabackup_checkpoints} says. */
    private record Lsn(long from, long to) {
    }

    /**
     * A MariaDB backup's log sequence numbers: a full one starts at 0; an incremental starts where the backup before it on its
     * host ended, as Kolla names the base by the date of the host's last full (the first after a full builds on the full, the
     * next on that incremental); one with no full before it builds on nothing the lab knows.
     */
    private Lsn lsn(Backup backup) {
        Lsn last = null;
        for (int i = 0; i < backups.size(); i++) {
            Backup b = backups.get(i);
            if (!b.host().equals(backup.host()) || !b.kind().startsWith("mariadb-")) {
                continue;
            }
            long to = 1_000_000L * (i + 1) + 4711;
            Lsn here = b.kind().equals("mariadb-full") ? new Lsn(0, to) : new Lsn(last == null ? to - 1 : last.to(), to);
            if (b == backup) {
                return here;
            }
            last = here.from() == to - 1 ? last : here;
        }
        throw new IllegalStateException("not a MariaDB backup of " + site.name + ": " + backup.location());
    }

    /**
     * {@code tar -czf <archive> <path>…} as the lab's tar writes it (its members, and what they held), e.g. a backup of the
     * Kolla configuration directory.
     */
    public void archive(String archive, List<String> sources) {
        synchronized (site) {
            StringBuilder members = new StringBuilder("gzip tar archive, members:\n");
            for (String source : sources) {
                members.append(source.substring(1)).append('\n');
                site.kolla().listDirectory(source).forEach(name -> members.append(source.substring(1)).append('/').append(name).append('\n'));
            }
            writeBackupFile("tar", archive, new LabFile(members.toString(), 1024), "tar: Cannot open: Permission denied");
        }
    }

    /** {@code tar -xzf <archive> -C <directory>}: writes back every file the archive holds; returns the paths written. */
    public List<String> extractArchive(String archive, String directory) {
        synchronized (site) {
            advance();
            if (!site.kolla().files.containsKey(archive)) {
                throw LabException.notFound("tar: " + archive + ": Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now");
            }
            if (corrupted(archive) || !archived.containsKey(archive)) {
                throw LabException.badRequest("gzip: stdin: invalid compressed data--crc error\ntar: Child returned status 1\ntar: Error is not recoverable: exiting now");
            }
            count("tar-extract", directory);
            fire(FaultType.RESTORE_FAILS).ifPresent(f -> {
                throw LabException.conflict(f.messageOr("tar: Unexpected EOF in archive\ntar: Error is not recoverable: exiting now"));
            });
            String base = directory.endsWith("/") ? directory : directory + "/";
            List<String> written = new ArrayList<>();
            archived.get(archive).forEach((member, content) -> {
                site.kolla().putWritten(base + member, LabFile.text(content));
                written.add(base + member);
            });
            return written;
        }
    }

    /**
     * A backup program ({@code pg_dump}, {@code ceph}, {@code vault}, {@code tar}) writes {@code path}: a {@link FaultType#BACKUP_FAILS}
     * fault for the program (or any) makes it fail with {@code failure} (or the fault's message) and write nothing.
     */
    public void writeBackupFile(String program, String path, LabFile content, String failure) {
        synchronized (site) {
            advance();
            count("backup-" + program, path);
            fire(FaultType.BACKUP_FAILS, program).ifPresent(f -> {
                throw LabException.conflict(f.messageOr(failure));
            });
            site.kolla().putWrittenByProgram(path, content);
            if (program.equals("tar")) { // dr-restore: what the archive holds, for tar -x
                Map<String, String> held = new LinkedHashMap<>();
                content.content().lines().skip(1).forEach(member -> Optional.ofNullable(site.kolla().files.get("/" + member)).ifPresent(f -> held.put(member, f.content())));
                archived.put(path, held);
            }
        }
    }

    /** What an archive written by the lab's tar holds (member → content), for a copy of it to hold the same; empty for other files. */
    public Map<String, String> archiveMembers(String path) {
        synchronized (site) {
            return Map.copyOf(archived.getOrDefault(path, Map.of()));
        }
    }

    /** A copy of an archive holds what the archive holds. */
    void archiveCopied(String from, String to) {
        Optional.ofNullable(archived.get(from)).ifPresent(a -> archived.put(to, a));
    }

    /** A moved archive keeps what it holds. */
    void archiveMoved(String from, String to) {
        Optional.ofNullable(archived.remove(from)).ifPresent(a -> archived.put(to, a));
    }

    /**
     * {@code scp} sends {@code path} from this site: whether it arrives damaged ({@link FaultType#TRANSFER_CORRUPT} for its path or
     * name, used up like any fault with a number of times).
     */
    public boolean transferCorrupts(String path) {
        synchronized (site) {
            return fire(FaultType.TRANSFER_CORRUPT, path, path.substring(path.lastIndexOf('/') + 1)).isPresent();
        }
    }

    /** {@code scp} writes a file received from another host (an existing file keeps its mode), with what an archive holds. */
    public void receiveCopy(String path, LabFile content, Map<String, String> members) {
        synchronized (site) {
            advance();
            count("scp-receive", path);
            site.kolla().putWrittenByProgram(path, content);
            if (!members.isEmpty()) {
                archived.put(path, Map.copyOf(members));
            }
        }
    }

    /**
     * A file's SHA-256 as {@code sha256sum} reads it now: of its content, or of something else once a
     * {@link FaultType#BACKUP_CORRUPT} fault holds for its path or name.
     */
    public Optional<String> fileChecksum(String path) {
        synchronized (site) {
            LabFile f = site.kolla().files.get(path);
            if (f == null) {
                return Optional.empty();
            }
            return Optional.of(sha256(f.content() + (corrupted(path) ? "\0bit rot" : "")));
        }
    }

    /** Whether a {@link FaultType#BACKUP_CORRUPT} fault holds for the file (its full path or its name). */
    public boolean corrupted(String path) {
        synchronized (site) {
            return holds(FaultType.BACKUP_CORRUPT, path, path.substring(path.lastIndexOf('/') + 1)).isPresent();
        }
    }

    /**
     * Rows of the key tables, as {@code SELECT COUNT(*)} over the live (not deleted) rows would find them; after a restore
     * (dr-restore), the rows the restored backup held, one fewer per table a {@link FaultType#RESTORE_INCOMPLETE} names.
     */
    public Map<String, Long> keyTableRows() {
        synchronized (site) {
            advance();
            Map<String, Long> rows = new LinkedHashMap<>(liveTableRows());
            rows.putAll(restoredRows);
            rows.replaceAll((table, n) -> holds(FaultType.RESTORE_INCOMPLETE, table).isPresent() ? Math.max(0, n - 1) : n);
            return rows;
        }
    }

    private Map<String, Long> liveTableRows() {
        site.nova().seedImages();
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("nova.instances", (long) site.nova().instances.size());
        rows.put("keystone.project", site.nova().instances.values().stream().map(Instance::projectId).distinct().count() + 2); // + admin, service
        rows.put("glance.images", (long) site.nova().images.size());
        rows.put("cinder.volumes", 0L);
        rows.put("neutron.ports", (long) site.neutron().ports.size());
        return rows;
    }
}
