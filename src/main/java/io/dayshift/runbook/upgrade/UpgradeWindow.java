package io.dayshift.runbook.upgrade;

import java.time.OffsetDateTime;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** {@code Gateway_WindowOpen} reads {@code ${upgradeWindow.open(windowEnd)}}: may a new batch start now, on the engine's clock? */
@Component("upgradeWindow")
public class UpgradeWindow {

    public boolean open(String windowEnd) {
        return ClockUtil.getCurrentTime().toInstant().isBefore(OffsetDateTime.parse(windowEnd).toInstant());
    }
}
