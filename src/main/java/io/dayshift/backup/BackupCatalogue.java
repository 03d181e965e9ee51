package io.dayshift.backup;

import io.dayshift.engine.OwnTables;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where every backup set, its artefacts (host, path, size, checksum, verification, key table row counts), their off-host
 * copies, its failures and every pruning are recorded, in the service's database: a restore finds its artefacts here, an auditor reads what
 * was and was not backed up. Every write is an upsert keyed by set and artefact kind, so a retried step records once.
 * Plain SQL that H2 and PostgreSQL both read.
 */
@Component
public class BackupCatalogue {

    static final String SETS = "dayshift_backup_set";
    static final String ARTEFACTS = "dayshift_backup_artefact";
    static final String FAILURES = "dayshift_backup_failure";
    static final String COPIES = "dayshift_backup_copy";

    private final JdbcTemplate jdbc;

    public BackupCatalogue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        create(SETS, "id VARCHAR(120) NOT NULL PRIMARY KEY, site VARCHAR(64) NOT NULL, flavour VARCHAR(16), scope VARCHAR(16), "
                + "process_instance_id VARCHAR(64), started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP");
        create(ARTEFACTS, "set_id VARCHAR(120) NOT NULL, kind VARCHAR(32) NOT NULL, host VARCHAR(255) NOT NULL, "
                + "path VARCHAR(1024) NOT NULL, size_bytes BIGINT NOT NULL, sha256 VARCHAR(64) NOT NULL, taken_at TIMESTAMP NOT NULL, "
                + "verified BOOLEAN NOT NULL, table_rows VARCHAR(4000) NOT NULL, pruned_at TIMESTAMP, pruned_by VARCHAR(64), "
                + "built_on VARCHAR(120), PRIMARY KEY (set_id, kind)");
        create(FAILURES, "set_id VARCHAR(120) NOT NULL, kind VARCHAR(32) NOT NULL, reason VARCHAR(2000) NOT NULL, "
                + "PRIMARY KEY (set_id, kind)");
        create(COPIES, "set_id VARCHAR(120) NOT NULL, kind VARCHAR(32) NOT NULL, host VARCHAR(255) NOT NULL, path VARCHAR(1024) NOT NULL, "
                + "size_bytes BIGINT NOT NULL, sha256 VARCHAR(64) NOT NULL, taken_at TIMESTAMP NOT NULL, copied_at TIMESTAMP NOT NULL, "
                + "verified BOOLEAN NOT NULL, problem VARCHAR(2000) NOT NULL, pruned_at TIMESTAMP, pruned_by VARCHAR(64), PRIMARY KEY (set_id, kind)");
        // what a backup or restore run looks up, found without reading every set and artefact ever catalogued: a site's
        // sets (retention, the joins below), the newest full backups first (what an incremental builds on), and the
        // incrementals built on a full (a restore's chain)
        OwnTables.index(jdbc, SETS, SETS + "_site", "site, started_at");
        OwnTables.index(jdbc, ARTEFACTS, ARTEFACTS + "_kind_taken", "kind, taken_at");
        OwnTables.index(jdbc, ARTEFACTS, ARTEFACTS + "_built_on", "built_on, kind");
    }

    /** Declares one of the catalogue's tables (a catalogue created before incrementals gains their column {@code built_on}). */
    private void create(String table, String columns) {
        OwnTables.create(jdbc, table, columns);
    }

    /** Records a set: its header, then each of its artefacts and failures (a set recorded again is updated, not doubled). */
    public void record(BackupSet set) {
        int updated = jdbc.update("UPDATE " + SETS + " SET site = ?, flavour = ?, scope = ?, process_instance_id = ?, started_at = ?, "
                        + "finished_at = ? WHERE id = ?", set.site(), set.flavour(), set.scope(), set.processInstanceId(),
                Timestamp.from(set.startedAt()), timestamp(set.finishedAt()), set.id());
        if (updated == 0) {
            jdbc.update("INSERT INTO " + SETS + " (id, site, flavour, scope, process_instance_id, started_at, finished_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)", set.id(), set.site(), set.flavour(), set.scope(), set.processInstanceId(),
                    Timestamp.from(set.startedAt()), timestamp(set.finishedAt()));
        }
        set.artefacts().forEach(a -> append(set.id(), a));
        for (String failure : set.failures()) {
            int colon = failure.indexOf(':');
            ArtefactKind kind = ArtefactKind.valueOf(failure.substring(0, colon));
            recordFailure(set.id(), kind, failure.substring(colon + 1).strip());
        }
    }

    /** Records (or updates, e.g. once verified) the set's artefact of this kind; a failure recorded for the kind is dropped. */
    public void append(String setId, Artefact a) {
        int updated = jdbc.update("UPDATE " + ARTEFACTS + " SET host = ?, path = ?, size_bytes = ?, sha256 = ?, taken_at = ?, verified = ?, "
                        + "table_rows = ?, built_on = ? WHERE set_id = ? AND kind = ?", a.host(), a.path(), a.sizeBytes(), a.sha256(),
                Timestamp.from(a.takenAt()), a.verified(), rowsText(a.tableRows()), a.builtOn(), setId, a.kind().name());
        if (updated == 0) {
            jdbc.update("INSERT INTO " + ARTEFACTS + " (set_id, kind, host, path, size_bytes, sha256, taken_at, verified, table_rows, built_on) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", setId, a.kind().name(), a.host(), a.path(), a.sizeBytes(), a.sha256(),
                    Timestamp.from(a.takenAt()), a.verified(), rowsText(a.tableRows()), a.builtOn());
        }
    }

    /** Records why the part of this kind could not be backed up (or did not verify); one reason per kind, the last one wins. */
    public void recordFailure(String setId, ArtefactKind kind, String reason) {
        String line = reason.length() > 2000 ? reason.substring(0, 1999) + "…" : reason;
        if (jdbc.update("UPDATE " + FAILURES + " SET reason = ? WHERE set_id = ? AND kind = ?", line, setId, kind.name()) == 0) {
            jdbc.update("INSERT INTO " + FAILURES + " (set_id, kind, reason) VALUES (?, ?, ?)", setId, kind.name(), line);
        }
    }

    /** Notes the end of the run that made the set. */
    public void finish(String setId, Instant finishedAt) {
        jdbc.update("UPDATE " + SETS + " SET finished_at = ? WHERE id = ?", Timestamp.from(finishedAt), setId);
    }

    /** The set with its artefacts that are still on their hosts (not pruned) and its failures. */
    public Optional<BackupSet> find(String id) {
        return jdbc.query("SELECT * FROM " + SETS + " WHERE id = ?", (rs, n) -> header(rs), id).stream().findFirst()
                .map(this::withContent);
    }

    /** The site's sets, newest first. */
    public List<BackupSet> forSite(String site) {
        return jdbc.query("SELECT * FROM " + SETS + " WHERE site = ? ORDER BY started_at DESC, id DESC", (rs, n) -> header(rs), site)
                .stream().map(this::withContent).toList();
    }

    /**
     * The newest set of the site holding a verified, not pruned full MariaDB backup taken at or after {@code since}: what an
     * incremental backup builds on.
     */
    public Optional<BackupSet> latestFull(String site, Instant since) {
        return jdbc.query("SELECT s.* FROM " + SETS + " s JOIN " + ARTEFACTS + " a ON a.set_id = s.id WHERE s.site = ? AND a.kind = ? "
                                + "AND a.verified = TRUE AND a.pruned_at IS NULL AND a.taken_at >= ? ORDER BY a.taken_at DESC, s.id DESC",
                        (rs, n) -> header(rs), site, ArtefactKind.MARIADB_FULL.name(), Timestamp.from(since))
                .stream().findFirst().map(this::withContent);
    }

    /**
     * The set holding the site's newest full MariaDB backup taken at or before {@code at}, verified or not, pruned or not: the
     * full Kolla's incremental backups build on (its backup names the base by the date of the last full it took).
     */
    public Optional<String> newestFull(String site, Instant at) {
        return jdbc.query("SELECT a.set_id FROM " + ARTEFACTS + " a JOIN " + SETS + " s ON a.set_id = s.id WHERE s.site = ? AND a.kind = ? "
                        + "AND a.taken_at <= ? ORDER BY a.taken_at DESC, a.set_id DESC", (rs, n) -> rs.getString("set_id"), site,
                ArtefactKind.MARIADB_FULL.name(), Timestamp.from(at)).stream().findFirst();
    }

    /** One incremental MariaDB backup of a chain: its set, the artefact, and whether retention removed it from its host. */
    public record Link(String setId, Artefact artefact, boolean pruned) {
    }

    /**
     * The incremental MariaDB backups that build on the full backup of set {@code fullSetId}, taken at or before {@code until},
     * oldest first (pruned ones too, marked): each builds on the one before it, the first on the full, so a restore applies
     * them in this order.
     */
    public List<Link> incrementalsOn(String fullSetId, Instant until) {
        return jdbc.query("SELECT * FROM " + ARTEFACTS + " WHERE kind = ? AND built_on = ? AND taken_at <= ? ORDER BY taken_at, set_id",
                (rs, n) -> new Link(rs.getString("set_id"), artefact(rs), rs.getTimestamp("pruned_at") != null),
                ArtefactKind.MARIADB_INCREMENTAL.name(), fullSetId, Timestamp.from(until));
    }

    /** Notes that the artefact was removed from its host; false if it was pruned already (a retried step). */
    public boolean markPruned(String setId, ArtefactKind kind, Instant prunedAt, String prunedBy) {
        return jdbc.update("UPDATE " + ARTEFACTS + " SET pruned_at = ?, pruned_by = ? WHERE set_id = ? AND kind = ? AND pruned_at IS NULL",
                Timestamp.from(prunedAt), prunedBy, setId, kind.name()) > 0;
    }

    /** The site's pruned artefacts, most recently pruned first. */
    public List<PrunedArtefact> pruned(String site) {
        return jdbc.query("SELECT a.* FROM " + ARTEFACTS + " a JOIN " + SETS + " s ON a.set_id = s.id WHERE s.site = ? "
                        + "AND a.pruned_at IS NOT NULL ORDER BY a.pruned_at DESC, a.set_id DESC, a.kind",
                (rs, n) -> new PrunedArtefact(rs.getString("set_id"), ArtefactKind.valueOf(rs.getString("kind")), rs.getString("host"),
                        rs.getString("path"), rs.getTimestamp("taken_at").toInstant(), rs.getTimestamp("pruned_at").toInstant(),
                        rs.getString("pruned_by")), site);
    }

    /** Records (or updates) the off-host copy of the set's artefact of its kind: one per artefact, the last attempt wins. */
    public void recordCopy(OffHostCopy c) {
        String problem = c.problem().length() > 2000 ? c.problem().substring(0, 1999) + "…" : c.problem();
        int updated = jdbc.update("UPDATE " + COPIES + " SET host = ?, path = ?, size_bytes = ?, sha256 = ?, taken_at = ?, copied_at = ?, "
                        + "verified = ?, problem = ? WHERE set_id = ? AND kind = ?", c.host(), c.path(), c.sizeBytes(), c.sha256(),
                Timestamp.from(c.takenAt()), Timestamp.from(c.copiedAt()), c.verified(), problem, c.setId(), c.kind().name());
        if (updated == 0) {
            jdbc.update("INSERT INTO " + COPIES + " (set_id, kind, host, path, size_bytes, sha256, taken_at, copied_at, verified, problem) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", c.setId(), c.kind().name(), c.host(), c.path(), c.sizeBytes(), c.sha256(),
                    Timestamp.from(c.takenAt()), Timestamp.from(c.copiedAt()), c.verified(), problem);
        }
    }

    /** The off-host copy (or failed attempt) of the set's artefact of this kind, unless pruned. */
    public Optional<OffHostCopy> copy(String setId, ArtefactKind kind) {
        return jdbc.query("SELECT * FROM " + COPIES + " WHERE set_id = ? AND kind = ? AND pruned_at IS NULL", (rs, n) -> copy(rs), setId, kind.name())
                .stream().findFirst();
    }

    /** The off-host copies of the set's artefacts (and failed attempts), unless pruned. */
    public List<OffHostCopy> copies(String setId) {
        return jdbc.query("SELECT * FROM " + COPIES + " WHERE set_id = ? AND pruned_at IS NULL ORDER BY taken_at, kind", (rs, n) -> copy(rs), setId);
    }

    /** The site's off-host copies that are not pruned, newest artefact first. */
    public List<OffHostCopy> copiesForSite(String site) {
        return jdbc.query("SELECT c.* FROM " + COPIES + " c JOIN " + SETS + " s ON c.set_id = s.id WHERE s.site = ? AND c.pruned_at IS NULL "
                + "ORDER BY c.taken_at DESC, c.set_id DESC, c.kind", (rs, n) -> copy(rs), site);
    }

    /** Notes that the copy was removed from the store; false if it was pruned already (a retried step). */
    public boolean markCopyPruned(String setId, ArtefactKind kind, Instant prunedAt, String prunedBy) {
        return jdbc.update("UPDATE " + COPIES + " SET pruned_at = ?, pruned_by = ? WHERE set_id = ? AND kind = ? AND pruned_at IS NULL",
                Timestamp.from(prunedAt), prunedBy, setId, kind.name()) > 0;
    }

    private static OffHostCopy copy(ResultSet rs) throws SQLException {
        return new OffHostCopy(rs.getString("set_id"), ArtefactKind.valueOf(rs.getString("kind")), rs.getString("host"), rs.getString("path"),
                rs.getLong("size_bytes"), rs.getString("sha256"), rs.getTimestamp("taken_at").toInstant(), rs.getTimestamp("copied_at").toInstant(),
                rs.getBoolean("verified"), rs.getString("problem"));
    }

    private BackupSet withContent(BackupSet header) {
        List<Artefact> artefacts = jdbc.query("SELECT * FROM " + ARTEFACTS + " WHERE set_id = ? AND pruned_at IS NULL ORDER BY taken_at, kind",
                (rs, n) -> artefact(rs), header.id());
        List<String> failures = jdbc.query("SELECT kind, reason FROM " + FAILURES + " WHERE set_id = ? ORDER BY kind",
                (rs, n) -> rs.getString("kind") + ": " + rs.getString("reason"), header.id());
        return new BackupSet(header.id(), header.site(), header.flavour(), header.scope(), header.processInstanceId(),
                header.startedAt(), header.finishedAt(), artefacts, failures);
    }

    private static BackupSet header(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new BackupSet(rs.getString("id"), rs.getString("site"), rs.getString("flavour"), rs.getString("scope"),
                rs.getString("process_instance_id"), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(), List.of(), List.of());
    }

    private static Artefact artefact(ResultSet rs) throws SQLException {
        return new Artefact(ArtefactKind.valueOf(rs.getString("kind")), rs.getString("host"), rs.getString("path"),
                rs.getLong("size_bytes"), rs.getString("sha256"), rs.getTimestamp("taken_at").toInstant(), rs.getBoolean("verified"),
                rows(rs.getString("table_rows")), rs.getString("built_on"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** {@code nova.instances=12} one per line: readable in a SQL console, no JSON library in the catalogue. */
    private static String rowsText(Map<String, Long> rows) {
        StringBuilder text = new StringBuilder();
        rows.forEach((table, count) -> text.append(table).append('=').append(count).append('\n'));
        return text.toString();
    }

    private static Map<String, Long> rows(String text) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.lastIndexOf('=');
            if (eq > 0) {
                rows.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
            }
        }
        return rows;
    }
}
