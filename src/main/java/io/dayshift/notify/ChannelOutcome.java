package io.dayshift.notify;

import java.util.Objects;

/**
 * What happened on one channel.
 *
 * @param channel   the channel
 * @param delivered true when the chat service or the mail server accepted the message
 * @param detail    why not, when not delivered (site, channel and reason; never a secret); empty when delivered
 */
public record ChannelOutcome(Channel channel, boolean delivered, String detail) {

    public ChannelOutcome {
        Objects.requireNonNull(channel, "channel");
        detail = detail == null ? "" : detail;
    }

    public static ChannelOutcome delivered(Channel channel) {
        return new ChannelOutcome(channel, true, "");
    }

    public static ChannelOutcome failed(Channel channel, String detail) {
        return new ChannelOutcome(channel, false, detail);
    }
}
