package io.dayshift.runbook.commission;

import io.dayshift.engine.RunLog;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.OUTCOMES;
import static io.dayshift.runbook.RunVariables.SITE;
import static io.dayshift.runbook.commission.CommissionMachines.Variables.TAGS;

import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ApplyTags}: each tag exists, and every machine that reached Ready carries it (machines that have it are left alone). */
@Component("applyCommissionTags")
class ApplyCommissionTagsDelegate implements JavaDelegate {

    static final String TAG_COMMENT = "Applied by Dayshift (runbook commission-machines)";

    private final Sites sites;
    private final MachineProvisioner provisioner;

    ApplyCommissionTagsDelegate(Sites sites, MachineProvisioner provisioner) {
        this.sites = sites;
        this.provisioner = provisioner;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<String> tags = CommissionInput.items(TAGS.find(execution).orElse(""));
        List<String> ready = OUTCOMES.get(execution).withResult(MachineOutcome.Result.READY).stream().map(MachineOutcome::systemId).toList();
        if (tags.isEmpty() || ready.isEmpty()) {
            RunLog.record(execution, "none", site.name(), tags.isEmpty() ? "no tags asked for" : "no machine reached Ready", "");
            return;
        }
        List<Machine> machines = ready.stream().map(id -> provisioner.findMachine(site, id).orElseThrow(() ->
                new IllegalStateException("site " + site.name() + ": MAAS no longer knows machine " + id + " (tag)"))).toList();
        for (String tag : tags) {
            provisioner.ensureTag(site, tag, TAG_COMMENT);
            List<String> untagged = machines.stream().filter(m -> !m.hasTag(tag)).map(Machine::systemId).toList();
            int matched = untagged.isEmpty() ? 0 : provisioner.tagMachines(site, tag, untagged);
            RunLog.record(execution, "POST tags/" + tag + "/?op=update_nodes add=" + String.join(",", untagged), String.join(", ",
                    machines.stream().map(Machine::display).toList()), untagged.isEmpty() ? "already tagged" : "tagged " + matched, "");
        }
    }
}
