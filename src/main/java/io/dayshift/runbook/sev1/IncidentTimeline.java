package io.dayshift.runbook.sev1;

import io.dayshift.approval.ApprovalDecision;
import io.dayshift.engine.StepRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The incident as it happened, in time order, for the post-mortem ({@code timeline}): the alert or report that opened
 * it, each phase's start, end and escalation, every step of the run (acknowledgements, status-page updates, the
 * mitigation chosen, each action and its result), each approval with who decided and why, and the alert's resolution.
 *
 * @param entries oldest first
 */
public record IncidentTimeline(List<Entry> entries) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public IncidentTimeline {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /**
     * One moment of the incident.
     *
     * @param at     when, {@code 2026-12-07 17:02:11 UTC}
     * @param what   what happened
     * @param who    who did it or what it touched; empty when Dayshift did it on the site
     * @param detail its result, or the decider's reason
     */
    public record Entry(String at, String what, String who, String detail) {
    }

    /**
     * The timeline of an incident from its record, the run's steps and its approvals (each named by {@code stepName}, from
     * its element id); the "no new overrun" checks left out.
     */
    static IncidentTimeline of(IncidentRecord incident, String openedBy, List<StepRecord> steps, List<ApprovalDecision> approvals,
                               Function<String, String> stepName) {
        record At(Instant at, int order, Entry entry) {
        }
        List<At> all = new ArrayList<>();
        all.add(new At(incident.openedAt(), 0, entry(incident.openedAt(), "incident opened from " + incident.source(), openedBy, incident.title())));
        for (IncidentRecord.PhaseRecord p : incident.phases()) {
            all.add(new At(p.startedAt(), 1, entry(p.startedAt(), p.phase() + " started", "", "due by " + TIME.format(p.dueAt()))));
            if (p.escalatedAt() != null) {
                all.add(new At(p.escalatedAt(), 1, entry(p.escalatedAt(), p.phase() + " overran its deadline: escalated", "", "was due by " + TIME.format(p.dueAt()))));
            }
            if (p.endedAt() != null) {
                all.add(new At(p.endedAt(), 3, entry(p.endedAt(), p.phase() + " ended", "", p.endedAt().isAfter(p.dueAt()) ? "after its deadline" : "within its deadline")));
            }
        }
        for (StepRecord s : steps) {
            if (s.at() != null && !"no new overrun".equals(s.result())) {
                all.add(new At(s.at(), 2, entry(s.at(), s.action(), s.target() == null ? "" : s.target(), s.result() == null ? "" : s.result())));
            }
        }
        for (ApprovalDecision d : approvals) {
            all.add(new At(d.decidedAt(), 2, entry(d.decidedAt(), stepName.apply(d.task()) + ": " + (d.approved() ? "approved" : "rejected"), d.approver(), d.reason())));
        }
        for (IncidentRecord.MitigationRecord m : incident.mitigations()) {
            all.add(new At(m.at(), 2, entry(m.at(), "mitigation " + m.action() + (m.target().isEmpty() ? "" : " of " + m.target()) + ": " + m.outcome(),
                    m.chosenBy(), "approved by " + m.approvedBy())));
        }
        if (incident.alertResolvedAt() != null) {
            all.add(new At(incident.alertResolvedAt(), 2, entry(incident.alertResolvedAt(), "Alertmanager reported the alert resolved", "", "")));
        }
        all.sort(Comparator.comparing(At::at).thenComparingInt(At::order));
        return new IncidentTimeline(all.stream().map(At::entry).toList());
    }

    private static Entry entry(Instant at, String what, String who, String detail) {
        return new Entry(TIME.format(at), what, who == null ? "" : who, detail == null ? "" : detail);
    }
}
