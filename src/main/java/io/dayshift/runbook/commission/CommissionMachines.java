package io.dayshift.runbook.commission;

import io.dayshift.runbook.RunIdentity;
import io.dayshift.site.Sites;
import io.dayshift.runbook.InputProblems;
import io.dayshift.runbook.RunVariables;
import org.camunda.bpm.engine.delegate.VariableScope;
import io.dayshift.engine.ProcessVariable;
import io.dayshift.runbook.SettingChecks;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code commission-machines}: commission MAAS machines in waves, let an ops lead decide about each one that fails (retry,
 * mark broken, skip), tag the machines that reached Ready. Its key, element ids, variables, decisions and settings
 * ({@code dayshift.runbooks.commission-machines.*}: how often a run looks at a commissioning machine, how long MAAS may
 * take before an ops lead decides, how many machines commission at once — MAAS and the network boot serve a limited
 * number well; a rack of 40 is not started in one go). The model reads the settings as {@code ${commissionMachines.…}}.
 */
@Component("commissionMachines")
public class CommissionMachines implements RunIdentity {

    public static final String PROCESS_KEY = "commission-machines";

    /** Error code: the input names something that does not exist or cannot be commissioned; nothing was done. */
    public static final String INPUT_REJECTED = "INPUT_REJECTED";

    /** The ops lead's decisions about a machine that failed or is overdue. */
    public static final String RETRY = "retry";
    public static final String MARK_BROKEN = "mark-broken";
    public static final String SKIP = "skip";

    public static final String START_FORM = "commission-machines-start";

    /** The element ids code and tests use. */
    public static final class Elements {
        public static final String START_EVENT = "StartEvent_CommissioningRequested";
        public static final String VALIDATE_INPUT = "Task_ValidateInput";
        public static final String INPUT_REJECTED_EVENT = "Event_InputRejected";
        public static final String INPUT_REJECTED_END = "EndEvent_InputRejected";
        public static final String COMMISSION_EACH_MACHINE = "SubProcess_CommissionMachine";
        public static final String MACHINE_START = "StartEvent_MachineSelected";
        public static final String COMMISSION_MACHINE = "Task_CommissionMachine";
        public static final String AWAIT_COMMISSIONING = "Task_AwaitCommissioning";
        public static final String MACHINE_COMMISSIONED = "Gateway_MachineCommissioned";
        public static final String MACHINE_READY_END = "EndEvent_MachineReady";
        public static final String MARK_MACHINE_BROKEN = "Task_MarkMachineBroken";
        public static final String MACHINE_MARKED_BROKEN_END = "EndEvent_MachineMarkedBroken";
        public static final String MACHINE_SKIPPED_END = "EndEvent_MachineSkipped";
        public static final String APPLY_TAGS = "Task_ApplyTags";
        public static final String SUMMARISE_RUN = "Task_SummariseRun";
        public static final String MACHINES_COMMISSIONED_END = "EndEvent_MachinesCommissioned";
        /** The ops lead's retry: back to commissioning. */
        public static final String FLOW_RETRY = "Flow_Retry";

        private Elements() {
        }
    }

    /**
     * Its variables (those every runbook has are in {@link io.dayshift.runbook.RunVariables}). The start form gives
     * {@link #MACHINES}, {@link #TAGS} and optionally {@link #TESTING_SCRIPTS}; the run keeps references ({@link #TARGETS}),
     * never MAAS payloads. <em>Per machine</em>: in one instance of the multi-instance sub-process only.
     */
    public static final class Variables {
        /** Comma-separated MAAS hostnames or system ids (start). */
        public static final ProcessVariable<String> MACHINES = ProcessVariable.string("machines");
        /** Comma-separated tags to put on the machines that reach Ready (start; may be empty). */
        public static final ProcessVariable<String> TAGS = ProcessVariable.string("tags");
        /** Comma-separated MAAS testing scripts, {@code none} for no tests, empty for MAAS's default (start, optional). */
        public static final ProcessVariable<String> TESTING_SCRIPTS = ProcessVariable.string("testingScripts");
        /** The checked machines, by system id and hostname. */
        public static final ProcessVariable<MachineTargets> TARGETS = ProcessVariable.json("targets", MachineTargets.class);
        /** Per machine: the sub-process instance's machine (the multi-instance element variable). */
        public static final ProcessVariable<MachineTarget> TARGET = ProcessVariable.json("target", MachineTarget.class);
        /** Per machine: the MAAS status the last step saw ({@link io.dayshift.machine.MachineStatus} name). */
        public static final ProcessVariable<String> LAST_SEEN_STATUS = ProcessVariable.string("lastSeenStatus");
        /** Every machine's outcome. */
        public static final ProcessVariable<MachineOutcomes> OUTCOMES = ProcessVariable.json("outcomes", MachineOutcomes.class);

        private Variables() {
        }
    }

    private final Duration checkInterval;
    private final Duration deadline;
    private final int maxParallel;

    CommissionMachines(
            @Value("${dayshift.runbooks.commission-machines.check-interval:PT30S}") Duration checkInterval,
            @Value("${dayshift.runbooks.commission-machines.deadline:PT45M}") Duration deadline,
            @Value("${dayshift.runbooks.commission-machines.max-parallel:10}") int maxParallel) {
        SettingChecks settings = new SettingChecks("dayshift.runbooks.commission-machines");
        this.checkInterval = settings.positive("check-interval", checkInterval);
        this.deadline = settings.atLeast("deadline", deadline, "check interval", checkInterval);
        this.maxParallel = settings.between("max-parallel", maxParallel, 1, 100);
    }

    /** How many machines commission at once: the run commissions the machines in waves of this size, one after the other. */
    public int getMaxParallel() {
        return maxParallel;
    }

    /** How often a commissioning machine is looked at, as ISO-8601 (e.g. {@code PT30S}). */
    public String getCheckInterval() {
        return checkInterval.toString();
    }

    /** How long MAAS may take to commission and test a machine before an ops lead decides, as ISO-8601. */
    public String getDeadline() {
        return deadline.toString();
    }

    @Override
    public String processKey() {
        return PROCESS_KEY;
    }

    /** The run's name (its business key, {@code RunNames}). */
    @Override
    public String name(VariableScope start) {
        return "commission " + RunIdentity.value(start, Variables.MACHINES.name()) + " @ " + RunIdentity.value(start, RunVariables.SITE.name());
    }

    /** At start, before any look at the site ({@code RunNames}): the site is configured and the fields are given. */
    @Override
    public void checkStart(VariableScope start, Sites sites, InputProblems problems) {
        RunIdentity.super.checkStart(start, sites, problems);
        problems.required(Variables.MACHINES.name(), start.getVariable(Variables.MACHINES.name()), "the MAAS hostnames or system ids, separated by commas, e.g. new01,new02");
    }
}
