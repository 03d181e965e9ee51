package io.dayshift.runbook.upgrade;

import java.util.List;

/**
 * One step of the upgrade plan, as the approver reads it and the step loop runs it.
 *
 * @param key         unique in the plan ({@code control-1}, {@code batch-3}); part of kolla run ids
 * @param kind        what it does
 * @param description one line for humans: {@code kolla-ansible upgrade --limit control,loadbalancer}
 * @param targets     the hosts or groups of {@code --limit}, the application, or the units
 * @param value       the release, the kolla-ansible action or the channel
 * @param unitByUnit  charmed: set {@code action-managed-upgrade=true} before the refresh, so the units move one by one later
 */
public record UpgradeStep(String key, StepKind kind, String description, List<String> targets, String value, boolean unitByUnit) {

    public UpgradeStep {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}
