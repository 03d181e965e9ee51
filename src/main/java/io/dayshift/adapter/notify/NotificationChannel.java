package io.dayshift.adapter.notify;

import io.dayshift.notify.Channel;
import io.dayshift.notify.Notification;
import io.dayshift.site.Site;

/** One way of sending; throws when it cannot deliver ({@link FanOutNotifier} turns that into an outcome). */
interface NotificationChannel {

    Channel channel();

    /** True when the site asks for this channel. */
    boolean configuredFor(Site site);

    /** Sends, or throws an unchecked exception whose message names the site and never contains a secret. */
    void send(Site site, Notification notification);
}
