package io.dayshift.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.site.Site;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The calendar changes administrators make and the emergency overrides approvers grant, in two tables of the service's
 * database, so that they hold across restarts and across the nodes of a cluster. Changes are only ever added: a window
 * or freeze is added by a row, and removed by another row naming it, each with who, when and why — the table is the audit
 * trail. An override is used once: the start that uses it marks it, in the start's own transaction.
 */
@Component
class CalendarStore {

    static final String CHANGES = "dayshift_calendar_change";
    static final String OVERRIDES = "dayshift_calendar_override";
    private static final Logger LOG = LoggerFactory.getLogger(CalendarStore.class);

    /** What a change does. */
    enum Kind { ADD_WINDOW, ADD_FREEZE, REMOVE }

    /** One change: what, to what (the item added, or the id removed), by whom, when and why. */
    record Change(String id, String site, Kind kind, String target, String item, String reason, String changedBy, Instant changedAt) {
    }

    /** An emergency override: who granted it for which runbook on which site, why, until when, and who used it with which run. */
    record Override(String id, String site, String runbook, String reason, String grantedBy, Instant grantedAt, Instant validUntil,
                    String usedBy, Instant usedAt, String usedRun) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    CalendarStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        create(CHANGES, "id VARCHAR(36) NOT NULL PRIMARY KEY, site VARCHAR(63) NOT NULL, kind VARCHAR(16) NOT NULL, "
                + "target VARCHAR(64), item VARCHAR(2000), reason VARCHAR(2000) NOT NULL, changed_by VARCHAR(255) NOT NULL, "
                + "changed_at TIMESTAMP NOT NULL");
        create(OVERRIDES, "id VARCHAR(36) NOT NULL PRIMARY KEY, site VARCHAR(63) NOT NULL, runbook VARCHAR(255) NOT NULL, "
                + "reason VARCHAR(2000) NOT NULL, granted_by VARCHAR(255) NOT NULL, granted_at TIMESTAMP NOT NULL, "
                + "valid_until TIMESTAMP NOT NULL, used_by VARCHAR(255), used_at TIMESTAMP, used_run VARCHAR(64)");
    }

    private void create(String table, String columns) {
        try {
            jdbc.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ")");
        } catch (DataAccessException e) {
            // Two nodes starting at once may race on the create; the table is there if it can be read.
            jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0", Long.class);
            LOG.debug("{} was created by another node", table, e);
        }
    }

    Change addWindow(String site, Site.Window window, String reason, String by, Instant at) {
        return add(new Change(UUID.randomUUID().toString(), site, Kind.ADD_WINDOW, null, write(window), reason, by, at));
    }

    Change addFreeze(String site, Site.Freeze freeze, String reason, String by, Instant at) {
        return add(new Change(UUID.randomUUID().toString(), site, Kind.ADD_FREEZE, null, write(freeze), reason, by, at));
    }

    Change remove(String site, String id, String reason, String by, Instant at) {
        return add(new Change(UUID.randomUUID().toString(), site, Kind.REMOVE, id, null, reason, by, at));
    }

    private Change add(Change change) {
        jdbc.update("INSERT INTO " + CHANGES + " (id, site, kind, target, item, reason, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                change.id(), change.site(), change.kind().name(), change.target(), change.item(), change.reason(), change.changedBy(),
                Timestamp.from(change.changedAt()));
        return change;
    }

    /** The site's changes, oldest first. */
    List<Change> changes(String site) {
        return jdbc.query("SELECT * FROM " + CHANGES + " WHERE site = ? ORDER BY changed_at, id", CalendarStore::change, site);
    }

    Site.Window window(Change change) {
        return read(change.item(), Site.Window.class);
    }

    Site.Freeze freeze(Change change) {
        return read(change.item(), Site.Freeze.class);
    }

    Override grant(String site, String runbook, String reason, String by, Instant at, Instant validUntil) {
        Override grant = new Override(UUID.randomUUID().toString(), site, runbook, reason, by, at, validUntil, null, null, null);
        jdbc.update("INSERT INTO " + OVERRIDES + " (id, site, runbook, reason, granted_by, granted_at, valid_until) VALUES (?, ?, ?, ?, ?, ?, ?)",
                grant.id(), site, runbook, reason, by, Timestamp.from(at), Timestamp.from(validUntil));
        return grant;
    }

    /** The site's overrides, newest first. */
    List<Override> overrides(String site) {
        return jdbc.query("SELECT * FROM " + OVERRIDES + " WHERE site = ? ORDER BY granted_at DESC, id", CalendarStore::override, site);
    }

    /**
     * Uses the oldest unused override of the runbook on the site, valid at the instant, granted by someone other than the
     * user, for the run; empty when there is none. The update claims it, so two starts never use one override.
     */
    Optional<Override> use(String site, String runbook, String user, String run, Instant at) {
        List<Override> usable = jdbc.query("SELECT * FROM " + OVERRIDES + " WHERE site = ? AND runbook = ? AND used_at IS NULL "
                + "AND granted_at <= ? AND valid_until > ? ORDER BY granted_at, id", CalendarStore::override, site, runbook,
                Timestamp.from(at), Timestamp.from(at));
        for (Override candidate : usable) {
            if (candidate.grantedBy().equals(user)) {
                continue;
            }
            int claimed = jdbc.update("UPDATE " + OVERRIDES + " SET used_by = ?, used_at = ?, used_run = ? WHERE id = ? AND used_at IS NULL",
                    user == null ? "the engine" : user, Timestamp.from(at), run, candidate.id());
            if (claimed == 1) {
                return Optional.of(new Override(candidate.id(), site, runbook, candidate.reason(), candidate.grantedBy(), candidate.grantedAt(),
                        candidate.validUntil(), user == null ? "the engine" : user, at, run));
            }
        }
        return Optional.empty();
    }

    /** Whether the user holds an unused override of the runbook on the site that they granted themselves. */
    boolean grantedOwn(String site, String runbook, String user, Instant at) {
        Long own = jdbc.queryForObject("SELECT COUNT(*) FROM " + OVERRIDES + " WHERE site = ? AND runbook = ? AND used_at IS NULL "
                + "AND valid_until > ? AND granted_by = ?", Long.class, site, runbook, Timestamp.from(at), user);
        return own != null && own > 0;
    }

    private String write(Object item) {
        try {
            return json.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a calendar entry could not be written as JSON", e);
        }
    }

    private <T> T read(String item, Class<T> type) {
        try {
            return json.readValue(item, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored calendar entry could not be read: " + item, e);
        }
    }

    private static Change change(ResultSet row, int index) throws SQLException {
        return new Change(row.getString("id"), row.getString("site"), Kind.valueOf(row.getString("kind")), row.getString("target"),
                row.getString("item"), row.getString("reason"), row.getString("changed_by"), row.getTimestamp("changed_at").toInstant());
    }

    private static Override override(ResultSet row, int index) throws SQLException {
        Timestamp usedAt = row.getTimestamp("used_at");
        return new Override(row.getString("id"), row.getString("site"), row.getString("runbook"), row.getString("reason"),
                row.getString("granted_by"), row.getTimestamp("granted_at").toInstant(), row.getTimestamp("valid_until").toInstant(),
                row.getString("used_by"), usedAt == null ? null : usedAt.toInstant(), row.getString("used_run"));
    }
}
