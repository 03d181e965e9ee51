package io.dayshift.alert;

import io.dayshift.engine.OwnTables;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The alerts that started a run, one row per occurrence (fingerprint + startsAt). Its primary key is
 * what keeps a second delivery, to this node or another, from starting a second run: the insert of the
 * second waits for the first transaction and then fails. Plain SQL that H2 and PostgreSQL both read.
 */
@Component
class AlertLedger {

    static final String TABLE = "dayshift_alert_intake";

    private final JdbcTemplate jdbc;

    AlertLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        createTable();
    }

    private void createTable() {
        OwnTables.create(jdbc, TABLE, "dedupe_key VARCHAR(200) NOT NULL PRIMARY KEY, "
                + "process_instance_id VARCHAR(64), "
                + "received_at TIMESTAMP NOT NULL, "
                + "resolved_at TIMESTAMP");
    }

    /** Claims the occurrence; a {@link org.springframework.dao.DuplicateKeyException} if it is claimed already. */
    void claim(String dedupeKey, Instant receivedAt) {
        jdbc.update("INSERT INTO " + TABLE + " (dedupe_key, received_at) VALUES (?, ?)", dedupeKey, Timestamp.from(receivedAt));
    }

    void started(String dedupeKey, String processInstanceId) {
        jdbc.update("UPDATE " + TABLE + " SET process_instance_id = ? WHERE dedupe_key = ?", processInstanceId, dedupeKey);
    }

    /** The run an occurrence started, if it was claimed. */
    Optional<String> processInstanceOf(String dedupeKey) {
        return jdbc.queryForList("SELECT process_instance_id FROM " + TABLE + " WHERE dedupe_key = ?", String.class, dedupeKey)
                .stream().findFirst();
    }

    /** Notes that Alertmanager reported the occurrence resolved; false if it never started a run. */
    boolean resolved(String dedupeKey, Instant at) {
        return jdbc.update("UPDATE " + TABLE + " SET resolved_at = ? WHERE dedupe_key = ? AND resolved_at IS NULL",
                Timestamp.from(at), dedupeKey) > 0
                || processInstanceOf(dedupeKey).isPresent();
    }
}
