package io.dayshift.notify;

import io.dayshift.site.Site;

/**
 * Tells people about something a runbook found (a Sev-1 incident): over every channel configured for the site under
 * {@code dayshift.sites.<site>.notify}. Sending never fails the caller: a channel that cannot deliver is logged and
 * reported in the result, so an incident is never held up because chat or mail is down.
 */
public interface Notifier {

    /** Sends the notification over every channel of the site; the result has one outcome per channel tried (none if the site has none). */
    NotificationResult notify(Site site, Notification notification);
}
