package io.dayshift.runbook.restore;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The DR plan's objectives and the runbook's waits ({@code dayshift.runbooks.dr-restore.*}): RPO 24 h and RTO 4 h, and
 * the escalations at 2 h, 3 h and 4 h from the start. The models read the timers as ISO-8601 durations
 * ({@code ${drRestoreSettings.firstEscalation}}).
 */
@Component("drRestoreSettings")
public class DrRestoreSettings {

    private final Duration rpo;
    private final Duration rto;
    private final Duration firstEscalation;
    private final Duration secondEscalation;
    private final Duration checkInterval;
    private final Duration testInstanceDeadline;

    DrRestoreSettings(
            @Value("${dayshift.runbooks.dr-restore.rpo:PT24H}") Duration rpo,
            @Value("${dayshift.runbooks.dr-restore.rto:PT4H}") Duration rto,
            @Value("${dayshift.runbooks.dr-restore.first-escalation:PT2H}") Duration firstEscalation,
            @Value("${dayshift.runbooks.dr-restore.second-escalation:PT3H}") Duration secondEscalation,
            @Value("${dayshift.runbooks.dr-restore.check-interval:PT30S}") Duration checkInterval,
            @Value("${dayshift.runbooks.dr-restore.test-instance-deadline:PT10M}") Duration testInstanceDeadline) {
        for (Duration d : List.of(rpo, rto, firstEscalation, secondEscalation, checkInterval, testInstanceDeadline)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("dayshift.runbooks.dr-restore: durations must be positive, got " + d);
            }
        }
        if (firstEscalation.compareTo(secondEscalation) >= 0 || secondEscalation.compareTo(rto) >= 0) {
            throw new IllegalArgumentException("dayshift.runbooks.dr-restore: the escalations must come in order before the RTO: first-escalation "
                    + firstEscalation + " < second-escalation " + secondEscalation + " < rto " + rto);
        }
        this.rpo = rpo;
        this.rto = rto;
        this.firstEscalation = firstEscalation;
        this.secondEscalation = secondEscalation;
        this.checkInterval = checkInterval;
        this.testInstanceDeadline = testInstanceDeadline;
    }

    Duration rpo() {
        return rpo;
    }

    Duration rto() {
        return rto;
    }

    Duration testInstanceDeadline() {
        return testInstanceDeadline;
    }

    /** Timer of {@code StartEvent_FirstEscalationDue}. */
    public String getFirstEscalation() {
        return firstEscalation.toString();
    }

    /** Timer of {@code StartEvent_SecondEscalationDue}. */
    public String getSecondEscalation() {
        return secondEscalation.toString();
    }

    /** Timer of {@code StartEvent_RtoBreached}: the RTO itself. */
    public String getRtoBreach() {
        return rto.toString();
    }

    /** How often a detached run and the test instance are looked at. */
    public String getCheckInterval() {
        return checkInterval.toString();
    }
}
