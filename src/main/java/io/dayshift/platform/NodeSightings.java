package io.dayshift.platform;

import io.dayshift.engine.OwnTables;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Notices two running nodes that share one identity, cheaply: each start of a node claims its identity's row in
 * {@value #TABLE} with a start id of its own, and the node then marks itself seen every {@link #INTERVAL}, on its own row
 * only. A node whose row another start has claimed shares its identity with that start (or the row was claimed by a
 * restart of the same process that this one outlived): it logs a warning naming the other host, once per such start. A
 * start that finds its identity seen moments ago from another host warns too. Nothing else depends on this table.
 */
@Component
class NodeSightings extends Housekeeping {

    static final String TABLE = "dayshift_node";
    static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(NodeSightings.class);

    private final JdbcTemplate jdbc;
    private final NodeIdentity identity;
    private final String host;
    private final String startId = UUID.randomUUID().toString();
    private volatile String lastWarnedAbout;

    @Autowired
    NodeSightings(JdbcTemplate jdbc, NodeIdentity identity) {
        this(jdbc, identity, NodeIdentity.hostName());
    }

    NodeSightings(JdbcTemplate jdbc, NodeIdentity identity, String host) {
        super("dayshift-node-sightings", INTERVAL);
        this.jdbc = jdbc;
        this.identity = identity;
        this.host = host;
        OwnTables.create(jdbc, TABLE, "node_id VARCHAR(100) NOT NULL PRIMARY KEY, start_id VARCHAR(36) NOT NULL, "
                + "host VARCHAR(255) NOT NULL, started_at TIMESTAMP NOT NULL, seen_at TIMESTAMP NOT NULL");
    }

    /** The last start of a node with this identity: its start id, host, and when it started and was last seen. */
    record Sighting(String startId, String host, Instant startedAt, Instant seenAt) {
    }

    /**
     * Claims this identity for this start, before the node gives back its old job locks. Returns the previous start's
     * sighting, if any; warns when it was seen within two intervals from another host.
     */
    Optional<Sighting> arrive() {
        Instant now = Instant.now();
        Optional<Sighting> previous = sighting();
        previous.filter(p -> !p.host().equals(host) && p.seenAt().isAfter(now.minus(INTERVAL.multipliedBy(2))))
                .ifPresent(p -> LOG.warn("Node identity '{}' was in use on host {} {} s ago; if that node still runs, two nodes share "
                                + "one identity and each start gives back the other's job locks, so a running step may run twice: "
                                + "give each node its own dayshift.node.id", identity.id(), p.host(),
                        Duration.between(p.seenAt(), now).toSeconds()));
        Timestamp at = Timestamp.from(now);
        if (jdbc.update("UPDATE " + TABLE + " SET start_id = ?, host = ?, started_at = ?, seen_at = ? WHERE node_id = ?",
                startId, host, at, at, identity.id()) == 0) {
            try {
                jdbc.update("INSERT INTO " + TABLE + " (node_id, start_id, host, started_at, seen_at) VALUES (?, ?, ?, ?, ?)",
                        identity.id(), startId, host, at, at);
            } catch (DuplicateKeyException raced) {
                jdbc.update("UPDATE " + TABLE + " SET start_id = ?, host = ?, started_at = ?, seen_at = ? WHERE node_id = ?",
                        startId, host, at, at, identity.id());
            }
        }
        return previous;
    }

    /**
     * Marks this node seen. Returns the other start that claimed this identity since, if one did (and warns once about it).
     */
    Optional<Sighting> markSeen() {
        if (jdbc.update("UPDATE " + TABLE + " SET seen_at = ? WHERE node_id = ? AND start_id = ?",
                Timestamp.from(Instant.now()), identity.id(), startId) == 1) {
            return Optional.empty();
        }
        Optional<Sighting> other = sighting().filter(s -> !s.startId().equals(startId));
        other.filter(s -> !Objects.equals(s.startId(), lastWarnedAbout)).ifPresent(s -> {
            lastWarnedAbout = s.startId();
            LOG.warn("Another node started as '{}' on host {} at {} while this node runs with that identity: at its start it gave back "
                            + "the job locks this node holds, so steps running here may run there a second time. Give each node its own "
                            + "dayshift.node.id", identity.id(), s.host(), s.startedAt());
        });
        return other;
    }

    private Optional<Sighting> sighting() {
        List<Sighting> rows = jdbc.query("SELECT start_id, host, started_at, seen_at FROM " + TABLE + " WHERE node_id = ?",
                (row, n) -> new Sighting(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant(), row.getTimestamp(4).toInstant()),
                identity.id());
        return rows.stream().findFirst();
    }

    @Override
    protected void round() {
        markSeen();
    }

    /** Marking fails while the database is away; the log says so only when asked (debug). */
    @Override
    protected void failed(RuntimeException e) {
        LOG.debug("marking node '{}' seen failed, trying again later ({}: {})", identity.id(), e.getClass().getSimpleName(), e.getMessage());
    }
}
