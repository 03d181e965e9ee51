package io.dayshift.lab.model;

import java.time.Instant;

/**
 * A migration as {@code os-migrations} shows it.
 *
 * @param kind   {@code live-migration}, {@code migration} (cold), {@code evacuation}
 * @param status {@code running}, {@code completed}, {@code finished} (cold, awaiting confirm), {@code confirmed}, {@code reverted}, {@code error}
 * @param finishesAt when the running part ends (simulated time)
 */
public record Migration(int id, String instanceId, String kind, String sourceHost, String destHost, String status, Instant startedAt,
                        Instant finishesAt, boolean failing) {

    Migration withStatus(String newStatus) {
        return new Migration(id, instanceId, kind, sourceHost, destHost, newStatus, startedAt, finishesAt, failing);
    }

    public boolean inProgress() {
        return status.equals("running");
    }
}
