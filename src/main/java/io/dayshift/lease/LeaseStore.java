package io.dayshift.lease;

import io.dayshift.engine.OwnTables;
import io.dayshift.site.Sites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The leases, in the service's database, so that they hold across the nodes of a cluster and across restarts. A run takes
 * its leases in the transaction of the step that needs them (the engine's own transaction): they are taken with that step
 * or not at all. Takers of one site queue on that site's row in {@value #SITES} ({@code SELECT … FOR UPDATE}), so that two
 * nodes cannot both find a target free; the rows are created for every configured site at start, outside any run.
 */
@Component
public class LeaseStore {

    static final String TABLE = "dayshift_lease";
    static final String SITES = "dayshift_lease_site";
    private static final Logger LOG = LoggerFactory.getLogger(LeaseStore.class);

    private final JdbcTemplate jdbc;

    LeaseStore(JdbcTemplate jdbc, Sites sites) {
        this.jdbc = jdbc;
        OwnTables.create(jdbc, SITES, "site VARCHAR(100) NOT NULL PRIMARY KEY");
        OwnTables.create(jdbc, TABLE, "target_key VARCHAR(400) NOT NULL PRIMARY KEY, site VARCHAR(100) NOT NULL, "
                + "run_id VARCHAR(64) NOT NULL, runbook VARCHAR(255) NOT NULL, started_by VARCHAR(255) NOT NULL, since TIMESTAMP NOT NULL");
        sites.all().forEach(site -> ensureSite(site.name()));
    }


    private void ensureSite(String site) {
        try {
            if (jdbc.queryForObject("SELECT COUNT(*) FROM " + SITES + " WHERE site = ?", Long.class, site) == 0) {
                jdbc.update("INSERT INTO " + SITES + " (site) VALUES (?)", site);
            }
        } catch (DataAccessException e) {
            LOG.debug("another node added site {} to the lease tables first", site, e);
        }
    }

    /**
     * Takes every target for the run, or none: the first lease of another run that conflicts, when there is one. Targets
     * the run holds already are kept; targets on a site Dayshift does not know are not leased (the run's input check
     * refuses such a site before anything changes).
     */
    Optional<Lease> acquire(Collection<LeaseTarget> wanted, String run, String runbook, String startedBy, Instant now) {
        TreeSet<String> sites = new TreeSet<>();
        wanted.forEach(t -> sites.add(t.site()));
        List<String> known = new ArrayList<>();
        for (String site : sites) { // in name order, so that two takers never wait for each other
            known.addAll(jdbc.queryForList("SELECT site FROM " + SITES + " WHERE site = ? FOR UPDATE", String.class, site));
        }
        List<Lease> held = held(known);
        Optional<Lease> conflict = firstConflict(wanted, run, held);
        if (conflict.isPresent()) {
            return conflict;
        }
        for (LeaseTarget target : wanted) {
            boolean mine = held.stream().anyMatch(l -> l.target().key().equals(target.key()));
            if (known.contains(target.site()) && !mine) {
                jdbc.update("INSERT INTO " + TABLE + " (target_key, site, run_id, runbook, started_by, since) VALUES (?, ?, ?, ?, ?, ?)",
                        target.key(), target.site(), run, runbook, startedBy, Timestamp.from(now));
                held.add(new Lease(target, run, runbook, startedBy, now));
            }
        }
        return Optional.empty();
    }

    /**
     * The first lease of another run that conflicts with {@code wanted}, as the table is now (no lock taken: a look, for
     * deciding whether trying to take them is worth it).
     */
    Optional<Lease> conflict(Collection<LeaseTarget> wanted, String run) {
        return firstConflict(wanted, run, held(wanted.stream().map(LeaseTarget::site).distinct().toList()));
    }

    private List<Lease> held(List<String> sites) {
        List<Lease> held = new ArrayList<>();
        for (String site : sites) {
            held.addAll(jdbc.query("SELECT target_key, run_id, runbook, started_by, since FROM " + TABLE + " WHERE site = ?", LeaseStore::lease, site));
        }
        return held;
    }

    private static Optional<Lease> firstConflict(Collection<LeaseTarget> wanted, String run, List<Lease> held) {
        return wanted.stream().flatMap(target -> held.stream().filter(l -> !l.run().equals(run) && l.target().conflictsWith(target))).findFirst();
    }

    private static Lease lease(ResultSet rs, int row) throws SQLException {
        return new Lease(LeaseTarget.parse(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant());
    }

    /** Releases every lease of the run; how many there were. */
    int release(String run) {
        return jdbc.update("DELETE FROM " + TABLE + " WHERE run_id = ?", run);
    }

    /** Every lease held, oldest first. */
    public List<Lease> all() {
        return jdbc.query("SELECT target_key, run_id, runbook, started_by, since FROM " + TABLE + " ORDER BY since, target_key", LeaseStore::lease);
    }

    /** Releases the leases of runs that no longer exist (deleted without their end, a crash mid-cancel), saying so in the log. */
    int releaseLeasesOfGoneRuns(Predicate<String> runExists) {
        int released = 0;
        for (Lease lease : all()) {
            if (!runExists.test(lease.run()) && jdbc.update("DELETE FROM " + TABLE + " WHERE target_key = ? AND run_id = ?", lease.target().key(), lease.run()) == 1) {
                released++;
                LOG.warn("Released {}: its run {} ({}, started by {}) no longer exists", lease.target().describe(), lease.run(), lease.runbook(), lease.startedBy());
            }
        }
        return released;
    }
}
