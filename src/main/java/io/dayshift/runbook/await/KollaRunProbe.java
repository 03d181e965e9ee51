package io.dayshift.runbook.await;

import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaRun;
import io.dayshift.kolla.KollaRunHandle;
import io.dayshift.kolla.KollaRunState;
import io.dayshift.kolla.KollaRunStatus;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A detached kolla-ansible run on the deployer: running, finished with exit code 0 and no failed host, or failed or lost. */
@Component
public class KollaRunProbe extends OperationProbe {

    public static final String KIND = "kolla-run";

    private final KollaDeployer kolla;

    KollaRunProbe(Sites sites, KollaDeployer kolla) {
        super(KIND, "kolla", sites);
        this.kolla = kolla;
    }

    /** The operation of a run a step started: {@code target} is what it changes (a host, a group, the site). */
    public static Operation operation(String site, String target, KollaRunHandle run) {
        return new Operation(KIND, site, target, run.command(), Map.of("runId", run.runId(), "action", run.action().name(),
                "command", run.command(), "directory", run.directory()));
    }

    /** The handle of the run an operation of this kind awaits. */
    public static KollaRunHandle handle(Operation operation) {
        return new KollaRunHandle(operation.require("runId"), KollaAction.valueOf(operation.require("action")), operation.require("command"),
                operation.require("directory"));
    }

    @Override
    protected Look look(Operation operation, Site site) {
        KollaRunState state = kolla.check(site, handle(operation));
        boolean succeeded = state.result().map(KollaRun::succeeded).orElse(false);
        Look look = state.running() ? Look.running(state.detail())
                : succeeded ? Look.succeeded(state.detail())
                : Look.failed(state.detail() + (state.status() == KollaRunStatus.LOST ? " (the run was lost)" : ""));
        return look.withEvidence(state.logTail(), state.result().map(KollaRun::exitCode).orElse(null));
    }
}
