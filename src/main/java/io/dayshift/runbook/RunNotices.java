package io.dayshift.runbook;

import io.dayshift.engine.RunLog;
import io.dayshift.engine.StepRecord;
import io.dayshift.notify.ChannelOutcome;
import io.dayshift.notify.Notification;
import io.dayshift.notify.NotificationResult;
import io.dayshift.notify.Notifier;
import io.dayshift.site.Site;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Tells a site's people something (chat and mail, as the site's {@code notify} settings say) and records what each channel
 * did as a step of the current activity: {@code notify [SEV2] <subject>}, {@code chat delivered, mail NOT delivered}. A
 * channel that fails never fails the step.
 */
@Component
public class RunNotices {

    private final Notifier notifier;

    RunNotices(Notifier notifier) {
        this.notifier = notifier;
    }

    public NotificationResult send(DelegateExecution execution, Site site, Notification notification) {
        NotificationResult result = notifier.notify(site, notification);
        String outcome = result.outcomes().isEmpty() ? "no channel configured (dayshift.sites." + site.name() + ".notify)"
                : result.outcomes().stream().map(o -> o.channel().name().toLowerCase() + (o.delivered() ? " delivered" : " NOT delivered"))
                .collect(Collectors.joining(", "));
        RunLog.record(execution, new StepRecord(null, "notify [" + notification.severity() + "] " + notification.subject(), site.name(), outcome,
                null, result.failures().stream().map(ChannelOutcome::detail).collect(Collectors.joining("\n")), ClockUtil.getCurrentTime().toInstant()));
        return result;
    }
}
