package io.dayshift.runbook.sev1;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The incident as auditors read it ({@code incident}): where it came from, when it opened, every phase's start, end,
 * deadline and escalation (a phase run again after a failed verification is a second entry), the mitigations taken and
 * when Alertmanager reported the alert resolved.
 *
 * @param source          {@code alert <alertname> (<fingerprint>)} or {@code Tasklist}
 * @param title           the one-line summary the incident was opened with
 * @param openedAt        when Dayshift opened it: the SLA budgets and the RTO count from here
 * @param alertResolvedAt when Alertmanager sent {@code resolved}, or null
 */
public record IncidentRecord(String source, String title, Instant openedAt, List<PhaseRecord> phases, List<MitigationRecord> mitigations,
                             Instant alertResolvedAt) {

    public IncidentRecord {
        phases = phases == null ? List.of() : List.copyOf(phases);
        mitigations = mitigations == null ? List.of() : List.copyOf(mitigations);
    }

    static IncidentRecord opened(String source, String title, Instant at) {
        return new IncidentRecord(source, title, at, List.of(), List.of(), null);
    }

    /**
     * One run of a phase.
     *
     * @param dueAt       the phase's deadline: the incident's opening plus the phase's budget
     * @param escalatedAt when its overrun was escalated, or null
     */
    public record PhaseRecord(String phase, Instant startedAt, Instant endedAt, Instant dueAt, Instant escalatedAt) {

        boolean running() {
            return endedAt == null;
        }

        boolean overran(Instant now) {
            return (endedAt == null ? now : endedAt).isAfter(dueAt);
        }
    }

    /** A mitigation an operator chose, who approved it and what came of it. */
    public record MitigationRecord(String action, String target, String chosenBy, String approvedBy, String outcome, Instant at) {
    }

    IncidentRecord phaseStarted(String phase, Instant at, Instant dueAt) {
        List<PhaseRecord> all = new ArrayList<>(phases);
        all.add(new PhaseRecord(phase, at, null, dueAt, null));
        return new IncidentRecord(source, title, openedAt, all, mitigations, alertResolvedAt);
    }

    IncidentRecord phaseEnded(String phase, Instant at) {
        List<PhaseRecord> all = new ArrayList<>(phases);
        for (int i = all.size() - 1; i >= 0; i--) {
            PhaseRecord p = all.get(i);
            if (p.phase().equals(phase) && p.running()) {
                all.set(i, new PhaseRecord(p.phase(), p.startedAt(), at, p.dueAt(), p.escalatedAt()));
                break;
            }
        }
        return new IncidentRecord(source, title, openedAt, all, mitigations, alertResolvedAt);
    }

    /** The running phases past their deadline that were not escalated yet. */
    List<PhaseRecord> unescalatedOverruns(Instant now) {
        return phases.stream().filter(p -> p.running() && p.escalatedAt() == null && !now.isBefore(p.dueAt())).toList();
    }

    /** Whether a phase of this name was escalated before (a phase run again past its deadline is not escalated twice). */
    boolean escalated(String phase) {
        return phases.stream().anyMatch(p -> p.phase().equals(phase) && p.escalatedAt() != null);
    }

    IncidentRecord escalate(List<PhaseRecord> overruns, Instant at) {
        List<PhaseRecord> all = new ArrayList<>();
        for (PhaseRecord p : phases) {
            all.add(overruns.contains(p) ? new PhaseRecord(p.phase(), p.startedAt(), p.endedAt(), p.dueAt(), at) : p);
        }
        return new IncidentRecord(source, title, openedAt, all, mitigations, alertResolvedAt);
    }

    IncidentRecord mitigated(MitigationRecord mitigation) {
        List<MitigationRecord> all = new ArrayList<>(mitigations);
        all.add(mitigation);
        return new IncidentRecord(source, title, openedAt, phases, all, alertResolvedAt);
    }

    IncidentRecord alertResolved(Instant at) {
        return new IncidentRecord(source, title, openedAt, phases, mitigations, alertResolvedAt == null ? at : alertResolvedAt);
    }

    Optional<Instant> closedAt() {
        return phases.stream().filter(p -> p.phase().equals(Phases.RESOLUTION) && p.endedAt() != null).map(PhaseRecord::endedAt)
                .max(Instant::compareTo);
    }

    static String minutes(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s % 60 == 0 ? (s / 60) + " min" : (s / 60) + " min " + (s % 60) + " s";
    }
}
