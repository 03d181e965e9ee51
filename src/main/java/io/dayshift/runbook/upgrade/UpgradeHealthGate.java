package io.dayshift.runbook.upgrade;

import io.dayshift.runbook.healthcheck.Finding;
import io.dayshift.runbook.healthcheck.Health;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code Gateway_SiteGreen}: an upgrade starts on a GREEN site, or on one that is AMBER only because compute hosts are
 * disabled — hosts out of service for maintenance, which the plan lists and the upgrade leaves disabled. Any other finding
 * stops it before anything changes. The model reads {@code ${upgradeHealthGate.passes(health, healthFindings)}}.
 */
@Component("upgradeHealthGate")
public class UpgradeHealthGate {

    public boolean passes(String health, List<Finding> findings) {
        if (Health.GREEN.name().equals(health)) {
            return true;
        }
        return Health.AMBER.name().equals(health) && findings != null && !findings.isEmpty()
                && findings.stream().allMatch(f -> f.health() == Health.AMBER && f.check().equals("compute-services") && f.message().startsWith("is disabled"));
    }
}
