package io.dayshift.runbook.commission;

/**
 * Where one machine ended (so far): {@link Result#READY} after commissioning and testing, {@link Result#FAILED} while an
 * operator decides, then {@link Result#BROKEN} or {@link Result#SKIPPED} by the operator's decision.
 *
 * @param detail what MAAS said: the failed scripts, the refusal, the operator's note
 */
public record MachineOutcome(String systemId, String hostname, Result result, String detail) {

    public enum Result {
        READY, FAILED, BROKEN, SKIPPED
    }

    public String display() {
        return hostname == null || hostname.isEmpty() ? systemId : hostname + " (" + systemId + ")";
    }
}
