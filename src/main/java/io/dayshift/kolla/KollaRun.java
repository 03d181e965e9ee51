package io.dayshift.kolla;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A finished kolla-ansible run, whatever its outcome: the evidence for the audit record.
 *
 * @param action    what was run
 * @param command   the command line run (secrets masked)
 * @param exitCode  kolla-ansible's (that is ansible-playbook's) exit code
 * @param outcome   the exit code read together with the recap
 * @param recap     per host, from the last PLAY RECAP (empty if the run never got that far)
 * @param logTail   the end of the output (standard output and error together), secrets masked
 * @param truncated true when the output was longer than what was kept
 * @param took      from its start to its end (deployer clock)
 */
public record KollaRun(KollaAction action, String command, int exitCode, KollaOutcome outcome, Map<String, HostRecap> recap, String logTail,
                       boolean truncated, Duration took) {

    public KollaRun {
        recap = Map.copyOf(recap);
    }

    public boolean succeeded() {
        return outcome == KollaOutcome.SUCCEEDED;
    }

    /** Hosts that failed a task or were unreachable, sorted. */
    public List<String> troubledHosts() {
        return recap.values().stream().filter(HostRecap::troubled).map(HostRecap::host).sorted().toList();
    }
}
