package io.dayshift.runbook.upgrade;

import io.dayshift.engine.RunLog;
import static io.dayshift.runbook.RunVariables.*;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Variables.*;

import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_VerifyRollback} (kolla): every compute host's nova_compute runs the previous release again; the hosts that do
 * not are named. The rollback ran to its end: {@code rollbackDone}.
 */
@Component("verifyRollback")
class VerifyRollbackDelegate implements JavaDelegate {

    private final Sites sites;
    private final HostReleaseCheck check;

    VerifyRollbackDelegate(Sites sites, HostReleaseCheck check) {
        this.sites = sites;
        this.check = check;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UpgradePlan plan = PLAN.get(execution);
        Site site = sites.require(plan.site());
        DelegateExecution run = RunLog.run(execution);
        HostReleases releases = HOST_RELEASES.get(run);
        List<String> off = new ArrayList<>();
        for (String host : plan.hosts()) {
            HostReleaseCheck.Seen seen = check.look(site, plan, host);
            releases = releases.with(host, seen.release());
            if (!seen.release().equals(plan.currentRelease())) {
                off.add(host + " (" + seen.detail() + ")");
            }
        }
        HOST_RELEASES.set(run, releases);
        boolean rowsDiffer = ROWS_MISMATCH.find(execution).orElse(false);
        ROLLED_BACK.set(execution, off.isEmpty() && !rowsDiffer);
        ROLLBACK_DONE.set(execution, true);
        RunLog.record(execution, "verify nova_compute release on " + plan.hosts().size() + " host(s)", plan.site(),
                off.isEmpty() ? "all on " + plan.currentRelease() : off.size() + " not on " + plan.currentRelease(), null, String.join("\n", off));
    }
}
