package io.dayshift.evidence;

import io.dayshift.engine.OwnTables;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The evidence journal in the service's database (the engine's data source, so that an entry is written in the
 * transaction of the step that made it), in four tables:
 * <ul>
 *   <li>{@value #ENTRIES}: every entry of every run ({@link Entry}), append-only in the database ({@link AppendOnly});</li>
 *   <li>{@value #RUNS}: one head row per run (its site, runbook, last sequence number and hash), on which appends to the
 *       run queue ({@code SELECT … FOR UPDATE}), so that two transactions can never give two entries one place;</li>
 *   <li>{@value #SITE_CHAIN}: the site chains ({@link SiteLink}): each ended run's last hash, chained per site,
 *       append-only;</li>
 *   <li>{@value #SITES}: one head row per site chain, locked the same way.</li>
 * </ul>
 * A head row is created, when missing, in a short transaction of its own, so that two first appends do not collide.
 *
 * <p>The reading API, for whatever shows or exports the evidence: {@link #entries(String)} (a run's journal in order),
 * {@link #siteChain(String)} (the runs of a site's chain, in the order they ended), {@link #sites()}, {@link #runs()} and
 * {@link #head(String)}. Reads take no lock.
 */
@Component
public class EvidenceStore {

    static final String ENTRIES = "dayshift_evidence";
    static final String RUNS = "dayshift_evidence_run";
    static final String SITE_CHAIN = "dayshift_evidence_site_chain";
    static final String SITES = "dayshift_evidence_site";
    /** The most of a text field an entry keeps (of an output: its end, where the errors are). */
    static final int MAX_TEXT = 4000;
    /** The most a target keeps (its column's size): a look at a step over every host of a large site names them all. */
    static final int MAX_TARGET = 1000;

    /** The head of a run's journal: where it belongs, how far it goes, and when the run ended (empty while it runs). */
    public record RunHead(String run, String site, String runbook, long lastSeq, String lastHash, Optional<Instant> ended) {
    }

    /** Where an entry belongs: the run, the step (BPMN element id), the run's site and runbook. */
    record Where(String run, String step, String site, String runbook) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    EvidenceStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        OwnTables.create(jdbc, ENTRIES, "run_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL, recorded_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "kind VARCHAR(32) NOT NULL, origin VARCHAR(32) NOT NULL, step VARCHAR(255), target VARCHAR(1000), "
                + "action VARCHAR(10000) NOT NULL, outcome VARCHAR(10000), detail VARCHAR(10000), "
                + "previous_hash VARCHAR(64) NOT NULL, hash VARCHAR(64) NOT NULL, PRIMARY KEY (run_id, seq)");
        OwnTables.create(jdbc, RUNS, "run_id VARCHAR(64) NOT NULL PRIMARY KEY, site VARCHAR(100) NOT NULL, runbook VARCHAR(255) NOT NULL, "
                + "last_seq BIGINT NOT NULL, last_hash VARCHAR(64) NOT NULL, ended_at TIMESTAMP WITH TIME ZONE");
        OwnTables.create(jdbc, SITE_CHAIN, "site VARCHAR(100) NOT NULL, seq BIGINT NOT NULL, run_id VARCHAR(64) NOT NULL, "
                + "runbook VARCHAR(255) NOT NULL, run_seq BIGINT NOT NULL, run_hash VARCHAR(64) NOT NULL, "
                + "recorded_at TIMESTAMP WITH TIME ZONE NOT NULL, previous_hash VARCHAR(64) NOT NULL, hash VARCHAR(64) NOT NULL, "
                + "PRIMARY KEY (site, seq)");
        OwnTables.create(jdbc, SITES, "site VARCHAR(100) NOT NULL PRIMARY KEY, last_seq BIGINT NOT NULL, last_hash VARCHAR(64) NOT NULL");
        // a run's one link is found by its run, not by reading its site's whole chain (siteLink)
        OwnTables.index(jdbc, SITE_CHAIN, SITE_CHAIN + "_run", "run_id");
        AppendOnly.declare(jdbc, ENTRIES);
        AppendOnly.declare(jdbc, SITE_CHAIN);
    }

    /**
     * Appends an entry to the run's journal in the current transaction (waiting for any other transaction appending to the
     * same run); the entry as sealed.
     */
    Entry append(Where where, Instant at, String kind, String origin, String target, String action, String outcome, String detail) {
        ensureHead(RUNS, "run_id", where.run(), "INSERT INTO " + RUNS + " (run_id, site, runbook, last_seq, last_hash) VALUES (?, ?, ?, 0, ?)",
                where.run(), where.site(), where.runbook(), Chains.GENESIS);
        Head head = jdbc.queryForObject("SELECT last_seq, last_hash FROM " + RUNS + " WHERE run_id = ? FOR UPDATE",
                (rs, row) -> new Head(rs.getLong(1), rs.getString(2)), where.run());
        Entry entry = new Entry(where.run(), 0, at.truncatedTo(ChronoUnit.MILLIS), kind, origin, where.step(), limit(target, MAX_TARGET),
                limit(action, MAX_TEXT), limit(outcome, MAX_TEXT), tail(detail), "", "").sealed(head.seq() + 1, head.hash());
        jdbc.update("INSERT INTO " + ENTRIES + " (run_id, seq, recorded_at, kind, origin, step, target, action, outcome, detail, previous_hash, hash) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                entry.run(), entry.seq(), utc(entry.at()), entry.kind(), entry.origin(), entry.step(), entry.target(), entry.action(),
                entry.outcome(), entry.detail(), entry.previousHash(), entry.hash());
        jdbc.update("UPDATE " + RUNS + " SET last_seq = ?, last_hash = ? WHERE run_id = ?", entry.seq(), entry.hash(), entry.run());
        return entry;
    }

    /**
     * Chains the run's last hash into its site's chain, in the current transaction, and marks the run ended; the site
     * chain's new entry. A run with no journal is chained too (its hash is {@link Chains#GENESIS}): that it ran is
     * evidence.
     */
    SiteLink close(Where where, Instant at) {
        ensureHead(RUNS, "run_id", where.run(), "INSERT INTO " + RUNS + " (run_id, site, runbook, last_seq, last_hash) VALUES (?, ?, ?, 0, ?)",
                where.run(), where.site(), where.runbook(), Chains.GENESIS);
        RunHead run = jdbc.queryForObject("SELECT run_id, site, runbook, last_seq, last_hash, ended_at FROM " + RUNS + " WHERE run_id = ? FOR UPDATE",
                EvidenceStore::runHead, where.run());
        ensureHead(SITES, "site", run.site(), "INSERT INTO " + SITES + " (site, last_seq, last_hash) VALUES (?, 0, ?)", run.site(), Chains.GENESIS);
        Head site = jdbc.queryForObject("SELECT last_seq, last_hash FROM " + SITES + " WHERE site = ? FOR UPDATE",
                (rs, row) -> new Head(rs.getLong(1), rs.getString(2)), run.site());
        SiteLink link = new SiteLink(run.site(), 0, run.run(), run.runbook(), run.lastSeq(), run.lastHash(), at.truncatedTo(ChronoUnit.MILLIS), "", "")
                .sealed(site.seq() + 1, site.hash());
        jdbc.update("INSERT INTO " + SITE_CHAIN + " (site, seq, run_id, runbook, run_seq, run_hash, recorded_at, previous_hash, hash) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                link.site(), link.seq(), link.run(), link.runbook(), link.runSeq(), link.runHash(), utc(link.at()), link.previousHash(), link.hash());
        jdbc.update("UPDATE " + SITES + " SET last_seq = ?, last_hash = ? WHERE site = ?", link.seq(), link.hash(), link.site());
        jdbc.update("UPDATE " + RUNS + " SET ended_at = ? WHERE run_id = ?", utc(link.at()), link.run());
        return link;
    }

    /** Runs {@code work} in a transaction of its own (committed whatever happens to the one around it). */
    void inOwnTransaction(Runnable work) {
        ownTransaction.executeWithoutResult(status -> work.run());
    }

    private void ensureHead(String table, String key, String id, String insert, Object... values) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + key + " = ?", Long.class, id) > 0) {
            return;
        }
        try {
            inOwnTransaction(() -> jdbc.update(insert, values));
        } catch (DuplicateKeyException raced) {
            // another transaction made the head first: it is there now
        }
    }

    /** The run's journal, in order (empty for a run that has none). */
    public List<Entry> entries(String run) {
        return jdbc.query("SELECT run_id, seq, recorded_at, kind, origin, step, target, action, outcome, detail, previous_hash, hash FROM "
                + ENTRIES + " WHERE run_id = ? ORDER BY seq", EvidenceStore::entry, run);
    }

    /** The site's chain: the runs that ended on the site, in the order they ended. */
    public List<SiteLink> siteChain(String site) {
        return jdbc.query("SELECT site, seq, run_id, runbook, run_seq, run_hash, recorded_at, previous_hash, hash FROM " + SITE_CHAIN
                + " WHERE site = ? ORDER BY seq", EvidenceStore::link, site);
    }

    /** The run's entry in its site's chain, once it has ended: one row, not the site's whole chain. */
    public Optional<SiteLink> siteLink(String site, String run) {
        return jdbc.query("SELECT site, seq, run_id, runbook, run_seq, run_hash, recorded_at, previous_hash, hash FROM " + SITE_CHAIN
                + " WHERE site = ? AND run_id = ?", EvidenceStore::link, site, run).stream().findFirst();
    }

    /** The sites that have a chain, by name. */
    public List<String> sites() {
        return jdbc.queryForList("SELECT site FROM " + SITES + " ORDER BY site", String.class);
    }

    /** Every run that has a journal, by id. */
    public List<String> runs() {
        return jdbc.queryForList("SELECT run_id FROM " + RUNS + " ORDER BY run_id", String.class);
    }

    /** The head of the run's journal; empty when the run has none. */
    public Optional<RunHead> head(String run) {
        return jdbc.query("SELECT run_id, site, runbook, last_seq, last_hash, ended_at FROM " + RUNS + " WHERE run_id = ?",
                EvidenceStore::runHead, run).stream().findFirst();
    }

    /** The site chain's head: how many runs it holds and its last hash. */
    Optional<Head> siteHead(String site) {
        return jdbc.query("SELECT last_seq, last_hash FROM " + SITES + " WHERE site = ?", (rs, row) -> new Head(rs.getLong(1), rs.getString(2)), site)
                .stream().findFirst();
    }

    /** A chain's head row: its last sequence number and hash. */
    record Head(long seq, String hash) {
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getString(1), rs.getLong(2), instant(rs, 3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12));
    }

    private static SiteLink link(ResultSet rs, int row) throws SQLException {
        return new SiteLink(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6), instant(rs, 7),
                rs.getString(8), rs.getString(9));
    }

    private static RunHead runHead(ResultSet rs, int row) throws SQLException {
        return new RunHead(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                Optional.ofNullable(rs.getObject(6, OffsetDateTime.class)).map(OffsetDateTime::toInstant));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static String limit(String text, int most) {
        if (text == null) {
            return "";
        }
        return text.length() <= most ? text : text.substring(0, most - 1) + "…";
    }

    private static String tail(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_TEXT ? text : "…" + text.substring(text.length() - MAX_TEXT + 1);
    }
}
