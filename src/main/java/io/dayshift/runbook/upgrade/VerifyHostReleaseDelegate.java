package io.dayshift.runbook.upgrade;

import static io.dayshift.runbook.RunVariables.*;
import static io.dayshift.runbook.upgrade.RollingUpgrade.Variables.*;

import io.dayshift.engine.RunLog;
import io.dayshift.site.Sites;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_VerifyHostRelease}: the host runs nova-compute on the target release and Nova has it enabled and up; else the operator decides. */
@Component("verifyHostRelease")
class VerifyHostReleaseDelegate implements JavaDelegate {

    private final Sites sites;
    private final HostReleaseCheck check;

    VerifyHostReleaseDelegate(Sites sites, HostReleaseCheck check) {
        this.sites = sites;
        this.check = check;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UpgradePlan plan = PLAN.get(execution);
        String host = HOST.get(execution);
        HostReleaseCheck.Seen seen = check.look(sites.require(plan.site()), plan, host);
        boolean verified = seen.on(plan.targetRelease());
        HOST_VERIFIED.set(execution, verified);
        DelegateExecution run = RunLog.run(execution);
        HOST_RELEASES.set(run, HOST_RELEASES.get(run).with(host, seen.release()));
        if (!verified) {
            FAILURE_REPORT.set(execution, Summaries.fitted("Host " + host + " is not up on " + plan.targetRelease() + ": " + seen.detail()));
        }
        RunLog.record(execution, "verify release and nova-compute of " + host, host, verified ? "on " + seen.release() + ", up" : "not verified",
                null, seen.detail());
    }
}
