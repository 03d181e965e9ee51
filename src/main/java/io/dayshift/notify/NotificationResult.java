package io.dayshift.notify;

import java.util.List;

/** One outcome per channel tried, in a fixed order (chat, then mail). */
public record NotificationResult(List<ChannelOutcome> outcomes) {

    public NotificationResult {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /** True when at least one channel delivered. */
    public boolean anyDelivered() {
        return outcomes.stream().anyMatch(ChannelOutcome::delivered);
    }

    /** True when channels were tried and every one delivered. */
    public boolean allDelivered() {
        return !outcomes.isEmpty() && outcomes.stream().allMatch(ChannelOutcome::delivered);
    }

    /** The outcomes that did not deliver. */
    public List<ChannelOutcome> failures() {
        return outcomes.stream().filter(o -> !o.delivered()).toList();
    }
}
