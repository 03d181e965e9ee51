package io.dayshift.metrics;

import io.dayshift.engine.OwnTables;
import io.dayshift.runbook.backup.BackupSite;
import io.dayshift.runbook.healthcheck.SiteHealthCheck;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When each configured site's runs last reached the end events its gauges read ({@link SiteMetrics}): one row per site,
 * runbook and end event in {@value #TABLE}, updated in the transaction that ends the run ({@link RunMetrics}' history
 * handler), so that a scrape reads a few rows by their key however many runs the history holds — not a search of the
 * history by the value of the runs' {@code site} variable, whose cost grows with every run ever made. The rows are made
 * for every configured site at start, outside any run; {@link #fill} fills a row still empty then (a database from before
 * this table) once, from the history.
 */
@Component
class SiteLastEnds {

    static final String TABLE = "dayshift_site_last_end";

    /** The end events whose last time is kept, per runbook: the health check's verdicts, the backup that completed. */
    static final Map<String, Set<String>> KEPT = Map.of(
            SiteHealthCheck.PROCESS_KEY, SiteMetrics.VERDICTS.keySet(),
            BackupSite.PROCESS_KEY, Set.of(BackupSite.Elements.SITE_BACKED_UP_END));

    private static final Logger LOG = LoggerFactory.getLogger(SiteLastEnds.class);

    private final JdbcTemplate jdbc;
    private final Sites sites;

    SiteLastEnds(JdbcTemplate jdbc, Sites sites) {
        this.jdbc = jdbc;
        this.sites = sites;
        OwnTables.create(jdbc, TABLE, "site VARCHAR(100) NOT NULL, runbook VARCHAR(255) NOT NULL, end_event VARCHAR(255) NOT NULL, "
                + "run_id VARCHAR(64), ended_at TIMESTAMP, PRIMARY KEY (site, runbook, end_event)");
        for (Site site : sites.all()) {
            KEPT.forEach((runbook, ends) -> ends.forEach(end -> ensureRow(site.name(), runbook, end)));
        }
    }

    /** A run ended: if its end is one that is kept, it is now the last one of its site (in the transaction that ended it). */
    void ended(String site, String runbook, String endEvent, String run, Instant at) {
        if (KEPT.getOrDefault(runbook, Set.of()).contains(endEvent)) {
            jdbc.update("UPDATE " + TABLE + " SET run_id = ?, ended_at = ? WHERE site = ? AND runbook = ? AND end_event = ? "
                    + "AND (ended_at IS NULL OR ended_at <= ?)", run, Timestamp.from(at), site, runbook, endEvent, Timestamp.from(at));
        }
    }

    /** The last of the kept ends the runbook's runs reached on the site, and when; empty while none has. */
    Optional<End> last(String site, String runbook) {
        return jdbc.query("SELECT end_event, ended_at FROM " + TABLE + " WHERE site = ? AND runbook = ? AND ended_at IS NOT NULL "
                        + "ORDER BY ended_at DESC, end_event", (rs, row) -> new End(rs.getString(1), rs.getTimestamp(2).toInstant()), site, runbook)
                .stream().findFirst();
    }

    /**
     * Fills each configured site's rows that no run has filled yet with what {@code fromHistory} finds: the last run of
     * the runbook on the site that reached the end event, as the history has it (a search made once, at start).
     */
    void fill(Function<Kept, Optional<End>> fromHistory) {
        for (Site site : sites.all()) {
            KEPT.forEach((runbook, ends) -> ends.forEach(end -> {
                Kept kept = new Kept(site.name(), runbook, end);
                if (emptyRow(kept)) {
                    fromHistory.apply(kept).ifPresent(found -> jdbc.update("UPDATE " + TABLE + " SET ended_at = ? "
                            + "WHERE site = ? AND runbook = ? AND end_event = ? AND ended_at IS NULL", Timestamp.from(found.at()), site.name(), runbook, end));
                }
            }));
        }
    }

    private boolean emptyRow(Kept kept) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE site = ? AND runbook = ? AND end_event = ? AND ended_at IS NULL",
                Long.class, kept.site(), kept.runbook(), kept.endEvent()) > 0;
    }

    private void ensureRow(String site, String runbook, String end) {
        try {
            if (jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE site = ? AND runbook = ? AND end_event = ?", Long.class,
                    site, runbook, end) == 0) {
                jdbc.update("INSERT INTO " + TABLE + " (site, runbook, end_event) VALUES (?, ?, ?)", site, runbook, end);
            }
        } catch (DataAccessException e) {
            LOG.debug("another node added the row of {} {} {} first", site, runbook, end, e);
        }
    }

    /** A kept end of a runbook on a site. */
    record Kept(String site, String runbook, String endEvent) {
    }

    /** The end event a run reached, and when. */
    record End(String event, Instant at) {
    }
}
